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
 * Facts about the app around a data model that the analysis needs. The host (the CLI or the
 * language server) reads them from disk, because the library never does.
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

export interface TextEdit {
  range: Range;
  newText: string;
}

export type CompletionKind = 'snippet' | 'property' | 'value' | 'field' | 'reference' | 'module';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label, such as a field's type. */
  detail?: string;
  /** Markdown shown when the item is selected. */
  documentation?: string;
  /** The edit that accepting the item makes; it replaces the whole half-typed word. */
  textEdit: TextEdit;
  /** True when `textEdit.newText` is an LSP snippet with `${1:...}` placeholders. */
  snippet: boolean;
  sortText?: string;
  filterText?: string;
  /** True when the editor should ask for completions again after accepting, as in `type="|"`. */
  triggerSuggest?: boolean;
}

/** The cause of a completion request: a typed trigger character or an explicit request. */
export interface CompletionTrigger {
  /**
   * The character whose typing started the request (`<`, `/`, space, `"` or `=`), or undefined
   * when the user asked for completions explicitly.
   */
  character?: string;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor';
  /** The diagnostics this action fixes, as they were passed in. */
  diagnostics: Diagnostic[];
  edits: TextEdit[];
  isPreferred?: boolean;
}

export type SymbolKind = 'model' | 'field' | 'relationship' | 'webhook' | 'condition';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole element. */
  range: Range;
  /** The name to highlight: the `name` value or the tag name. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

/** The target of go to definition: a place in this document or a CloudCode task folder. */
export type DefinitionTarget =
  { kind: 'range'; range: Range } | { kind: 'cloudcode-task'; task: string };
