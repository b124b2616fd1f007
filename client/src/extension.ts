// The VS Code extension: starts the language server over Node.js IPC and hands it the XML
// documents. It contributes no language or grammar for `xml`, so other XML extensions keep
// their own highlighting and features on the same files.

import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const CLIENT_ID = 'oxideWebhooks';
const CLIENT_NAME = 'OXIDE Webhooks';
const WATCHED_FILES = ['**/schema.xml', '**/*.xml', '**/cloudcode/**'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  const watchers = WATCHED_FILES.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(outputChannel, ...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
      { scheme: 'file', pattern: '**/schema.xml' },
    ],
    synchronize: { fileEvents: watchers },
    outputChannel,
    // The watchers above already report file changes, so the server must not add its own.
    initializationOptions: { registerFileWatchers: false },
  };

  // The client id makes the client read the `oxideWebhooks.trace.server` setting.
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
