import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { CLI_PATH, dataModel, makeTree, removeTree, runCli, type CliResult } from './run-cli';

/** Every write to this Linux device fails with ENOSPC, as on a full disk. */
const FULL_DEVICE = '/dev/full';

const CLEAN = dataModel('    <webhook type="ready" name="asset_ready" />');

/** Returns a data model with one error per webhook, so that its report overflows a pipe buffer. */
function manyErrors(count: number): string {
  const webhooks: string[] = [];
  for (let index = 0; index < count; index++) {
    webhooks.push(`    <webhook type="created" name="w${index}" />`);
  }
  return dataModel(webhooks.join('\n'));
}

/** Runs the CLI with stdout or stderr written to the full device. */
async function runWithFullStream(
  stream: 'stdout' | 'stderr',
  args: string[],
  cwd: string,
): Promise<CliResult> {
  const descriptor = fs.openSync(FULL_DEVICE, 'w');
  try {
    const fds = stream === 'stdout' ? { stdoutFd: descriptor } : { stderrFd: descriptor };
    return await runCli(args, { cwd, ...fds });
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Runs the CLI and closes the reading end of its stdout when the first bytes arrive. */
function runWithStdoutClosedEarly(args: string[], cwd: string): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.once('data', () => child.stdout.destroy());
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: '', stderr }));
  });
}

const WRITE_FAILED = 'oxide-webhooks: cannot write to stdout: no space left on device (ENOSPC).\n';

describe('check output errors', () => {
  const root = makeTree({
    'clean/schema.xml': CLEAN,
    'many/schema.xml': manyErrors(20_000),
  });
  after(() => removeTree(root));

  test('full stdout exits 2 with one line', async () => {
    const result = await runWithFullStream('stdout', ['check', 'clean'], root);

    assert.equal(result.status, 2);
    assert.ok(result.stderr.endsWith(WRITE_FAILED), result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('full stdout with JSON exits 2', async () => {
    const result = await runWithFullStream('stdout', ['check', '--format', 'json', 'clean'], root);

    assert.equal(result.status, 2);
    assert.equal(result.stderr, WRITE_FAILED);
  });

  test('full stdout for --help exits 2', async () => {
    const result = await runWithFullStream('stdout', ['--help'], root);

    assert.equal(result.status, 2);
    assert.equal(result.stderr, WRITE_FAILED);
  });

  test('full stdout with errors exits 2', async () => {
    const result = await runWithFullStream('stdout', ['check', 'many'], root);

    assert.equal(result.status, 2);
    assert.ok(result.stderr.endsWith(WRITE_FAILED), result.stderr);
  });

  test('full stderr exits 2', async () => {
    const result = await runWithFullStream('stderr', ['check', 'clean'], root);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
  });

  test('closed pipe ends output quietly', async () => {
    const result = await runWithStdoutClosedEarly(['check', 'many'], root);

    assert.equal(result.status, 1);
    assert.equal(result.stderr, '20000 errors, 0 warnings in 1 file\n');
  });
});
