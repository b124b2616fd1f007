import type { DiagnosticCode } from '../catalogue';
import type { AnalysedDocument } from '../document';
import { locate } from '../locate';
import { CONDITION_VALUES } from '../rules/condition-values';
import { WEBHOOK_TYPES } from '../rules/webhook-type';
import type { AppContext, CodeAction, Diagnostic, Position, Range } from '../types';
import { removeDuplicateCondition, removeInapplicableAttribute } from './code-action-condition';
import type { FixBuilder } from './code-action-fixes';
import {
  renameAttribute,
  replaceCloudCodeTask,
  replaceInvalidName,
  replaceWithAllowedValue,
  replaceWithSuggestion,
} from './code-action-replace';
import {
  addAction,
  addName,
  addType,
  makeNameUnique,
  moveToEnd,
  removeOrCompleteAction,
} from './code-action-webhook';

/** The quick fixes of each diagnostic code that has one. Codes not listed get none. */
const FIXES: Partial<Record<DiagnosticCode, FixBuilder>> = {
  'webhook-not-last': moveToEnd,
  'webhook-type-missing': addType,
  'webhook-type-invalid': replaceWithAllowedValue(WEBHOOK_TYPES),
  'webhook-name-missing': addName,
  'webhook-name-invalid': replaceInvalidName,
  'webhook-name-duplicate': makeNameUnique,
  'webhook-receiver-invalid': replaceWithSuggestion,
  'webhook-action-missing': addAction,
  'webhook-action-without-receiver': removeOrCompleteAction,
  'webhook-action-unknown-task': replaceCloudCodeTask,
  'webhook-attribute-unknown': renameAttribute,
  'condition-field-unknown': replaceWithSuggestion,
  'condition-duplicate': removeDuplicateCondition,
  'condition-attribute-unknown': renameAttribute,
  'condition-required-invalid': replaceWithAllowedValue(CONDITION_VALUES.required),
  'condition-embed-invalid': replaceWithAllowedValue(CONDITION_VALUES.embed),
  'condition-state-invalid': replaceWithAllowedValue(CONDITION_VALUES.state),
  'condition-state-not-attachment': removeInapplicableAttribute,
  'condition-embed-not-applicable': removeInapplicableAttribute,
  'relationship-model-unknown': replaceWithSuggestion,
};

/**
 * Builds the quick fixes for the diagnostics that touch `range`. The diagnostics must be
 * the ones `validate` returned for this version of the document, because each fix finds
 * its element from the diagnostic's range.
 */
export function codeActions(
  document: AnalysedDocument,
  range: Range,
  diagnostics: readonly Diagnostic[],
  app: AppContext,
): CodeAction[] {
  const lines = document.lines;
  const actions: CodeAction[] = [];

  for (const diagnostic of diagnostics) {
    const build = FIXES[diagnostic.code as DiagnosticCode];
    if (build === undefined || !touches(diagnostic.range, range)) {
      continue;
    }
    const span = {
      start: lines.offsetAt(diagnostic.range.start),
      end: lines.offsetAt(diagnostic.range.end),
    };
    const context = {
      document,
      text: document.text,
      diagnostic,
      span,
      location: locate(document, span.start),
      app,
    };
    for (const fix of build(context)) {
      const action: CodeAction = {
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edits: fix.edits.map((edit) => ({
          range: lines.rangeOf(edit.span),
          newText: edit.newText,
        })),
      };
      if (fix.preferred === true) {
        action.isPreferred = true;
      }
      actions.push(action);
    }
  }
  return actions;
}

/** True when the ranges overlap or meet, so a cursor at a diagnostic's edge still counts. */
function touches(a: Range, b: Range): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
