import type { AnalysedDocument } from '../document';
import type { AppContext, CodeAction, Diagnostic, Range } from '../types';

export function codeActions(
  _document: AnalysedDocument,
  _range: Range,
  _diagnostics: readonly Diagnostic[],
  _app: AppContext,
): CodeAction[] {
  return [];
}
