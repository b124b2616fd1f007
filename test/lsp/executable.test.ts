import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assertProtocolFrames, SERVER_PATH } from '../helpers/lsp-client';

const PACKAGE_VERSION: string = JSON.parse(
  readFileSync(path.join(SERVER_PATH, '..', '..', 'package.json'), 'utf8'),
).version;

describe('server executable', () => {
  test('--help prints usage', () => {
    const result = runServer(['--help']);

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: oxide-webhooks-language-server --stdio/);
    assert.equal(result.stderr, '');
  });

  test('-h prints usage', () => {
    const result = runServer(['-h']);

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: /);
  });

  test('--version prints the package version', () => {
    const result = runServer(['--version']);

    assert.equal(result.status, 0);
    assert.equal(result.stdout, `oxide-webhooks-language-server ${PACKAGE_VERSION}\n`);
  });

  test('missing transport exits with 2', () => {
    const result = runServer([]);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /missing transport\. Pass --stdio, --node-ipc/);
  });

  const usageErrors = [['--socket=abc'], ['--socket='], ['--socket=99999'], ['--stdio', '--bogus']];
  for (const args of usageErrors) {
    test(`${args.join(' ')} exits with 2`, () => {
      const result = runServer(args);

      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      const [message, hint, ...rest] = result.stderr.split('\n');
      assert.match(
        message,
        /^oxide-webhooks-language-server: (invalid port|missing port|unknown option)/,
      );
      assert.equal(hint, 'Run "oxide-webhooks-language-server --help" to list the options.');
      assert.deepEqual(rest, ['']);
    });
  }

  test('unused socket port exits with 1', async () => {
    const port = await unusedPort();
    const result = runServer([`--socket=${port}`]);

    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `oxide-webhooks-language-server: failed to connect to 127.0.0.1:${port} (ECONNREFUSED). The editor must listen there before it starts the server.\n`,
    );
  });

  test('missing pipe exits with 1', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'oxide-webhooks-pipe-'));
    try {
      const pipe = path.join(folder, 'nonexistent.sock');
      const result = runServer([`--pipe=${pipe}`]);

      assert.equal(result.status, 1);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^oxide-webhooks-language-server: failed to connect to pipe "/);
      assert.ok(result.stderr.includes(`"${pipe}" (ENOENT)`), result.stderr);
      assert.equal(result.stderr.split('\n').length, 2, 'one line on stderr');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('--node-ipc without a channel exits with 1', () => {
    const result = runServer(['--node-ipc']);

    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^oxide-webhooks-language-server: --node-ipc needs a Node\.js IPC channel, but this process has none\./,
    );
    assert.equal(result.stderr.split('\n').length, 2, 'one line on stderr');
  });
});

/** Returns a port on 127.0.0.1 that was free a moment ago. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runServer(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_PATH, ...args], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('stdout frame check', () => {
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const message =
    '{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":3,"message":"é"}}';

  test('accepts consecutive messages', () => {
    assert.doesNotThrow(() => assertProtocolFrames(Buffer.from(frame(message) + frame(message))));
  });

  test('rejects text before a message', () => {
    assert.throws(
      () => assertProtocolFrames(Buffer.from('debug output\n' + frame(message))),
      /Non-protocol output on stdout at byte 0/,
    );
  });

  test('rejects text after a message', () => {
    assert.throws(
      () => assertProtocolFrames(Buffer.from(frame(message) + 'done\n')),
      /Non-protocol output on stdout/,
    );
  });

  test('rejects a body that is not JSON-RPC', () => {
    assert.throws(
      () => assertProtocolFrames(Buffer.from(frame('{"hello":1}'))),
      /not JSON-RPC 2\.0/,
    );
  });
});
