import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import type { JsonReport } from '../../cli/src/format-json';
import { dataModel, makeTree, removeTree, runCli } from './run-cli';

const BROKEN = dataModel('    <webhook type="created" name="asset_created" />');
const LEGACY_SCHEMA = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<schema>',
  '  <object name="asset" label="Asset">',
  '    <attribute name="name" label="Name" type="string" />',
  '    <display format="{name}" />',
  '  </object>',
  '</schema>',
  '',
].join('\n');
const CLOUD_CODE_WEBHOOK = dataModel(
  '    <webhook type="ready" name="notify" receiver="cloudcode" action="notify_team" />',
);

/** Runs `check --format json` and returns the checked paths, with `/` separators. */
async function checkedPaths(args: string[], cwd: string): Promise<string[]> {
  const result = await runCli(['check', '--format', 'json', ...args], { cwd });
  const report = JSON.parse(result.stdout) as JsonReport;
  return report.files.map((file) => file.path.split(path.sep).join('/'));
}

describe('check folder discovery', () => {
  const root = makeTree({
    'app/x.xml': BROKEN,
    'app/application.xml': '<application><api>4.0</api></application>\n',
    'app/notes.txt': BROKEN,
    'app/legacy/schema.xml': LEGACY_SCHEMA,
    'app/node_modules/dependency/schema.xml': BROKEN,
    'app/.git/schema.xml': BROKEN,
    'app/.hidden/schema.xml': BROKEN,
    'app/deep/er/UPPER.XML': BROKEN,
    'empty-folder/readme.md': '# nothing here\n',
  });
  after(() => removeTree(root));

  test('data models are found by content', async () => {
    const paths = await checkedPaths(['app'], root);

    assert.deepEqual(paths, ['app/deep/er/UPPER.XML', 'app/legacy/schema.xml', 'app/x.xml']);
  });

  test('non-data-model XML is skipped quietly', async () => {
    const result = await runCli(['check', 'app'], { cwd: root });

    assert.doesNotMatch(result.stderr, /application\.xml/);
    assert.match(result.stderr, /in 3 files\n$/);
  });

  test('node_modules and dot-folders are skipped', async () => {
    const result = await runCli(['check', 'app'], { cwd: root });

    assert.doesNotMatch(result.stdout, /node_modules/);
    assert.doesNotMatch(result.stdout, /\.git/);
    assert.doesNotMatch(result.stdout, /\.hidden/);
  });

  test('explicit file in a skipped folder is checked', async () => {
    const paths = await checkedPaths(['app/node_modules/dependency/schema.xml'], root);

    assert.deepEqual(paths, ['app/node_modules/dependency/schema.xml']);
  });

  test('explicit non-data-model gets a note', async () => {
    const result = await runCli(['check', 'app/application.xml', 'app/notes.txt'], { cwd: root });

    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /skipped 'app\/application\.xml': the root element is <application>, not <data-model> or <schema>\./,
    );
    assert.match(result.stdout, /^app\/notes\.txt:7:20: error webhook-type-invalid/);
  });

  test('legacy schema checks clean', async () => {
    const result = await runCli(['check', 'app/legacy/schema.xml'], { cwd: root });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
  });

  test('default path is the current folder', async () => {
    const paths = await checkedPaths([], path.join(root, 'app'));

    assert.deepEqual(paths, ['deep/er/UPPER.XML', 'legacy/schema.xml', 'x.xml']);
  });

  test('file reached twice is checked once', async () => {
    const paths = await checkedPaths(['app/x.xml', 'app', './app/x.xml'], root);

    assert.deepEqual(paths, ['app/deep/er/UPPER.XML', 'app/legacy/schema.xml', 'app/x.xml']);
  });

  test('folder without data models gives a note', async () => {
    const result = await runCli(['check', 'empty-folder'], { cwd: root });

    assert.equal(result.status, 0);
    assert.match(result.stderr, /no data model found in 'empty-folder'\./);
    assert.match(result.stderr, /0 errors, 0 warnings in 0 files\n$/);
  });

  test('symbolic link loop ends', async () => {
    const loopRoot = makeTree({ 'a/schema.xml': BROKEN });
    fs.symlinkSync('..', path.join(loopRoot, 'a', 'up'));
    fs.symlinkSync(path.join(loopRoot, 'a'), path.join(loopRoot, 'a', 'self'));
    try {
      const paths = await checkedPaths(['.'], loopRoot);

      assert.deepEqual(paths, ['a/schema.xml']);
    } finally {
      removeTree(loopRoot);
    }
  });

  test('symbolic link to a data model is followed', async () => {
    const linkRoot = makeTree({});
    fs.symlinkSync(path.join(root, 'app', 'x.xml'), path.join(linkRoot, 'linked.xml'));
    try {
      const paths = await checkedPaths(['.'], linkRoot);

      assert.deepEqual(paths, ['linked.xml']);
    } finally {
      removeTree(linkRoot);
    }
  });
});

describe('check app context', () => {
  const root = makeTree({
    'tasks/schema.xml': CLOUD_CODE_WEBHOOK,
    'tasks/cloudcode/notify_team/package.json': '{}\n',
    'no-tasks/schema.xml': CLOUD_CODE_WEBHOOK,
    'missing-task/schema.xml': CLOUD_CODE_WEBHOOK,
    'missing-task/cloudcode/other_task/package.json': '{}\n',
    'missing-task/cloudcode/README.md': 'A file, not a task.\n',
  });
  after(() => removeTree(root));

  test('existing task folder is accepted', async () => {
    const result = await runCli(['check', 'tasks'], { cwd: root });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
  });

  test('missing task folder warns', async () => {
    const result = await runCli(['check', 'missing-task'], { cwd: root });

    assert.equal(result.status, 0);
    assert.match(
      result.stdout,
      /^missing-task\/schema\.xml:7:\d+: warning webhook-action-unknown-task: .*"notify_team"/,
    );
    assert.doesNotMatch(result.stdout, /README/);
  });

  test('linked data model uses the real app', async () => {
    const linkRoot = makeTree({});
    fs.symlinkSync(path.join(root, 'missing-task', 'schema.xml'), path.join(linkRoot, 'aaa.xml'));
    try {
      const result = await runCli(['check', 'aaa.xml'], { cwd: linkRoot });

      assert.equal(result.status, 0);
      assert.match(
        result.stdout,
        /^aaa\.xml:7:\d+: warning webhook-action-unknown-task: .*"notify_team"/,
      );
    } finally {
      removeTree(linkRoot);
    }
  });

  test('file reached twice shows its real path', async () => {
    const appRoot = makeTree({
      'app/schema.xml': CLOUD_CODE_WEBHOOK,
      'app/cloudcode/other_task/package.json': '{}\n',
    });
    fs.symlinkSync(path.join('app', 'schema.xml'), path.join(appRoot, 'aaa.xml'));
    try {
      const result = await runCli(['check', '.'], { cwd: appRoot });

      assert.equal(result.status, 0);
      assert.match(
        result.stdout,
        /^app\/schema\.xml:7:\d+: warning webhook-action-unknown-task: .*"notify_team"/,
      );
      assert.doesNotMatch(result.stdout, /aaa\.xml/);
      assert.match(result.stderr, /in 1 file\n$/);
    } finally {
      removeTree(appRoot);
    }
  });

  test('no cloudcode folder means no task check', async () => {
    const result = await runCli(['check', 'no-tasks'], { cwd: root });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
  });
});
