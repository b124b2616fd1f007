import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { dataModel, makeTree, removeTree, runCli } from './run-cli';

const CLEAN = dataModel('    <webhook type="ready" name="asset_ready" />');
const WARNING_ONLY = dataModel(
  '    <webhook type="ready" name="asset_ready">\n' +
    '      <field name="name" state="uploaded" />\n' +
    '    </webhook>',
);
// The value "created" starts at 0-based line 6, character 19: 1-based 7:20.
const WITH_ERRORS = dataModel(
  '    <webhook type="created" name="dup" /><webhook type="ready" name="dup" />',
);

describe('check exit status and human output', () => {
  const root = makeTree({
    'clean/schema.xml': CLEAN,
    'warning/schema.xml': WARNING_ONLY,
    'errors/schema.xml': WITH_ERRORS,
    'both/a.xml': WITH_ERRORS,
    'both/b.xml': WARNING_ONLY,
  });
  after(() => removeTree(root));

  test('clean data model exits 0', async () => {
    const result = await runCli(['check', 'clean'], { cwd: root });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '0 errors, 0 warnings in 1 file\n');
  });

  test('warnings alone exit 0', async () => {
    const result = await runCli(['check', 'warning'], { cwd: root });

    assert.equal(result.status, 0);
    assert.match(
      result.stdout,
      /^warning\/schema\.xml:8:26: warning condition-state-not-attachment: /,
    );
    assert.equal(result.stderr, '0 errors, 1 warning in 1 file\n');
  });

  test('errors exit 1', async () => {
    const result = await runCli(['check', 'errors/schema.xml'], { cwd: root });

    assert.equal(result.status, 1);
    assert.equal(result.stderr, '3 errors, 0 warnings in 1 file\n');
  });

  test('human lines use 1-based positions', async () => {
    const result = await runCli(['check', 'errors'], { cwd: root });
    const lines = result.stdout.trimEnd().split('\n');

    assert.equal(
      lines[0],
      'errors/schema.xml:7:20: error webhook-type-invalid: ' +
        'Invalid webhook type "created". Expected "ready" or "update".',
    );
    assert.match(lines[1], /^errors\/schema\.xml:7:35: error webhook-name-duplicate: /);
    assert.match(lines[3], /^errors\/schema\.xml:7:70: error webhook-name-duplicate: /);
  });

  test('related information follows as indented notes', async () => {
    const result = await runCli(['check', 'errors'], { cwd: root });
    const lines = result.stdout.trimEnd().split('\n');

    assert.equal(lines.length, 5);
    assert.equal(lines[2], '  errors/schema.xml:7:70: note: "dup" is also used here.');
    assert.equal(lines[4], '  errors/schema.xml:7:35: note: "dup" is also used here.');
  });

  test('output is sorted by file then position', async () => {
    const result = await runCli(['check', 'both/b.xml', 'both'], { cwd: root });
    const locations = result.stdout
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith(' '))
      .map((line) => line.split(': ')[0]);

    assert.deepEqual(locations, [
      'both/a.xml:7:20',
      'both/a.xml:7:35',
      'both/a.xml:7:70',
      'both/b.xml:8:26',
    ]);
    assert.equal(result.stderr, '3 errors, 1 warning in 2 files\n');
  });

  test('quiet hides warnings', async () => {
    const result = await runCli(['check', '--quiet', 'both'], { cwd: root });

    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /warning/);
    assert.match(result.stdout, /both\/a\.xml:7:20: error/);
    assert.equal(result.stderr, '3 errors in 2 files (1 warning hidden by --quiet)\n');
  });

  test('no color when output is not a terminal', async () => {
    const result = await runCli(['check', 'errors'], { cwd: root });

    assert.doesNotMatch(result.stdout, /\u001b\[/);
    assert.doesNotMatch(result.stderr, /\u001b\[/);
  });

  test('paths outside the current folder stay absolute', async () => {
    const cwd = path.join(root, 'clean');
    const result = await runCli(['check', '../errors/schema.xml'], { cwd });

    assert.ok(result.stdout.startsWith(`${root}/errors/schema.xml:7:20: error`), result.stdout);
  });
});
