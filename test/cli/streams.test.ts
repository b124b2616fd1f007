import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI_PATH, dataModel, makeTree, removeTree, runCli, type CliResult } from './run-cli';

const BROKEN = dataModel('    <webhook type="created" name="asset_created" />');
const OVER_LIMIT_BYTES = 51 * 1024 * 1024;
const STREAM_OVER_LIMIT = 'the file is larger than the 50 MiB limit (52,428,800 bytes).';

/**
 * Runs `cat | oxide-webhooks ARGS` in a shell, so that the CLI's stdin is a pipe as in a
 * terminal. Node would give a child a socket instead, and Linux cannot open a socket through
 * /dev/stdin.
 */
function runCliWithPipedInput(
  args: readonly string[],
  input: string | Uint8Array,
  cwd: string,
): Promise<CliResult> {
  const child = spawn(
    '/bin/sh',
    ['-c', 'cat | exec "$0" "$@"', process.execPath, CLI_PATH, ...args],
    {
      cwd,
      env: { ...process.env, NO_COLOR: undefined },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  // The CLI stops reading at the size limit, which closes the pipe before the input ends.
  child.stdin.on('error', () => {});
  child.stdin.end(input);

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('check streams and devices', () => {
  const root = makeTree({});
  after(() => removeTree(root));

  for (const device of ['/dev/zero', '/dev/urandom']) {
    test(`endless ${device} is rejected`, { timeout: 60_000 }, async () => {
      const result = await runCli(['check', device], { cwd: root });

      assert.equal(result.status, 2);
      assert.equal(
        result.stderr.split('\n')[0],
        `oxide-webhooks: cannot check '${device}': ${STREAM_OVER_LIMIT}`,
      );
    });
  }

  test('stdin pipe over the limit is rejected', { timeout: 60_000 }, async () => {
    const input = Buffer.alloc(OVER_LIMIT_BYTES, '<data-model>\n');
    const result = await runCliWithPipedInput(['check', '/dev/stdin'], input, root);

    assert.equal(result.status, 2);
    assert.equal(
      result.stderr.split('\n')[0],
      `oxide-webhooks: cannot check '/dev/stdin': ${STREAM_OVER_LIMIT}`,
    );
  });

  test('small stdin pipe is checked', async () => {
    const result = await runCliWithPipedInput(['check', '/dev/stdin'], BROKEN, root);

    assert.equal(result.status, 1);
    assert.match(result.stdout, /^\/dev\/stdin:7:20: error webhook-type-invalid/);
  });

  test('small FIFO is checked', async () => {
    const fifoPath = path.join(root, 'fifo.xml');
    execFileSync('mkfifo', [fifoPath]);
    try {
      // Opening a FIFO waits for the other end, so the CLI and the writer start together.
      const [result] = await Promise.all([
        runCli(['check', 'fifo.xml'], { cwd: root }),
        fs.promises.writeFile(fifoPath, BROKEN),
      ]);

      assert.equal(result.status, 1);
      assert.match(result.stdout, /^fifo\.xml:7:20: error webhook-type-invalid/);
    } finally {
      fs.rmSync(fifoPath);
    }
  });
});
