// A small LSP client for tests. It starts the bundled server as an editor does, sends the
// document notifications and waits for what the server sends back, failing on a timeout.

import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ConfigurationParams,
  FileEvent,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  RegistrationParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

/** The bundled server, built by `node esbuild.mjs`. Tests run from `out/test/helpers/`. */
export const SERVER_PATH = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

/** Default time to wait for a message from the server, in milliseconds. */
export const DEFAULT_TIMEOUT = 5000;

export interface StartOptions {
  transport?: 'stdio' | 'node-ipc';
  /** The `oxideWebhooks` section returned for `workspace/configuration`, undefined for none. */
  settings?: unknown;
  initializationOptions?: unknown;
}

/** A request that the server sent to the client. The test client has already responded to it. */
export interface ServerRequest {
  method: 'client/registerCapability' | 'workspace/configuration';
  params: RegistrationParams | ConfigurationParams;
}

export class LspTestClient {
  /** The result of `initialize`. */
  initializeResult: InitializeResult | undefined;

  private readonly diagnostics = new Map<string, MessageQueue<PublishDiagnosticsParams>>();
  private readonly logMessages = new MessageQueue<LogMessageParams>();
  private readonly serverRequests = new MessageQueue<ServerRequest>();
  private readonly stdoutChunks: Buffer[] = [];
  private stderr = '';
  private exitCode: number | null | undefined;
  private exitReason: string | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: MessageConnection,
    private readonly transport: 'stdio' | 'node-ipc',
    settings: unknown,
  ) {
    process.stdout!.on('data', (chunk: Buffer) => this.stdoutChunks.push(chunk));
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => {
      process.on('exit', (code) => {
        this.exitCode = code;
        this.exitReason = `the server exited with code ${code}. Its stderr: "${this.stderr}"`;
        this.logMessages.fail(this.exitReason);
        this.serverRequests.fail(this.exitReason);
        this.diagnostics.forEach((queue) => queue.fail(this.exitReason!));
        resolve(code);
      });
    });

    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => this.diagnosticsQueue(params.uri).push(params),
    );
    connection.onNotification('window/logMessage', (params: LogMessageParams) =>
      this.logMessages.push(params),
    );
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.serverRequests.push({ method: 'client/registerCapability', params });
      return null;
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.serverRequests.push({ method: 'workspace/configuration', params });
      return params.items.map((item) =>
        item.section === 'oxideWebhooks' ? (settings ?? null) : null,
      );
    });
    connection.listen();
  }

  /** Starts the server, then sends `initialize` and `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const transport = options.transport ?? 'stdio';
    const child = spawn(process.execPath, [SERVER_PATH, `--${transport}`], {
      stdio: transport === 'stdio' ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    const connection =
      transport === 'stdio'
        ? createMessageConnection(
            new StreamMessageReader(child.stdout!),
            new StreamMessageWriter(child.stdin!),
          )
        : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const client = new LspTestClient(child, connection, transport, options.settings);

    client.initializeResult = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, version = 1, languageId = 'xml'): Promise<void> {
    return this.notify('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(
    uri: string,
    version: number,
    contentChanges: TextDocumentContentChangeEvent[],
  ): Promise<void> {
    return this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), `a response to ${method}`);
  }

  /**
   * Returns the oldest diagnostics for the URI that no earlier call returned, waiting for
   * them if none arrived yet. Rejects after `timeout` milliseconds or when the server exits.
   */
  nextDiagnostics(uri: string, timeout = DEFAULT_TIMEOUT): Promise<PublishDiagnosticsParams> {
    return this.diagnosticsQueue(uri).next(() => true, timeout, `diagnostics for ${uri}`);
  }

  /** Returns the oldest log message not returned yet that matches, waiting as `nextDiagnostics`. */
  nextLogMessage(
    matches: (message: LogMessageParams) => boolean,
    timeout = DEFAULT_TIMEOUT,
  ): Promise<LogMessageParams> {
    return this.logMessages.next(matches, timeout, 'a matching log message');
  }

  /**
   * Returns the oldest request from the server (`client/registerCapability` or
   * `workspace/configuration`) not returned yet, waiting as `nextDiagnostics`.
   */
  nextServerRequest(timeout = DEFAULT_TIMEOUT): Promise<ServerRequest> {
    return this.serverRequests.next(() => true, timeout, 'a request from the server');
  }

  /** Returns whether the server process is still running. */
  get running(): boolean {
    return this.exitCode === undefined;
  }

  /**
   * Sends `shutdown` and `exit`, waits for the process to end and returns its exit code.
   * Throws if stdout carried anything but protocol messages.
   */
  async stop(): Promise<number | null> {
    if (this.running) {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    }
    const code = await withTimeout(this.exited, 'the server to exit');
    this.connection.dispose();
    this.assertOnlyProtocolOnStdout();
    return code;
  }

  /** Ends the server process without the shutdown handshake. For cleanup after a failure. */
  kill(): void {
    if (this.running) {
      this.process.kill();
    }
  }

  private diagnosticsQueue(uri: string): MessageQueue<PublishDiagnosticsParams> {
    let queue = this.diagnostics.get(uri);
    if (queue === undefined) {
      queue = new MessageQueue();
      this.diagnostics.set(uri, queue);
      if (this.exitReason !== undefined) {
        queue.fail(this.exitReason);
      }
    }
    return queue;
  }

  private assertOnlyProtocolOnStdout(): void {
    const stdout = Buffer.concat(this.stdoutChunks);
    if (this.transport === 'node-ipc') {
      if (stdout.length > 0) {
        throw new Error(`The server wrote to stdout over IPC: "${stdout.toString('utf8')}".`);
      }
      return;
    }
    assertProtocolFrames(stdout);
  }
}

