import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
});

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
