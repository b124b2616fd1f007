import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT, runCli } from './run-cli';

/** Commands that the tool does not provide, though users of a webhook tool may try them. */
const UNAVAILABLE_COMMANDS = ['preview', 'send', 'verify', 'receive'];

describe('command line usage', () => {
  test('--help lists the commands', async () => {
    const result = await runCli(['--help']);

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: oxide-webhooks <command> \[options\]/);
    assert.match(result.stdout, /^  check +Check the webhooks in data models/m);
    assert.equal(result.stderr, '');
  });

  test('-h matches --help', async () => {
    const long = await runCli(['--help']);
    const short = await runCli(['-h']);

    assert.equal(short.status, 0);
    assert.equal(short.stdout, long.stdout);
  });

  test('help lists no unavailable commands', async () => {
    const result = await runCli(['--help']);

    for (const name of UNAVAILABLE_COMMANDS) {
      assert.doesNotMatch(result.stdout, new RegExp(`\\b${name}\\b`), name);
    }
  });

  test('help check shows the check options', async () => {
    const result = await runCli(['help', 'check']);

    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: oxide-webhooks check \[options\] \[paths\.\.\.\]/);
    assert.match(result.stdout, /--format <human\|json>/);
    assert.match(result.stdout, /-q, --quiet/);
    assert.match(result.stdout, /Exit status:/);
  });

  test('check --help matches help check', async () => {
    const viaHelp = await runCli(['help', 'check']);
    const viaOption = await runCli(['check', '--help']);

    assert.equal(viaOption.status, 0);
    assert.equal(viaOption.stdout, viaHelp.stdout);
  });

  test('--version prints the package version', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const result = await runCli(['--version']);

    assert.equal(result.status, 0);
    assert.equal(result.stdout, `oxide-webhooks ${manifest.version}\n`);
  });

  test('unknown option exits 2 with a hint', async () => {
    const result = await runCli(['check', '--strict', 'examples']);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      "oxide-webhooks: unknown option '--strict'.\nRun 'oxide-webhooks check --help' for usage.\n",
    );
  });

  test('flag with a value exits 2', async () => {
    const result = await runCli(['check', '--quiet=yes']);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /option '--quiet' does not take a value\./);
  });

  test('option without its value exits 2', async () => {
    const result = await runCli(['check', '--format']);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /option '--format' requires a value\./);
  });

  test('unknown command exits 2 with a hint', async () => {
    const result = await runCli(['lint']);

    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      "oxide-webhooks: unknown command 'lint'. Available commands: 'check'.\n" +
        "Run 'oxide-webhooks --help' for usage.\n",
    );
  });

  test('unavailable commands are unknown', async () => {
    for (const name of UNAVAILABLE_COMMANDS) {
      const result = await runCli([name]);

      assert.equal(result.status, 2, name);
      assert.match(result.stderr, new RegExp(`unknown command '${name}'`));
    }
  });

  test('no command prints usage and exits 2', async () => {
    const result = await runCli([]);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: oxide-webhooks <command>/);
  });

  test('help for an unknown command exits 2', async () => {
    const result = await runCli(['help', 'nope']);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command 'nope'/);
  });

  test('arguments after -- are paths', async () => {
    const result = await runCli(['check', '--', '--not-an-option.xml']);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot check '--not-an-option\.xml': file or folder not found\./);
  });
});
