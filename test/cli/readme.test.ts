import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from './run-cli';

const START_MARKER = '<!-- catalogue:start -->';
const END_MARKER = '<!-- catalogue:end -->';

/** Trims the cells of each table row, so that column padding added by a formatter is ignored. */
function normalizeTable(table: string): string {
  return table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');
}

function readmeSection(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  assert.notEqual(start, -1, 'README.md has no catalogue start marker');
  assert.ok(end > start, 'README.md has no catalogue end marker after the start marker');
  return readme.slice(start + START_MARKER.length + 1, end);
}

describe('README', () => {
  test('catalogue table is up to date', async () => {
    const script = path.join(REPO_ROOT, 'scripts', 'catalogue-table.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: REPO_ROOT });

    assert.equal(
      normalizeTable(readmeSection()),
      normalizeTable(stdout),
      'README.md is out of date: run `node scripts/catalogue-table.mjs --write`.',
    );
  });

  test('catalogue table lists every code once', async () => {
    const codes = [...readmeSection().matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);

    assert.ok(codes.length > 0);
    assert.equal(new Set(codes).size, codes.length);
  });
});
