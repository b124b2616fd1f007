import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic, Severity } from '../../server/src/analysis/types';
import { mostSevere } from '../../server/src/lsp-diagnostics';
import { DEFAULT_SETTINGS, decodeSettings } from '../../server/src/settings';

describe('settings', () => {
  const valid: Array<{ name: string; section: unknown; delay: number }> = [
    { name: 'no section', section: undefined, delay: DEFAULT_SETTINGS.validationDelay },
    { name: 'null section', section: null, delay: DEFAULT_SETTINGS.validationDelay },
    { name: 'empty section', section: {}, delay: DEFAULT_SETTINGS.validationDelay },
    { name: 'nested delay', section: { validation: { delay: 300 } }, delay: 300 },
    { name: 'dotted delay key', section: { 'validation.delay': 40 }, delay: 40 },
    { name: 'zero delay', section: { validation: { delay: 0 } }, delay: 0 },
    { name: 'fractional delay', section: { validation: { delay: 12.6 } }, delay: 13 },
    { name: 'maximum delay', section: { validation: { delay: 10_000 } }, delay: 10_000 },
  ];

  for (const { name, section, delay } of valid) {
    test(name, () => {
      const decoded = decodeSettings(section);

      assert.equal(decoded.settings.validationDelay, delay);
      assert.deepEqual(decoded.problems, []);
    });
  }

  const invalid: Array<{ name: string; delay: unknown }> = [
    { name: 'negative delay', delay: -1 },
    { name: 'delay above maximum', delay: 10_001 },
    { name: 'string delay', delay: '200' },
    { name: 'NaN delay', delay: Number.NaN },
  ];

  for (const { name, delay } of invalid) {
    test(name, () => {
      const decoded = decodeSettings({ validation: { delay } });

      assert.equal(decoded.settings.validationDelay, DEFAULT_SETTINGS.validationDelay);
      assert.equal(decoded.problems.length, 1);
      assert.match(decoded.problems[0], /^Invalid setting oxideWebhooks\.validation\.delay "/);
    });
  }
});

describe('maxNumberOfProblems setting', () => {
  test('defaults when missing', () => {
    assert.equal(
      decodeSettings({}).settings.maxNumberOfProblems,
      DEFAULT_SETTINGS.maxNumberOfProblems,
    );
  });

  test('accepts a whole number', () => {
    const decoded = decodeSettings({ maxNumberOfProblems: 25 });

    assert.equal(decoded.settings.maxNumberOfProblems, 25);
    assert.deepEqual(decoded.problems, []);
  });

  for (const value of [0, -5, 100_001, '10', Number.NaN]) {
    test(`rejects ${String(value)}`, () => {
      const decoded = decodeSettings({ maxNumberOfProblems: value });

      assert.equal(decoded.settings.maxNumberOfProblems, DEFAULT_SETTINGS.maxNumberOfProblems);
      assert.match(decoded.problems[0], /^Invalid setting oxideWebhooks\.maxNumberOfProblems "/);
    });
  }
});

describe('mostSevere', () => {
  const diagnostic = (severity: Severity, line: number): Diagnostic => ({
    code: 'webhook-name-missing',
    severity,
    message: `at ${line}`,
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    source: 'oxide-webhooks',
  });

  test('keeps all under the limit', () => {
    const all = [diagnostic('warning', 0), diagnostic('error', 1)];
    assert.equal(mostSevere(all, 5), all);
  });

  test('keeps errors first, in document order', () => {
    const all = [
      diagnostic('warning', 0),
      diagnostic('error', 1),
      diagnostic('information', 2),
      diagnostic('error', 3),
      diagnostic('warning', 4),
    ];
    const kept = mostSevere(all, 3).map((item) => item.range.start.line);
    assert.deepEqual(kept, [0, 1, 3]);
  });
});
