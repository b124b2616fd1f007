import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { RemoteConsole } from 'vscode-languageserver';
import { redirectConsole } from '../../server/src/redirect-console';

const METHODS = ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'dirxml'] as const;

describe('console redirection', () => {
  const saved = new Map<string, unknown>();
  let logged: Array<{ type: string; message: string }>;

  beforeEach(() => {
    METHODS.forEach((method) => saved.set(method, console[method]));
    logged = [];
    const remote = {
      log: (message: string) => logged.push({ type: 'log', message }),
      info: (message: string) => logged.push({ type: 'info', message }),
      warn: (message: string) => logged.push({ type: 'warn', message }),
      error: (message: string) => logged.push({ type: 'error', message }),
    };
    redirectConsole(remote as unknown as RemoteConsole);
  });

  afterEach(() => {
    METHODS.forEach((method) => Object.assign(console, { [method]: saved.get(method) }));
  });

  test('formats like console.log', () => {
    console.log('%s has %d fields', 'asset', 4);
    console.error('failed:', new Error('boom').message);

    assert.deepEqual(logged, [
      { type: 'log', message: 'asset has 4 fields' },
      { type: 'error', message: 'failed: boom' },
    ]);
  });

  test('dir and dirxml reach the log', () => {
    console.dir({ name: 'asset', depth: { one: { two: { three: 3 } } } }, { depth: 0 });
    console.dirxml('webhook', 2);

    assert.deepEqual(logged, [
      { type: 'log', message: "{ name: 'asset', depth: [Object] }" },
      { type: 'log', message: 'webhook 2' },
    ]);
  });

  test('count, table and assert reach the log', () => {
    console.count('edits');
    console.table([{ name: 'asset' }]);
    console.assert(false, 'no model');

    assert.equal(logged[0].message, 'edits: 1');
    assert.match(logged[1].message, /│ name +│/);
    assert.deepEqual(logged[2], { type: 'warn', message: 'Assertion failed: no model' });
    assert.equal(logged.length, 3);
  });
});
