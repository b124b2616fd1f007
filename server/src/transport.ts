import * as net from 'net';
import {
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import type { Transport } from './command-line';

/** The message reader and writer of a transport that is open. */
export interface OpenTransport {
  reader: MessageReader;
  writer: MessageWriter;
  /** Registers a listener that runs once, when the editor closes either direction. */
  onClose(listener: () => void): void;
}

/** A transport that could not be opened. The message is one line that names the transport. */
export class TransportError extends Error {}

/**
 * Opens the transport. A socket or pipe is connected before this resolves, so a failure to
 * connect rejects with a TransportError instead of surfacing later on the connection.
 */
export async function openTransport(transport: Transport): Promise<OpenTransport> {
  switch (transport.kind) {
    case 'stdio':
      return withCloseEvents(
        new StreamMessageReader(process.stdin),
        new StreamMessageWriter(process.stdout),
        // The reader reports only 'close'. vscode-languageserver also exits on stdin's 'end'.
        (fire) => process.stdin.once('end', fire),
      );
    case 'node-ipc':
      if (typeof process.send !== 'function') {
        throw new TransportError(
          '--node-ipc needs a Node.js IPC channel, but this process has none. Start the server with child_process.fork, or pass --stdio.',
        );
      }
      // The IPC reader listens for 'close', which a child process never emits.
      return withCloseEvents(new IPCMessageReader(process), new IPCMessageWriter(process), (fire) =>
        process.once('disconnect', fire),
      );
    case 'socket': {
      const address = `127.0.0.1:${transport.port}`;
      const socket = await connect({ host: '127.0.0.1', port: transport.port }, address);
      return socketTransport(socket);
    }
    case 'pipe': {
      const socket = await connect({ path: transport.name }, `pipe "${transport.name}"`);
      return socketTransport(socket);
    }
  }
}

function socketTransport(socket: net.Socket): OpenTransport {
  return withCloseEvents(new SocketMessageReader(socket), new SocketMessageWriter(socket), (fire) =>
    socket.once('close', fire),
  );
}

/** Connects a socket and resolves once it is connected. */
function connect(options: net.NetConnectOpts, description: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(options);
    const fail = (error: NodeJS.ErrnoException) => {
      reject(
        new TransportError(
          `failed to connect to ${description} (${error.code ?? error.message}). The editor must listen there before it starts the server.`,
        ),
      );
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/**
 * Joins the close events of the reader, the writer and `watch`, which registers any other event
 * that ends the transport, into one event that fires once.
 */
function withCloseEvents(
  reader: MessageReader,
  writer: MessageWriter,
  watch: (fire: () => void) => void,
): OpenTransport {
  const listeners: Array<() => void> = [];
  let closed = false;
  const fire = () => {
    if (closed) {
      return;
    }
    closed = true;
    listeners.forEach((listener) => listener());
  };
  reader.onClose(fire);
  writer.onClose(fire);
  watch(fire);

  return {
    reader,
    writer,
    onClose: (listener) => {
      listeners.push(listener);
    },
  };
}
