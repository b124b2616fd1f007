import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDiagnostics, formatSummary, printable, useColor } from '../../cli/src/format-human';
import type { CheckedFile } from '../../cli/src/results';

const FILE: CheckedFile = {
  absolutePath: '/app/schema.xml',
  displayPath: 'schema.xml',
  kind: 'data-model',
  diagnostics: [
    {
      code: 'webhook-type-invalid',
      severity: 'error',
      message: 'Invalid webhook type "\u001b[2J".',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      source: 'oxide-webhooks',
    },
  ],
};

describe('human format', () => {
  test('color only on a terminal', () => {
    assert.equal(useColor({ isTTY: true }, {}), true);
    assert.equal(useColor({ isTTY: false }, {}), false);
    assert.equal(useColor({}, {}), false);
  });

  test('NO_COLOR turns color off', () => {
    assert.equal(useColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(useColor({ isTTY: true }, { NO_COLOR: '' }), true);
  });

  test('TERM=dumb turns color off', () => {
    assert.equal(useColor({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(useColor({ isTTY: true }, { TERM: 'xterm-256color' }), true);
  });

  test('color wraps the severity', () => {
    const output = formatDiagnostics([FILE], true);

    assert.match(output, /\u001b\[1;31merror\u001b\[0m/);
  });

  test('control characters are escaped', () => {
    const output = formatDiagnostics([FILE], false);

    assert.equal(
      output,
      'schema.xml:1:1: error webhook-type-invalid: Invalid webhook type "\\x1B[2J".\n',
    );
  });

  test('printable escapes line breaks', () => {
    assert.equal(printable('a\nb\r\tc\u009b'), 'a\\x0Ab\\x0D\\x09c\\x9B');
  });

  test('summary counts information and hints', () => {
    const counts = { errors: 7, warnings: 3, information: 1, hints: 2 };

    assert.equal(
      formatSummary(counts, 1, false),
      '7 errors, 3 warnings, 1 information, 2 hints in 1 file\n',
    );
    assert.equal(
      formatSummary({ ...counts, information: 0, hints: 0 }, 1, false),
      '7 errors, 3 warnings in 1 file\n',
    );
    assert.equal(
      formatSummary({ ...counts, hints: 0, information: 2 }, 2, false),
      '7 errors, 3 warnings, 2 information in 2 files\n',
    );
  });

  test('quiet summary names hidden counts', () => {
    const counts = { errors: 7, warnings: 0, information: 0, hints: 0 };
    const hidden = { errors: 0, warnings: 3, information: 1, hints: 0 };

    assert.equal(
      formatSummary(counts, 1, false, hidden),
      '7 errors in 1 file (3 warnings, 1 information hidden by --quiet)\n',
    );
    assert.equal(
      formatSummary(counts, 1, false, { ...hidden, warnings: 0, information: 0 }),
      '7 errors in 1 file\n',
    );
  });

  test('summary uses singular and plural', () => {
    const counts = { errors: 1, warnings: 2, information: 0, hints: 0 };

    assert.equal(formatSummary(counts, 1, false), '1 error, 2 warnings in 1 file\n');
    assert.equal(
      formatSummary({ ...counts, errors: 0 }, 3, false),
      '0 errors, 2 warnings in 3 files\n',
    );
  });
});
