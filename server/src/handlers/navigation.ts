import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  type ClientCapabilities,
  type CodeAction as LspCodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol as LspDocumentSymbol,
  type DocumentSymbolParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type ServerCapabilities,
  type TextDocumentPositionParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../analysis/catalogue';
import type { AnalysedDocument } from '../analysis/document';
import type { WebhookService } from '../analysis/service';
import type {
  Diagnostic,
  DocumentSymbol,
  SymbolKind as WebhookSymbolKind,
} from '../analysis/types';
import type { AppContextCache } from '../app-context';
import type { DocumentStore } from '../documents';
import { guardRequest } from '../guard';
import type { Logger } from '../logger';
import { cloudCodeTaskUri } from './cloudcode-task-location';

/** Server services that the quick fix and navigation handlers use. */
export interface NavigationContext {
  service: WebhookService;
  documents: DocumentStore;
  appContexts: AppContextCache;
  logger: Logger;
}

/**
 * Returns the capabilities of the quick fix and navigation handlers. Rename is prepared
 * first only when the client supports it, as LSP requires.
 */
export function navigationCapabilities(client: ClientCapabilities): ServerCapabilities {
  const prepareSupport = client.textDocument?.rename?.prepareSupport === true;
  return {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: prepareSupport ? { prepareProvider: true } : true,
  };
}

/** Registers the code action, document symbol, definition, references and rename handlers. */
export function registerNavigationHandlers(
  connection: Connection,
  context: NavigationContext,
): void {
  const { logger } = context;

  connection.onCodeAction(
    guardRequest(
      logger,
      'compute quick fixes',
      documentUri,
      (params) => quickFixes(context, params),
      [],
    ),
  );
  connection.onDocumentSymbol(
    guardRequest(
      logger,
      'list document symbols',
      documentUri,
      (params) => symbols(context, params),
      [],
    ),
  );
  connection.onDefinition(
    guardRequest(
      logger,
      'find the definition',
      documentUri,
      (params) => definitions(context, params),
      [],
    ),
  );
  connection.onReferences(
    guardRequest(
      logger,
      'find references',
      documentUri,
      (params) => references(context, params),
      [],
    ),
  );
  connection.onPrepareRename(
    guardRequest(
      logger,
      'prepare rename',
      documentUri,
      (params) => prepareRename(context, params),
      null,
    ),
  );
  connection.onRenameRequest(
    guardRequest(logger, 'rename', documentUri, (params) => rename(context, params), null),
  );
}

/**
 * Returns the quick fixes for the client's diagnostics in the request. Those may be older
 * than the document, so the document is validated again and only diagnostics that still
 * exist with the same code and range get fixes.
 */
async function quickFixes(
  context: NavigationContext,
  params: CodeActionParams,
): Promise<LspCodeAction[]> {
  const only = params.context.only;
  if (
    only !== undefined &&
    !only.some((kind) => kind === '' || isKindOf(CodeActionKind.QuickFix, kind))
  ) {
    return [];
  }
  const uri = params.textDocument.uri;
  const app = await context.appContexts.contextFor(uri);
  const document = analysedDocument(context, uri);
  if (document === undefined) {
    return [];
  }

  const current = context.service.validate(document, app);
  const clientDiagnostic = new Map<Diagnostic, LspDiagnostic>();
  for (const sent of params.context.diagnostics) {
    const match = current.find(
      (diagnostic) =>
        sent.source === DIAGNOSTIC_SOURCE &&
        sent.code === diagnostic.code &&
        sameRange(sent.range, diagnostic.range),
    );
    if (match !== undefined) {
      clientDiagnostic.set(match, sent);
    }
  }

  const actions = context.service.codeActions(
    document,
    params.range,
    [...clientDiagnostic.keys()],
    app,
  );
  return actions.map((action) => {
    const converted: LspCodeAction = {
      title: action.title,
      kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
      diagnostics: action.diagnostics.map((diagnostic) => clientDiagnostic.get(diagnostic)!),
      edit: { changes: { [uri]: action.edits } },
    };
    if (action.isPreferred === true) {
      converted.isPreferred = true;
    }
    return converted;
  });
}

