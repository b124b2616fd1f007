// Runs the bundled server over each transport and checks how it exits when the editor goes
// away: status 0 and nothing on stderr after shutdown, otherwise status 1 and one line.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver';
import { DEFAULT_TIMEOUT, SERVER_PATH } from '../helpers/lsp-client';

const CLOSED_LINE =
  'oxide-webhooks-language-server: the editor closed the connection before shutdown, so the server stops.\n';

const INITIALIZE_PARAMS = { processId: process.pid, rootUri: null, capabilities: {} };

let folder: string;
const children: ChildProcess[] = [];

before(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'oxide-webhooks-transports-'));
});

after(() => {
  // Ends servers that a failed test left running. The others have exited already.
  children.forEach((child) => child.kill());
  rmSync(folder, { recursive: true, force: true });
});

describe('socket and pipe transports', () => {
  for (const kind of ['socket', 'pipe'] as const) {
    test(`--${kind} serves until exit`, async () => {
      const { server, connection } = await startOverSocket(kind);
      await withTimeout(connection.sendRequest('shutdown'));
      await connection.sendNotification('exit');

      assert.equal(await server.exited, 0);
      assert.equal(server.stdout(), '');
      assert.equal(server.stderr(), '');
      connection.dispose();
    });
  }

  test('--socket closed by the editor exits with 1', async () => {
    const { server, socket, connection } = await startOverSocket('socket');
    socket.destroy();

    assert.equal(await server.exited, 1);
    assert.equal(server.stderr(), CLOSED_LINE);
    connection.dispose();
  });
});

describe('exit when the editor goes away', () => {
  test('closed stdout exits with 1', async () => {
    const server = startStdio();
    // The server's first write, the initialize response, then fails.
    server.child.stdout!.destroy();
    server.child.stdin!.write(
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: INITIALIZE_PARAMS }),
    );

    assert.equal(await server.exited, 1);
    assert.equal(server.stderr(), CLOSED_LINE);
  });

  test('stdin end before shutdown exits with 1', async () => {
    const server = startStdio();
    const connection = stdioConnection(server.child);
    await withTimeout(connection.sendRequest('initialize', INITIALIZE_PARAMS));
    server.child.stdin!.end();

    assert.equal(await server.exited, 1);
    assert.equal(server.stderr(), CLOSED_LINE);
    connection.dispose();
  });

  test('stdin end after shutdown exits with 0', async () => {
    const server = startStdio();
    const connection = stdioConnection(server.child);
    await withTimeout(connection.sendRequest('initialize', INITIALIZE_PARAMS));
    await withTimeout(connection.sendRequest('shutdown'));
    server.child.stdin!.end();

    assert.equal(await server.exited, 0);
    assert.equal(server.stderr(), '');
    connection.dispose();
  });

  test('IPC disconnect exits with 1', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, '--node-ipc'], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const server = watch(child);
    const connection = createMessageConnection(
      new IPCMessageReader(child),
      new IPCMessageWriter(child),
    );
    connection.listen();
    await withTimeout(connection.sendRequest('initialize', INITIALIZE_PARAMS));
    child.disconnect();

    assert.equal(await server.exited, 1);
    assert.equal(server.stderr(), CLOSED_LINE);
    assert.equal(server.stdout(), '');
    connection.dispose();
  });
});

/**
 * Starts the server with `--socket` on 127.0.0.1 or `--pipe` on a Unix socket, accepts its
 * connection and sends initialize.
 */
async function startOverSocket(
  kind: 'socket' | 'pipe',
): Promise<{ server: WatchedServer; socket: net.Socket; connection: MessageConnection }> {
  const listener = net.createServer();
  let argument: string;
  if (kind === 'socket') {
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    argument = `--socket=${(listener.address() as net.AddressInfo).port}`;
  } else {
    const pipe = path.join(folder, 'editor.sock');
    await new Promise<void>((resolve) => listener.listen(pipe, resolve));
    argument = `--pipe=${pipe}`;
  }

  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const server = watch(spawn(process.execPath, [SERVER_PATH, argument], { stdio: 'pipe' }));
  try {
    const socket = await withTimeout(accepted);
    const connection = createMessageConnection(
      new SocketMessageReader(socket),
      new SocketMessageWriter(socket),
    );
    connection.listen();
    const result = await withTimeout(
      connection.sendRequest<InitializeResult>('initialize', INITIALIZE_PARAMS),
    );
    assert.equal(result.serverInfo?.name, 'oxide-webhooks-language-server');
    return { server, socket, connection };
  } finally {
    listener.close();
  }
}

interface WatchedServer {
  child: ChildProcess;
  /** The exit status, or a rejection when the server is still running after the timeout. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

function startStdio(): WatchedServer {
  return watch(spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' }));
}

function stdioConnection(child: ChildProcess): MessageConnection {
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.listen();
  return connection;
}

function watch(child: ChildProcess): WatchedServer {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    get exited() {
      return withTimeout(exited);
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${DEFAULT_TIMEOUT} ms.`)),
      DEFAULT_TIMEOUT,
    );
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}
