// Plain data shared by the analysis library, the language server and the CLI.
// Positions follow the Language Server Protocol: 0-based lines, and characters
// counted in UTF-16 code units, so they can be handed to an LSP client as they are.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of character offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** A stable code from the catalogue, such as `webhook-type-invalid`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  source: string;
  related?: RelatedInformation[];
  /** Facts that quick fixes use, such as the suggested replacement. */
  data?: DiagnosticData;
}

export interface DiagnosticData {
  /** The value or name that would fix the problem, when one is clear. */
  suggestion?: string;
}

/**
 * What the analysis needs to know about the app around a data model. The host
 * (the CLI or the language server) reads it from disk; the library never does.
 */
export interface AppContext {
  /**
   * Names of the folders under the app's `cloudcode/` folder, or undefined when the
   * app has no `cloudcode/` folder (then CloudCode actions are not checked).
   */
  cloudCodeTasks?: readonly string[];
}

/** One edit to a document, as LSP incremental sync sends it: offsets into the old text. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}
