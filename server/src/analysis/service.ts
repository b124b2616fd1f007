// The single entry point to the analysis library. The language server, the CLI and the
// tests call these functions; none of them reaches into the modules behind it.

import { AnalysedDocument } from './document';
import { codeActions } from './features/code-actions';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { definition, prepareRename, references, rename } from './features/navigation';
import { documentSymbols } from './features/symbols';
import { validateDocument } from './validate';
import type {
  AppContext,
  CodeAction,
  CompletionItem,
  CompletionTrigger,
  DefinitionTarget,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Position,
  Range,
  TextChange,
  TextEdit,
} from './types';

export interface WebhookService {
  /** Parses a whole text. A UTF-8 byte order mark at the start is ignored by position. */
  parse(text: string): AnalysedDocument;

  /**
   * Applies edits (offsets into the previous text, applied in order) and re-analyses only
   * the models they touched, falling back to a full parse when an edit crosses a model.
   * The previous document must not be used afterwards.
   */
  update(previous: AnalysedDocument, changes: readonly TextChange[]): AnalysedDocument;

  /** Returns every diagnostic for the document, or none when it is not a data model. */
  validate(document: AnalysedDocument, app?: AppContext): Diagnostic[];

  /**
   * Returns completions at `position`. With a trigger character, returns nothing where that
   * character does not start something to complete.
   */
  complete(
    document: AnalysedDocument,
    position: Position,
    app?: AppContext,
    trigger?: CompletionTrigger,
  ): CompletionItem[];

  hover(document: AnalysedDocument, position: Position, app?: AppContext): Hover | undefined;

  /** Returns quick fixes for `diagnostics` (as `validate` returned them) that touch `range`. */
  codeActions(
    document: AnalysedDocument,
    range: Range,
    diagnostics: readonly Diagnostic[],
    app?: AppContext,
  ): CodeAction[];

  symbols(document: AnalysedDocument): DocumentSymbol[];

  definition(document: AnalysedDocument, position: Position): DefinitionTarget[];

  references(document: AnalysedDocument, position: Position, includeDeclaration: boolean): Range[];

  prepareRename(
    document: AnalysedDocument,
    position: Position,
  ): { range: Range; placeholder: string } | undefined;

  /** Returns the edits that rename a model field and the webhook conditions naming it. */
  rename(
    document: AnalysedDocument,
    position: Position,
    newName: string,
  ): TextEdit[] | { error: string };
}

export function createWebhookService(): WebhookService {
  return {
    parse: (text) => AnalysedDocument.parse(text),
    update: (previous, changes) => previous.update(changes),
    validate: (document, app) => validateDocument(document, app ?? {}),
    complete: (document, position, app, trigger) =>
      complete(document, position, app ?? {}, trigger ?? {}),
    hover: (document, position, app) => hover(document, position, app ?? {}),
    codeActions: (document, range, diagnostics, app) =>
      codeActions(document, range, diagnostics, app ?? {}),
    symbols: (document) => documentSymbols(document),
    definition: (document, position) => definition(document, position),
    references: (document, position, includeDeclaration) =>
      references(document, position, includeDeclaration),
    prepareRename: (document, position) => prepareRename(document, position),
    rename: (document, position, newName) => rename(document, position, newName),
  };
}
