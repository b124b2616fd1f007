import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createWebhookService } from './analysis/service';
import { AppContextCache } from './app-context';
import { DiagnosticsDelivery } from './diagnostics-delivery';
import { DocumentStore } from './documents';
import { guardNotification, guardRequest } from './guard';
import { editingCapabilities, registerEditingHandlers } from './handlers/editing';
import { navigationCapabilities, registerNavigationHandlers } from './handlers/navigation';
import { createLogger } from './logger';
import { mostSevere, toLspDiagnostics } from './lsp-diagnostics';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTION,
  decodeSettings,
  type ServerSettings,
} from './settings';

export interface ServerInfo {
  name: string;
  version: string;
}

/** The state of a started server that its executable needs to exit correctly. */
export interface RunningServer {
  /** True once the client has sent the shutdown request. */
  readonly shutdownReceived: boolean;
}

/** Options a client may send in `initializationOptions`. */
interface InitializationOptions {
  /** False when the client watches the files itself, as the VS Code extension does. */
  registerFileWatchers?: boolean;
}

/** Globs of the files whose changes the server registers to be notified of. */
const WATCHED_FILES = ['**/*.xml', '**/cloudcode/**'];

/** Wires the LSP handlers to the analysis library and starts listening on the connection. */
export function startServer(connection: Connection, info: ServerInfo): RunningServer {
  const logger = createLogger(connection.console);
  const service = createWebhookService();
  const documents = new DocumentStore(service, logger);
  const appContexts = new AppContextCache((message) => logger.error(message));
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let capabilities: ClientCapabilities = {};
  let registerFileWatchers = true;

  const delivery = new DiagnosticsDelivery({
    delay: () => settings.validationDelay,
    publish: (params) => {
      connection
        .sendDiagnostics(params)
        .catch((error) => logger.error(`Failed to publish diagnostics for ${params.uri}`, error));
    },
    logError: (message, error) => logger.error(message, error),
    compute: async (uri) => {
      const app = await appContexts.contextFor(uri);
      const document = documents.get(uri);
      if (document === undefined) {
        return undefined;
      }
      const diagnostics = service.validate(documents.analysedOf(document), app);
      const published = mostSevere(diagnostics, settings.maxNumberOfProblems);
      return { version: document.version, diagnostics: toLspDiagnostics(uri, published) };
    },
  });

  const loadSettings = async (pushed?: unknown) => {
    const section = capabilities.workspace?.configuration
      ? await connection.workspace.getConfiguration(SETTINGS_SECTION)
      : pushed;
    const decoded = decodeSettings(section);
    decoded.problems.forEach((problem) => logger.warn(problem));
    settings = decoded.settings;
  };

  const onInitialize = (params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    registerFileWatchers = options.registerFileWatchers !== false;
    return initializeResult(info, params.capabilities);
  };

  const onInitialized = async () => {
    logger.info(`${info.name} ${info.version} started (Node.js ${process.version}).`);
    await registerNotifications(connection, capabilities, registerFileWatchers);
    await loadSettings();
  };

  const onDidChangeConfiguration = async (params: DidChangeConfigurationParams) => {
    const pushed = (params.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    await loadSettings(pushed);
  };

  const onDidOpen = (params: DidOpenTextDocumentParams) => {
    const { uri, version, text } = params.textDocument;
    documents.open(uri, version, text);
    appContexts.forgetAppOf(uri);
    delivery.schedule(uri, true);
  };

  const onDidChange = (params: DidChangeTextDocumentParams) => {
    const { uri, version } = params.textDocument;
    documents.change(uri, version, params.contentChanges);
    delivery.schedule(uri);
  };

  const onDidClose = (params: DidCloseTextDocumentParams) => {
    documents.close(params.textDocument.uri);
    delivery.clear(params.textDocument.uri);
  };

  const onDidChangeWatchedFiles = (params: DidChangeWatchedFilesParams) =>
    handleWatchedFiles(params, { documents, appContexts, delivery });

  const fallback = initializeResult(info);
  connection.onInitialize(guardRequest(logger, 'initialize', noUri, onInitialize, fallback));
  connection.onInitialized(
    guardNotification(logger, 'finish initialization', noUri, onInitialized),
  );
  connection.onDidChangeConfiguration(
    guardNotification(logger, 'read settings', noUri, onDidChangeConfiguration),
  );
  connection.onDidOpenTextDocument(
    guardNotification(logger, 'open document', documentUri, onDidOpen),
  );
  connection.onDidChangeTextDocument(
    guardNotification(logger, 'apply document changes', documentUri, onDidChange),
  );
  connection.onDidCloseTextDocument(
    guardNotification(logger, 'close document', documentUri, onDidClose),
  );
  connection.onDidChangeWatchedFiles(
    guardNotification(logger, 'handle changed files', noUri, onDidChangeWatchedFiles),
  );
  registerNavigationHandlers(connection, { service, documents, appContexts, logger });
  registerEditingHandlers(connection, { service, documents, appContexts, logger });
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
    delivery.dispose();
  });
  connection.listen();
  return {
    get shutdownReceived() {
      return shutdownReceived;
    },
  };
}

function noUri(): undefined {
  return undefined;
}

function documentUri(params: { textDocument: { uri: string } }): string {
  return params.textDocument.uri;
}

function initializeResult(info: ServerInfo, client: ClientCapabilities = {}): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...navigationCapabilities(client),
      ...editingCapabilities(),
    },
    serverInfo: info,
  };
}

/** Registers for configuration and file change notifications where the client allows it. */
async function registerNotifications(
  connection: Connection,
  capabilities: ClientCapabilities,
  registerFileWatchers: boolean,
): Promise<void> {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, {
      section: SETTINGS_SECTION,
    });
  }
  if (registerFileWatchers && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: WATCHED_FILES.map((globPattern) => ({ globPattern })),
    });
  }
}

interface WatchedFilesContext {
  documents: DocumentStore;
  appContexts: AppContextCache;
  delivery: DiagnosticsDelivery;
}

/**
 * Clears the diagnostics of deleted files (a rename arrives as a delete and a create) and
 * validates again the open documents of every app whose `cloudcode/` folder changed.
 */
function handleWatchedFiles(
  params: DidChangeWatchedFilesParams,
  context: WatchedFilesContext,
): void {
  const { documents, appContexts, delivery } = context;
  const changedApps = new Set<string>();

  for (const change of params.changes) {
    if (change.type === FileChangeType.Deleted && delivery.isTracked(change.uri)) {
      delivery.clear(change.uri);
    }
    for (const folder of appContexts.invalidate(change.uri)) {
      changedApps.add(folder);
    }
  }
  if (changedApps.size === 0) {
    return;
  }
  for (const document of documents.all()) {
    const folder = appContexts.appFolderOf(document.uri);
    if (folder !== undefined && changedApps.has(folder)) {
      delivery.schedule(document.uri);
    }
  }
}
