import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
