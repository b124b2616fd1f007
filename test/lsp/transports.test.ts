// Runs the bundled server over each transport and checks how it exits when the editor goes
// away: status 0 after shutdown, 1 otherwise, and nothing on stderr.

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createMessageConnection,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver';
import { DEFAULT_TIMEOUT, SERVER_PATH } from '../helpers/lsp-client';

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
  test('--socket serves on 127.0.0.1', async () => {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;

    await assertServesOver(listener, `--socket=${port}`);
  });

  test('--pipe serves on a Unix socket', async () => {
    const listener = net.createServer();
    const pipe = path.join(folder, 'editor.sock');
    await new Promise<void>((resolve) => listener.listen(pipe, resolve));

    await assertServesOver(listener, `--pipe=${pipe}`);
  });
});

describe('exit when the editor goes away', () => {
  test('stdin end before shutdown exits with 1', async () => {
    const server = startStdio();
    const connection = stdioConnection(server.child);
    await withTimeout(connection.sendRequest('initialize', INITIALIZE_PARAMS));
    server.child.stdin!.end();

    assert.equal(await server.exited, 1);
    assert.equal(server.stderr(), '');
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
});

/**
 * Accepts the server's connection on `listener`, runs initialize, shutdown and exit over it,
 * and checks that the server exits with 0 and writes nothing to stdout or stderr.
 */
async function assertServesOver(listener: net.Server, transport: string): Promise<void> {
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const server = watch(spawn(process.execPath, [SERVER_PATH, transport], { stdio: 'pipe' }));
  try {
    const socket = await withTimeout(accepted);
    listener.close();
    const connection = createMessageConnection(
      new SocketMessageReader(socket),
      new SocketMessageWriter(socket),
    );
    connection.listen();

    const result = await withTimeout(
      connection.sendRequest<InitializeResult>('initialize', INITIALIZE_PARAMS),
    );
    assert.equal(result.serverInfo?.name, 'oxide-webhooks-language-server');
    await withTimeout(connection.sendRequest('shutdown'));
    await connection.sendNotification('exit');

    assert.equal(await server.exited, 0);
    assert.equal(server.stdout(), '');
    assert.equal(server.stderr(), '');
    connection.dispose();
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
