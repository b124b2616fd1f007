import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from './analysis/types';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Keeps at most `limit` diagnostics, the most severe first, in their original order. A file
 * with thousands of problems would otherwise flood the editor with one huge message.
 */
export function mostSevere(
  diagnostics: readonly Diagnostic[],
  limit: number,
): readonly Diagnostic[] {
  if (diagnostics.length <= limit) {
    return diagnostics;
  }
  const kept = diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.diagnostic.severity] - SEVERITY_RANK[b.diagnostic.severity] ||
        a.index - b.index,
    )
    .slice(0, limit);
  kept.sort((a, b) => a.index - b.index);
  return kept.map((item) => item.diagnostic);
}

/** Converts the analysis library's diagnostics of one document to LSP diagnostics. */
export function toLspDiagnostics(uri: string, diagnostics: readonly Diagnostic[]): LspDiagnostic[] {
  return diagnostics.map((diagnostic) => toLspDiagnostic(uri, diagnostic));
}

function toLspDiagnostic(uri: string, diagnostic: Diagnostic): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: diagnostic.source,
    message: diagnostic.message,
  };
  if (diagnostic.related !== undefined && diagnostic.related.length > 0) {
    // The library reports related locations without a URI because they are in the same document.
    converted.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri, range: related.range },
      message: related.message,
    }));
  }
  if (diagnostic.data !== undefined) {
    converted.data = diagnostic.data;
  }
  return converted;
}
