// The language server executable. It only creates the connection and hands it to
// `startServer`. Nothing but protocol messages may reach stdout once the connection exists.

import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';

const EXECUTABLE = 'oxide-webhooks-language-server';
const PACKAGE_NAME = 'oxide-webhooks';

const USAGE = `Usage: ${EXECUTABLE} --stdio | --node-ipc | --socket=PORT | --pipe=NAME

Language server for webhooks in JourneyApps data models (schema.xml). An editor starts it
and talks the Language Server Protocol over the chosen transport:

  --stdio          use stdin and stdout
  --node-ipc       use the Node.js IPC channel (the VS Code extension uses this)
  --socket=PORT    connect to a TCP socket on 127.0.0.1 at PORT
  --pipe=NAME      connect to the named pipe or Unix socket NAME
  -h, --help       print this help and exit
  --version        print the version and exit
`;

main(process.argv.slice(2));

function main(args: string[]): void {
  const version = readVersion();

  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${EXECUTABLE} ${version}\n`);
    return;
  }
  if (!args.some(isTransportArgument)) {
    process.stderr.write(
      `${EXECUTABLE}: missing transport. Pass --stdio, --node-ipc, --socket=PORT or --pipe=NAME.\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }

  // createConnection reads the transport (--stdio, --node-ipc, ...) from process.argv.
  const connection = createConnection(ProposedFeatures.all);
  redirectConsole(connection);
  process.on('uncaughtException', (error) => {
    connection.console.error(`Uncaught exception: ${error.stack ?? String(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Unhandled promise rejection: ${reasonDetail(reason)}`);
  });
  startServer(connection, { name: EXECUTABLE, version });
}

function isTransportArgument(argument: string): boolean {
  const name = argument.split('=')[0];
  return name === '--stdio' || name === '--node-ipc' || name === '--socket' || name === '--pipe';
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
