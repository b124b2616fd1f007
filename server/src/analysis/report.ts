import { DIAGNOSTIC_SOURCE, severityOf, type DiagnosticCode } from './catalogue';
import type { LineIndex } from './text';
import type { Diagnostic, DiagnosticData, Span } from './types';

/**
 * A diagnostic whose places are still offsets. Rules produce these; they become LSP ranges
 * only on output, so a cached model's diagnostics can be moved when text before it changes.
 */
export interface DraftDiagnostic {
  code: DiagnosticCode;
  span: Span;
  message: string;
  related?: { span: Span; message: string }[];
  data?: DiagnosticData;
}

export type Report = (diagnostic: DraftDiagnostic) => void;

/** Makes the final diagnostic: the one place that sets the source and the severity. */
export function toDiagnostic(draft: DraftDiagnostic, lines: LineIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    code: draft.code,
    severity: severityOf(draft.code),
    message: draft.message,
    range: lines.rangeOf(draft.span),
    source: DIAGNOSTIC_SOURCE,
  };
  if (draft.related !== undefined && draft.related.length > 0) {
    diagnostic.related = draft.related.map((item) => ({
      range: lines.rangeOf(item.span),
      message: item.message,
    }));
  }
  if (draft.data !== undefined) {
    diagnostic.data = draft.data;
  }
  return diagnostic;
}

/**
 * Copies a draft with spans of its own. Rules report the scanner's span objects, which move
 * when text before them changes. A cached diagnostic must move separately, exactly once.
 */
export function detachDraft(draft: DraftDiagnostic): DraftDiagnostic {
  return {
    ...draft,
    span: { start: draft.span.start, end: draft.span.end },
    related: draft.related?.map((item) => ({
      ...item,
      span: { start: item.span.start, end: item.span.end },
    })),
  };
}

export function shiftDraft(draft: DraftDiagnostic, delta: number): void {
  draft.span.start += delta;
  draft.span.end += delta;
  for (const item of draft.related ?? []) {
    item.span.start += delta;
    item.span.end += delta;
  }
}
