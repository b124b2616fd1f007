import type { AnalysedDocument } from '../document';
import type { AppContext, CompletionItem, Position } from '../types';

export function complete(_document: AnalysedDocument, _position: Position, _app: AppContext): CompletionItem[] {
  return [];
}
