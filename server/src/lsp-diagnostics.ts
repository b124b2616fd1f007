import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from './analysis/types';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

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