/**
 * Throws unless the bytes are a sequence of LSP messages: headers with a Content-Length,
 * an empty line, then exactly that many bytes of JSON-RPC.
 */
export function assertProtocolFrames(bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', offset, 'ascii');
    const fail = (problem: string): never => {
      const excerpt = bytes.subarray(offset, offset + 200).toString('utf8');
      throw new Error(
        `Non-protocol output on stdout at byte ${offset}: ${problem}. Output: "${excerpt}"`,
      );
    };
    if (headerEnd === -1) {
      fail('no header terminator');
    }

    const headers = bytes.subarray(offset, headerEnd).toString('ascii').split('\r\n');
    let length: number | undefined;
    for (const header of headers) {
      const match = /^([A-Za-z-]+): (.+)$/.exec(header);
      if (match === null) {
        fail(`invalid header line "${header}"`);
      } else if (match[1].toLowerCase() === 'content-length') {
        length = Number(match[2]);
      }
    }
    if (length === undefined || !Number.isInteger(length)) {
      fail('missing or invalid Content-Length');
    }

    const bodyStart = headerEnd + 4;
    const body = bytes.subarray(bodyStart, bodyStart + length!);
    if (body.length !== length) {
      fail('message body shorter than its Content-Length');
    }
    let message: { jsonrpc?: unknown };
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      return fail('message body is not JSON');
    }
    if (message.jsonrpc !== '2.0') {
      fail('message is not JSON-RPC 2.0');
    }
    offset = bodyStart + length!;
  }
}

/** Messages of one kind in arrival order, each returned once by `next`. */
class MessageQueue<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<{ matches: (item: T) => boolean; resolve: (item: T) => void }> =
    [];
  private failure: string | undefined;
  private readonly failListeners: Array<(reason: string) => void> = [];

  push(item: T): void {
    const waiter = this.waiters.find((candidate) => candidate.matches(item));
    if (waiter !== undefined) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(item);
      return;
    }
    this.items.push(item);
  }

  /** Rejects current and later waits that no queued message satisfies. */
  fail(reason: string): void {
    this.failure = reason;
    this.failListeners.splice(0).forEach((listener) => listener(reason));
  }

  next(matches: (item: T) => boolean, timeout: number, description: string): Promise<T> {
    const index = this.items.findIndex(matches);
    if (index !== -1) {
      return Promise.resolve(this.items.splice(index, 1)[0]);
    }
    if (this.failure !== undefined) {
      return Promise.reject(new Error(`No ${description}: ${this.failure}`));
    }

    return new Promise<T>((resolve, reject) => {
      const waiter = {
        matches,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`Timed out after ${timeout} ms waiting for ${description}.`));
      }, timeout);
      this.waiters.push(waiter);
      this.failListeners.push((reason) => {
        clearTimeout(timer);
        reject(new Error(`No ${description}: ${reason}`));
      });
    });
  }
}

function withTimeout<T>(
  promise: Promise<T>,
  description: string,
  timeout = DEFAULT_TIMEOUT,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeout} ms waiting for ${description}.`)),
      timeout,
    );
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}
