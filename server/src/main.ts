// The language server executable. It reads the command line, opens the transport and hands
// the connection to `startServer`. Nothing but protocol messages may reach stdout once the
// connection exists.

import * as fs from 'fs';
import * as path from 'path';
import {
  ConnectionError,
  ConnectionErrors,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/node';
import { EXECUTABLE, parseCommandLine, USAGE, type Transport } from './command-line';
import { redirectConsole } from './redirect-console';
import { startServer, type RunningServer } from './server';
import { openTransport, TransportError, type OpenTransport } from './transport';

const PACKAGE_NAME = 'oxide-webhooks';

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${EXECUTABLE}: failed to start: ${reasonDetail(error)}\n`);
  process.exitCode = 1;
});

async function main(args: string[]): Promise<void> {
  const command = parseCommandLine(args);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return;
    case 'version':
      process.stdout.write(`${EXECUTABLE} ${readVersion()}\n`);
      return;
    case 'usage-error':
      process.stderr.write(
        `${EXECUTABLE}: ${command.message}\nRun "${EXECUTABLE} --help" to list the options.\n`,
      );
      process.exitCode = 2;
      return;
    case 'serve':
      await serve(command.transport, readVersion());
  }
}

/**
 * Opens the transport and serves on it until the editor sends exit or closes the transport.
 * Exits with status 1 when the transport cannot be opened.
 */
async function serve(transport: Transport, version: string): Promise<void> {
  let channel: OpenTransport;
  try {
    channel = await openTransport(transport);
  } catch (error) {
    if (!(error instanceof TransportError)) {
      throw error;
    }
    process.stderr.write(`${EXECUTABLE}: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }

  let server: RunningServer | undefined;
  let closed = false;
  // As for the exit notification, LSP sets status 0 after shutdown and 1 otherwise. Without a
  // shutdown, one line on stderr gives the editor's log the reason the server stopped.
  const exitQuietly = (): never => {
    if (server?.shutdownReceived === true) {
      process.exit(0);
    }
    try {
      process.stderr.write(`${EXECUTABLE}: ${CLOSED_BEFORE_SHUTDOWN}\n`);
    } catch {
      // A closed stderr leaves nowhere to report to.
    }
    process.exit(1);
  };
  // Registered before the connection exists, so it runs before any handler can write again.
  channel.onClose(() => {
    closed = true;
    exitQuietly();
  });

  const connection = createConnection(ProposedFeatures.all, channel.reader, channel.writer);
  redirectConsole(connection.console);
  const logUnexpected = (kind: string, error: unknown) => {
    // Nothing can reach the editor through a closed connection, and nothing is left to serve.
    if (closed || isClosedConnectionError(error)) {
      exitQuietly();
    }
    try {
      connection.console.error(`${kind}: ${reasonDetail(error)}`);
    } catch (logError) {
      if (isClosedConnectionError(logError)) {
        exitQuietly();
      }
      process.stderr.write(`${EXECUTABLE}: ${kind}: ${reasonDetail(error)}\n`);
    }
  };
  process.on('uncaughtException', (error) => logUnexpected('Uncaught exception', error));
  process.on('unhandledRejection', (reason) =>
    logUnexpected('Unhandled promise rejection', reason),
  );
  server = startServer(connection, { name: EXECUTABLE, version });
}

const CLOSED_BEFORE_SHUTDOWN =
  'the editor closed the connection before shutdown, so the server stops.';

/** Returns whether the error comes from using a connection after it was closed or disposed. */
function isClosedConnectionError(error: unknown): boolean {
  return (
    error instanceof ConnectionError &&
    (error.code === ConnectionErrors.Closed || error.code === ConnectionErrors.Disposed)
  );
}

function reasonDetail(reason: unknown): string {
  return reason instanceof Error && reason.stack !== undefined ? reason.stack : String(reason);
}

/**
 * Reads the version from the package's package.json, looking upward from this file, so the
 * bundle in `dist/` and the compiled files in `out/` both find it.
 */
function readVersion(): string {
  let folder = __dirname;
  while (true) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') {
        return manifest.version;
      }
    } catch {
      // No readable package.json here: keep looking in the parent folder.
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      return 'unknown';
    }
    folder = parent;
  }
}
