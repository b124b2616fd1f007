import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { JsonReport } from '../../cli/src/format-json';
import { dataModel, makeTree, removeTree, runCli } from './run-cli';

const WITH_ERRORS = dataModel(
  '    <webhook type="created" name="dup" /><webhook type="ready" name="dup" />',
);

describe('check --format json', () => {
  const root = makeTree({
    'app/schema.xml': WITH_ERRORS,
    'app/application.xml': '<application><api>4.0</api></application>\n',
    'empty/readme.md': '# nothing here\n',
    'looped-tasks/schema.xml': WITH_ERRORS,
  });
  // Listing a cloudcode/ link to itself fails with ELOOP even for root, unlike a mode of 000.
  fs.symlinkSync('cloudcode', path.join(root, 'looped-tasks', 'cloudcode'));
  after(() => removeTree(root));

  async function checkJson(args: string[]): Promise<{ status: number | null; report: JsonReport }> {
    const result = await runCli(['check', ...args], { cwd: root });
    return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
  }

  test('stdout is one JSON document', async () => {
    const result = await runCli(['check', '--format', 'json', 'app'], { cwd: root });
    const report = JSON.parse(result.stdout) as JsonReport;

    assert.equal(result.status, 1);
    assert.equal(report.formatVersion, 1);
    assert.equal(report.tool.name, 'oxide-webhooks');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(report.notes, []);
    assert.equal(result.stderr, '');
  });

  test('files carry path, uri and kind', async () => {
    const { report } = await checkJson(['--format=json', 'app']);

    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, path.join('app', 'schema.xml'));
    assert.equal(report.files[0].uri, pathToFileURL(path.join(root, 'app/schema.xml')).href);
    assert.equal(report.files[0].kind, 'data-model');
  });

  test('diagnostics carry 0-based LSP ranges', async () => {
    const { report } = await checkJson(['--format', 'json', 'app']);
    const first = report.files[0].diagnostics[0];

    assert.deepEqual(first, {
      range: { start: { line: 6, character: 19 }, end: { line: 6, character: 26 } },
      severity: 'error',
      code: 'webhook-type-invalid',
      message: 'Invalid webhook type "created". Expected "ready" or "update".',
      source: 'oxide-webhooks',
      related: [],
    });
  });

  test('related information keeps its range', async () => {
    const { report } = await checkJson(['--format', 'json', 'app']);
    const duplicate = report.files[0].diagnostics[1];

    assert.equal(duplicate.code, 'webhook-name-duplicate');
    assert.deepEqual(duplicate.related, [
      {
        range: { start: { line: 6, character: 69 }, end: { line: 6, character: 72 } },
        message: '"dup" is also used here.',
      },
    ]);
  });

  test('summary counts severities', async () => {
    const { report } = await checkJson(['--format', 'json', 'app']);

    assert.deepEqual(report.summary, {
      errors: 3,
      warnings: 0,
      information: 0,
      hints: 0,
      files: 1,
    });
  });

  test('explicit non-data-model is listed as skipped', async () => {
    const { status, report } = await checkJson(['--format', 'json', 'app/application.xml']);

    assert.equal(status, 0);
    assert.deepEqual(report.files, []);
    assert.equal(report.skipped.length, 1);
    assert.equal(report.skipped[0].path, path.join('app', 'application.xml'));
    assert.match(report.skipped[0].reason, /<application>/);
  });

  test('missing path is listed as input error', async () => {
    const result = await runCli(['check', '--format', 'json', 'nowhere.xml'], { cwd: root });
    const report = JSON.parse(result.stdout) as JsonReport;

    assert.equal(result.status, 2);
    assert.deepEqual(report.inputErrors, [
      { path: 'nowhere.xml', message: 'file or folder not found.' },
    ]);
    assert.match(result.stderr, /cannot check 'nowhere\.xml': file or folder not found\./);
  });

  test('empty path is listed as input error', async () => {
    const { status, report } = await checkJson(['--format', 'json', '']);

    assert.equal(status, 2);
    assert.deepEqual(report.files, []);
    assert.deepEqual(report.inputErrors, [
      { path: '', message: 'file or folder not found (the path is empty).' },
    ]);
  });

  test('folder without data models gives a note', async () => {
    const result = await runCli(['check', '--format', 'json', 'empty'], { cwd: root });
    const report = JSON.parse(result.stdout) as JsonReport;

    assert.equal(result.status, 0);
    assert.deepEqual(report.files, []);
    assert.deepEqual(report.notes, ["no data model found in 'empty'."]);
    assert.equal(result.stderr, "oxide-webhooks: no data model found in 'empty'.\n");
  });

  test('unreadable cloudcode folder gives a note', async () => {
    const result = await runCli(['check', '--format', 'json', 'looped-tasks'], { cwd: root });
    const report = JSON.parse(result.stdout) as JsonReport;
    const cloudCodeFolder = path.join(root, 'looped-tasks', 'cloudcode');
    const expected =
      `cannot list CloudCode tasks in '${cloudCodeFolder}': too many levels of symbolic ` +
      'links. CloudCode actions are not checked for this app.';

    assert.equal(result.status, 1);
    assert.deepEqual(report.notes, [expected]);
    assert.equal(result.stderr, `oxide-webhooks: ${expected}\n`);
  });

  test('invalid format value exits 2', async () => {
    const result = await runCli(['check', '--format', 'xml', 'app'], { cwd: root });

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /invalid value 'xml' for '--format'\. Expected 'human' or 'json'\./,
    );
    assert.match(result.stderr, /Run 'oxide-webhooks check --help' for usage\./);
  });
});
