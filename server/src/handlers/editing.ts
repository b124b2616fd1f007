import {
  CompletionItemKind,
  CompletionTriggerKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem as LspCompletionItem,
  type CompletionParams,
  type Connection,
  type Hover as LspHover,
  type HoverParams,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { AnalysedDocument } from '../analysis/document';
import type { WebhookService } from '../analysis/service';
import type { CompletionItem, CompletionKind } from '../analysis/types';
import type { AppContextCache } from '../app-context';
import type { DocumentStore } from '../documents';
import { guardRequest } from '../guard';
import type { Logger } from '../logger';

/** The server's parts that the completion and hover handlers use. */
export interface EditingContext {
  service: WebhookService;
  documents: DocumentStore;
  appContexts: AppContextCache;
  logger: Logger;
}

/** The characters after which the editor requests completions by itself. */
export const COMPLETION_TRIGGER_CHARACTERS = ['<', '/', ' ', '"', '='];

/** Returns the capabilities of the completion and hover handlers. */
export function editingCapabilities(): ServerCapabilities {
  return {
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
    hoverProvider: true,
  };
}

/**
 * Registers the completion and hover handlers. Both read the analysed document that the
 * store keeps for the current version, without parsing it again.
 */
export function registerEditingHandlers(connection: Connection, context: EditingContext): void {
  const { logger } = context;
  connection.onCompletion(
    guardRequest(
      logger,
      'compute completions',
      uriOf,
      (params) => completions(context, params),
      [],
    ),
  );
  connection.onHover(
    guardRequest(logger, 'compute the hover', uriOf, (params) => hover(context, params), null),
  );
}

async function completions(
  context: EditingContext,
  params: CompletionParams,
): Promise<LspCompletionItem[]> {
  const uri = params.textDocument.uri;
  const app = await context.appContexts.contextFor(uri);
  // Read the document after the wait, so a change that arrived meanwhile is seen.
  const document = analysedDocument(context, uri);
  if (document === undefined) {
    return [];
  }
  const character =
    params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter
      ? params.context.triggerCharacter
      : undefined;
  const items = context.service.complete(document, params.position, app, { character });
  return items.map(toLspCompletionItem);
}

async function hover(context: EditingContext, params: HoverParams): Promise<LspHover | null> {
  const uri = params.textDocument.uri;
  const app = await context.appContexts.contextFor(uri);
  const document = analysedDocument(context, uri);
  const found =
    document === undefined ? undefined : context.service.hover(document, params.position, app);
  if (found === undefined) {
    return null;
  }
  return { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: found.range };
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  snippet: CompletionItemKind.Snippet,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  field: CompletionItemKind.Field,
  reference: CompletionItemKind.Reference,
  module: CompletionItemKind.Module,
};

/**
 * Opens the completion list again after an item is accepted. The command belongs to VS Code, so
 * other clients may ignore it.
 */
const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

function toLspCompletionItem(item: CompletionItem): LspCompletionItem {
  const converted: LspCompletionItem = {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    textEdit: item.textEdit,
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The library indents every line of a multi-line snippet itself.
    insertTextMode: InsertTextMode.asIs,
  };
  if (item.detail !== undefined) {
    converted.detail = item.detail;
  }
  if (item.documentation !== undefined) {
    converted.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  }
  if (item.sortText !== undefined) {
    converted.sortText = item.sortText;
  }
  if (item.filterText !== undefined) {
    converted.filterText = item.filterText;
  }
  if (item.triggerSuggest === true) {
    converted.command = TRIGGER_SUGGEST;
  }
  return converted;
}

function uriOf<P extends { textDocument: { uri: string } }>(params: P): string {
  return params.textDocument.uri;
}

/** Returns the analysed form of an open document, or undefined when it is not open. */
function analysedDocument(context: EditingContext, uri: string): AnalysedDocument | undefined {
  const document = context.documents.get(uri);
  return document === undefined ? undefined : context.documents.analysedOf(document);
}
