import type { AnalysedDocument, ModelEntry } from './document';
import { detachDraft, toDiagnostic, type DraftDiagnostic } from './report';
import { DOCUMENT_RULES, MODEL_RULES } from './rules';
import type { SyntaxProblem } from './wellformed';
import type { AppContext, Diagnostic } from './types';

/**
 * Runs every rule. A model's own diagnostics are computed once and reused until that model is
 * edited. Rules across models run each time, which costs a pass over the index, not the text.
 */
export function validateDocument(document: AnalysedDocument, app: AppContext): Diagnostic[] {
  if (document.kind === 'other') {
    return [];
  }
  const drafts: DraftDiagnostic[] = [];
  addSyntaxProblems(document.syntax, drafts);

  for (const entry of document.models) {
    addSyntaxProblems(entry.syntax, drafts);
    for (const draft of localDiagnostics(entry, document.text)) {
      drafts.push(draft);
    }
  }

  const models = document.models.map((entry) => entry.index);
  const report = (draft: DraftDiagnostic) => drafts.push(draft);
  for (const rule of DOCUMENT_RULES) {
    rule.check({ document, models, app }, report);
  }

  drafts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return drafts.map((draft) => toDiagnostic(draft, document.lines));
}

function localDiagnostics(entry: ModelEntry, text: string): DraftDiagnostic[] {
  if (entry.local === undefined) {
    const local: DraftDiagnostic[] = [];
    const report = (draft: DraftDiagnostic) => local.push(detachDraft(draft));
    for (const rule of MODEL_RULES) {
      rule.check(entry.index, report, text);
    }
    entry.local = local;
  }
  return entry.local;
}

function addSyntaxProblems(problems: readonly SyntaxProblem[], drafts: DraftDiagnostic[]): void {
  for (const problem of problems) {
    drafts.push({
      code: problem.severity === 'error' ? 'xml-syntax-error' : 'xml-syntax-warning',
      span: problem.span,
      message: problem.message,
    });
  }
}
