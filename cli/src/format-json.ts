import { pathToFileURL } from 'url';
import type { Diagnostic, Range } from '../../server/src/analysis/types';
import { countSeverities, type CheckResults } from './results';

/**
 * The `--format json` document. A field is removed or changes meaning only with a new
 * `formatVersion`, but fields may be added within a version.
 */
export interface JsonReport {
  formatVersion: 1;
  tool: { name: string; version: string };
  files: JsonFile[];
  /** Files named on the command line that are not data models. */
  skipped: { path: string; reason: string }[];
  /** Paths that could not be read. Any entry makes the exit status 2. */
  inputErrors: { path: string; message: string }[];
  /** Messages that belong to no single file, such as a folder without data models. */
  notes: string[];
  summary: { errors: number; warnings: number; information: number; hints: number; files: number };
}

export interface JsonFile {
  path: string;
  uri: string;
  kind: 'data-model' | 'schema';
  diagnostics: JsonDiagnostic[];
}

/** A diagnostic with the LSP's 0-based range, characters counted in UTF-16 code units. */
export interface JsonDiagnostic {
  range: Range;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  source: string;
  related: { range: Range; message: string }[];
}

/** Builds the JSON document for tools: one object, written to stdout in one piece. */
export function formatJson(results: CheckResults, toolVersion: string): string {
  const report: JsonReport = {
    formatVersion: 1,
    tool: { name: 'oxide-webhooks', version: toolVersion },
    files: results.files.map((file) => ({
      path: file.displayPath,
      uri: pathToFileURL(file.absolutePath).href,
      kind: file.kind,
      diagnostics: file.diagnostics.map(toJsonDiagnostic),
    })),
    skipped: results.skipped.map((item) => ({ path: item.displayPath, reason: item.reason })),
    inputErrors: results.failures.map((item) => ({
      path: item.displayPath,
      message: item.message,
    })),
    notes: results.notes,
    summary: { ...countSeverities(results.files), files: results.files.length },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  return {
    range: diagnostic.range,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    source: diagnostic.source,
    related: (diagnostic.related ?? []).map((item) => ({
      range: item.range,
      message: item.message,
    })),
  };
}
