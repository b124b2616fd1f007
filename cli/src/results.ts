import type { Diagnostic, Range } from '../../server/src/analysis/types';

/** A data model that was analysed. */
export interface CheckedFile {
  absolutePath: string;
  /** The path shown to people, relative to the current folder when the file is inside it. */
  displayPath: string;
  kind: 'data-model' | 'schema';
  /** Sorted by position, see `compareDiagnostics`. */
  diagnostics: Diagnostic[];
}

/** A file named on the command line that is readable but not a data model. */
export interface SkippedFile {
  displayPath: string;
  reason: string;
}

/** A path that could not be read, which makes the exit status 2. */
export interface InputFailure {
  displayPath: string;
  message: string;
}

export interface CheckResults {
  files: CheckedFile[];
  skipped: SkippedFile[];
  failures: InputFailure[];
  /**
   * Messages about the run that belong to no single file, such as a folder without data
   * models or a `cloudcode/` folder that cannot be listed.
   */
  notes: string[];
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

export function countSeverities(files: readonly CheckedFile[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const file of files) {
    for (const diagnostic of file.diagnostics) {
      if (diagnostic.severity === 'error') {
        counts.errors++;
      } else if (diagnostic.severity === 'warning') {
        counts.warnings++;
      } else if (diagnostic.severity === 'information') {
        counts.information++;
      } else {
        counts.hints++;
      }
    }
  }
  return counts;
}

const SEVERITY_RANK = { error: 0, warning: 1, information: 2, hint: 3 };

/** Orders diagnostics by start, then end, then severity (errors first), then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    comparePositions(a.range, b.range) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.code, b.code)
  );
}

/** Compares by UTF-16 code units, so the order does not depend on the locale. */
export function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

function comparePositions(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}