function symbols(context: NavigationContext, params: DocumentSymbolParams): LspDocumentSymbol[] {
  const document = analysedDocument(context, params.textDocument.uri);
  return document === undefined ? [] : context.service.symbols(document).map(toLspSymbol);
}

/**
 * Returns definitions as locations. A CloudCode task leads to a file or the folder under
 * the app's `cloudcode/`, looked up on disk here because the library never reads files.
 */
async function definitions(
  context: NavigationContext,
  params: TextDocumentPositionParams,
): Promise<Location[]> {
  const uri = params.textDocument.uri;
  const document = analysedDocument(context, uri);
  if (document === undefined) {
    return [];
  }
  const locations: Location[] = [];
  for (const target of context.service.definition(document, params.position)) {
    if (target.kind === 'range') {
      locations.push({ uri, range: target.range });
      continue;
    }
    const appFolder = context.appContexts.appFolderOf(uri);
    const taskUri =
      appFolder === undefined
        ? undefined
        : await cloudCodeTaskUri(appFolder, target.task, context.logger);
    if (taskUri !== undefined) {
      locations.push({ uri: taskUri, range: START_OF_FILE });
    }
  }
  return locations;
}

function references(context: NavigationContext, params: ReferenceParams): Location[] {
  const uri = params.textDocument.uri;
  const document = analysedDocument(context, uri);
  if (document === undefined) {
    return [];
  }
  const ranges = context.service.references(
    document,
    params.position,
    params.context.includeDeclaration,
  );
  return ranges.map((range) => ({ uri, range }));
}

function prepareRename(
  context: NavigationContext,
  params: PrepareRenameParams,
): { range: Range; placeholder: string } | null {
  const document = analysedDocument(context, params.textDocument.uri);
  return (
    (document === undefined
      ? undefined
      : context.service.prepareRename(document, params.position)) ?? null
  );
}

function rename(
  context: NavigationContext,
  params: RenameParams,
): WorkspaceEdit | ResponseError<void> | null {
  // The client's JSON is not checked against the protocol types, so newName may be anything.
  const newName: unknown = params.newName;
  if (typeof newName !== 'string') {
    return new ResponseError(ErrorCodes.InvalidParams, invalidNewNameMessage(newName));
  }
  const uri = params.textDocument.uri;
  const document = analysedDocument(context, uri);
  if (document === undefined) {
    return null;
  }
  const result = context.service.rename(document, params.position, newName);
  if ('error' in result) {
    // An error response shows the reason in the editor, but a null result would not.
    return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
  }
  return { changes: { [uri]: result } };
}

function invalidNewNameMessage(newName: unknown): string {
  if (newName === undefined) {
    return 'Missing newName. The new name must be a string.';
  }
  const json = JSON.stringify(newName);
  const excerpt = json.length > 40 ? `${json.slice(0, 40)}...` : json;
  return `Invalid newName ${excerpt}. The new name must be a string.`;
}

const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const SYMBOL_KINDS: Record<WebhookSymbolKind, SymbolKind> = {
  model: SymbolKind.Class,
  field: SymbolKind.Field,
  relationship: SymbolKind.Field,
  webhook: SymbolKind.Event,
  condition: SymbolKind.Property,
};

function toLspSymbol(symbol: DocumentSymbol): LspDocumentSymbol {
  const converted: LspDocumentSymbol = {
    name: symbol.name,
    kind: SYMBOL_KINDS[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toLspSymbol),
  };
  if (symbol.detail !== undefined) {
    converted.detail = symbol.detail;
  }
  return converted;
}

function documentUri<P extends { textDocument: { uri: string } }>(params: P): string {
  return params.textDocument.uri;
}

/** Returns the analysed form of an open document, or undefined when it is not open. */
function analysedDocument(context: NavigationContext, uri: string): AnalysedDocument | undefined {
  const document = context.documents.get(uri);
  return document === undefined ? undefined : context.documents.analysedOf(document);
}

/** True when `kind` is `parent` or a sub-kind of it, as `refactor.extract` is of `refactor`. */
function isKindOf(kind: string, parent: string): boolean {
  return kind === parent || kind.startsWith(`${parent}.`);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
