import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { createWebhookService } from './analysis/service';
import { AppContextCache } from './app-context';
import { DiagnosticsDelivery } from './diagnostics-delivery';
import { DocumentStore } from './documents';
import { guardNotification, guardRequest } from './guard';
import { createLogger } from './logger';
import { toLspDiagnostics } from './lsp-diagnostics';
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

/** Options a client may send in `initializationOptions`. */
interface InitializationOptions {
  /** False when the client watches the files itself, as the VS Code extension does. */
  registerFileWatchers?: boolean;
}

/** Globs of the files whose changes the server needs to hear about. */
const WATCHED_FILES = ['**/*.xml', '**/cloudcode/**'];

/** Wires the LSP handlers to the analysis library and starts listening on the connection. */
export function startServer(connection: Connection, info: ServerInfo): void {
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
      return { version: document.version, diagnostics: toLspDiagnostics(uri, diagnostics) };
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

  connection.onInitialize(
    guardRequest(
      logger,
      'initialize',
      () => undefined,
      (params: InitializeParams) => {
        capabilities = params.capabilities;
        const options = (params.initializationOptions ?? {}) as InitializationOptions;
        registerFileWatchers = options.registerFileWatchers !== false;
        return initializeResult(info);
      },
      initializeResult(info),
    ),
  );

  connection.onInitialized(
    guardNotification(
      logger,
      'finish initialization',
      () => undefined,
      async () => {
        logger.info(`${info.name} ${info.version} started (Node.js ${process.version}).`);
        await registerNotifications(connection, capabilities, registerFileWatchers);
        await loadSettings();
      },
    ),
  );

  connection.onDidChangeConfiguration(
    guardNotification(
      logger,
      'read settings',
      () => undefined,
      async (params) => {
        const pushed = (params.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
        await loadSettings(pushed);
      },
    ),
  );

  connection.onDidOpenTextDocument(
    guardNotification(
      logger,
      'open document',
      (params) => params.textDocument.uri,
      (params) => {
        const { uri, version, text } = params.textDocument;
        documents.open(uri, version, text);
        delivery.schedule(uri, true);
      },
    ),
  );

  connection.onDidChangeTextDocument(
    guardNotification(
      logger,
      'apply document changes',
      (params) => params.textDocument.uri,
      (params) => {
        const { uri, version } = params.textDocument;
        documents.change(uri, version, params.contentChanges);
        delivery.schedule(uri);
      },
    ),
  );

  connection.onDidCloseTextDocument(
    guardNotification(
      logger,
      'close document',
      (params) => params.textDocument.uri,
      (params) => {
        documents.close(params.textDocument.uri);
        delivery.clear(params.textDocument.uri);
      },
    ),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(
      logger,
      'handle changed files',
      () => undefined,
      (params) => handleWatchedFiles(params, { documents, appContexts, delivery }),
    ),
  );

  connection.onShutdown(() => delivery.dispose());
  connection.listen();
}

function initializeResult(info: ServerInfo): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
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
