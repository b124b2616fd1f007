import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { dataModel, makeTree, removeTree, runCli } from './run-cli';

const BROKEN = dataModel('    <webhook type="created" name="asset_created" />');
const LATIN1_LABEL = Buffer.from(BROKEN.replace('label="Name"', 'label="Caf\u00e9"'), 'latin1');

/** Builds a data model of about `bytes` bytes with one mistake in its last model. */
function largeDataModel(bytes: number): string {
  const models: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const model =
      `  <model name="m${index}" label="M">\n` +
      '    <field name="name" label="Name" type="text" />\n' +
      '    <display>{name}</display>\n' +
      `    <webhook type="ready" name="w${index}" />\n` +
      '  </model>';
    models.push(model);
    size += model.length;
  }
  models.push(
    '  <model name="last" label="Last">\n' +
      '    <field name="name" label="Name" type="text" />\n' +
      '    <display>{name}</display>\n' +
      '    <webhook type="Ready" name="last_ready" />\n' +
      '  </model>',
  );
  return `<data-model>\n${models.join('\n')}\n</data-model>\n`;
}

describe('check input errors', () => {
  const root = makeTree({
    'binary.xml': Buffer.from([0x3c, 0x64, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x10]),
    'latin1.xml': LATIN1_LABEL,
    'empty.xml': '',
    'bom.xml': '\ufeff' + BROKEN,
    'utf16le.xml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BROKEN, 'utf16le')]),
    'utf16be.xml': Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from(BROKEN, 'utf16le').swap16(),
    ]),
    'search/binary.xml': Buffer.from([0x00, 0x01, 0x02, 0x03]),
    'search/good/schema.xml': BROKEN,
    'search-latin1/schema.xml': LATIN1_LABEL,
  });
  after(() => removeTree(root));

  test('missing path exits 2 with a message', async () => {
    const result = await runCli(['check', 'missing.xml'], { cwd: root });

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^oxide-webhooks: cannot check 'missing\.xml': file or folder not found\.\n/,
    );
  });

  test('empty path exits 2', async () => {
    const result = await runCli(['check', '', 'bom.xml'], { cwd: root });

    assert.equal(result.status, 2);
    assert.match(result.stdout, /^bom\.xml:7:20: error webhook-type-invalid/);
    assert.match(
      result.stderr,
      /^oxide-webhooks: cannot check '': file or folder not found \(the path is empty\)\.\n/,
    );
    assert.match(result.stderr, /in 1 file\n$/);
  });

  test('missing path still checks the others', async () => {
    const result = await runCli(['check', 'missing.xml', 'bom.xml'], { cwd: root });

    assert.equal(result.status, 2);
    assert.match(result.stdout, /^bom\.xml:7:20: error webhook-type-invalid/);
  });

  test('binary file gets a one-line message', async () => {
    const result = await runCli(['check', 'binary.xml'], { cwd: root });

    assert.equal(result.status, 2);
    assert.equal(
      result.stderr.split('\n')[0],
      "oxide-webhooks: cannot check 'binary.xml': the file contains a NUL byte at line 1 " +
        '(byte offset 2), so it is binary or UTF-16 without a byte order mark. Save it as UTF-8 text.',
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('invalid UTF-8 names the line', async () => {
    const result = await runCli(['check', 'latin1.xml'], { cwd: root });

    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /cannot check 'latin1\.xml': the file is not valid UTF-8 at line 4 \(byte offset \d+\)\./,
    );
  });

  test('binary file found in a folder is skipped', async () => {
    const result = await runCli(['check', 'search'], { cwd: root });

    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stderr, /binary/);
    assert.match(result.stderr, /1 error, 0 warnings in 1 file\n$/);
  });

  test('undecodable data model in a folder is reported', async () => {
    const result = await runCli(['check', 'search-latin1'], { cwd: root });

    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /cannot check 'search-latin1\/schema\.xml': the file is not valid UTF-8/,
    );
  });

  test('empty file is skipped with a note', async () => {
    const result = await runCli(['check', 'empty.xml'], { cwd: root });

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /skipped 'empty\.xml': the file is empty\./);
  });

  test('byte order mark does not shift columns', async () => {
    const result = await runCli(['check', 'bom.xml'], { cwd: root });

    assert.equal(result.status, 1);
    assert.match(result.stdout, /^bom\.xml:7:20: error webhook-type-invalid/);
  });

  test('UTF-16 with a byte order mark is decoded', async () => {
    const result = await runCli(['check', 'utf16le.xml', 'utf16be.xml'], { cwd: root });

    assert.equal(result.status, 1);
    assert.match(result.stdout, /^utf16be\.xml:7:20: error webhook-type-invalid/m);
    assert.match(result.stdout, /^utf16le\.xml:7:20: error webhook-type-invalid/m);
  });

  test('file over the size limit is rejected', async () => {
    const hugePath = path.join(root, 'huge.xml');
    fs.writeFileSync(hugePath, '<data-model>\n');
    fs.truncateSync(hugePath, 51 * 1024 * 1024);
    try {
      const result = await runCli(['check', 'huge.xml'], { cwd: root });

      assert.equal(result.status, 2);
      assert.equal(
        result.stderr.split('\n')[0],
        "oxide-webhooks: cannot check 'huge.xml': the file is 53,477,376 bytes (51.0 MiB), " +
          'larger than the 50 MiB limit (52,428,800 bytes).',
      );
    } finally {
      fs.rmSync(hugePath);
    }
  });

  test('size just over the limit is exact', async () => {
    const hugePath = path.join(root, 'just-over.xml');
    fs.writeFileSync(hugePath, '<data-model>\n');
    fs.truncateSync(hugePath, 52_428_922);
    try {
      const result = await runCli(['check', 'just-over.xml'], { cwd: root });

      assert.equal(result.status, 2);
      assert.equal(
        result.stderr.split('\n')[0],
        "oxide-webhooks: cannot check 'just-over.xml': the file is 52,428,922 bytes (50.1 MiB), " +
          'larger than the 50 MiB limit (52,428,800 bytes).',
      );
    } finally {
      fs.rmSync(hugePath);
    }
  });

  test('large non-data-model in a folder is skipped', async () => {
    const folder = path.join(root, 'large-search');
    const hugePath = path.join(folder, 'export.xml');
    fs.mkdirSync(folder);
    fs.writeFileSync(hugePath, '<export>\n');
    fs.truncateSync(hugePath, 51 * 1024 * 1024);
    try {
      const result = await runCli(['check', 'large-search'], { cwd: root });

      assert.equal(result.status, 0);
      assert.match(result.stderr, /no data model found in 'large-search'\./);
    } finally {
      fs.rmSync(folder, { recursive: true });
    }
  });

  test('10 MB data model is checked', { timeout: 120_000 }, async () => {
    const text = largeDataModel(10 * 1024 * 1024);
    const largePath = path.join(root, 'large.xml');
    fs.writeFileSync(largePath, text);
    const lastLine = text.split('\n').length - 3;
    try {
      const result = await runCli(['check', 'large.xml'], { cwd: root });

      assert.equal(result.status, 1);
      assert.equal(result.stdout.split('\n')[0].split(': ')[0], `large.xml:${lastLine}:20`);
      assert.match(result.stdout, /error webhook-type-invalid: .*"Ready"/);
    } finally {
      fs.rmSync(largePath);
    }
  });
});
