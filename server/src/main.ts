// The language server executable. It reads the command line, opens the transport and hands
// the connection to `startServer`. Nothing but protocol messages may reach stdout once the
// connection exists.

import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { EXECUTABLE, parseCommandLine, USAGE, type Transport } from './command-line';
import { startServer } from './server';
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

  // vscode-languageserver ends the process when stdin closes only if it gets the streams.
  const connection =
    transport.kind === 'stdio'
      ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
      : createConnection(ProposedFeatures.all, channel.reader, channel.writer);
  redirectConsole(connection);
  process.on('uncaughtException', (error) => {
    connection.console.error(`Uncaught exception: ${error.stack ?? String(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled promise rejection: ${reasonDetail(reason)}`);
  });
  startServer(connection, { name: EXECUTABLE, version });
}

/** Sends console output to the client's log, because stdout carries the protocol. */
function redirectConsole(connection: Connection): void {
  const remote = connection.console;
  console.log = (...args: unknown[]) => remote.log(format(...args));
  console.info = (...args: unknown[]) => remote.info(format(...args));
  console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
  console.trace = (...args: unknown[]) =>
    remote.log(`${format(...args)}\n${new Error().stack ?? ''}`);
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
