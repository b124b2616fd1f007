import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import {
  DiagnosticsDelivery,
  type VersionedDiagnostics,
} from '../../server/src/diagnostics-delivery';

const URI = 'file:///app/schema.xml';
const DELAY = 150;

/** Creates a delivery whose computations wait until the test resolves them one by one. */
function setup() {
  const published: PublishDiagnosticsParams[] = [];
  const errors: string[] = [];
  const pending: Array<{
    uri: string;
    resolve: (result: VersionedDiagnostics | undefined) => void;
  }> = [];
  const delivery = new DiagnosticsDelivery({
    compute: (uri) =>
      new Promise((resolve) => {
        pending.push({ uri, resolve });
      }),
    publish: (params) => published.push(params),
    logError: (message) => errors.push(message),
    delay: () => DELAY,
  });
  return { delivery, published, errors, pending };
}

/** Lets promise callbacks that are already due run. Timers are mocked, so this is no sleep. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function result(version: number): VersionedDiagnostics {
  return { version, diagnostics: [] };
}

describe('diagnostics delivery', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('immediate schedule skips the delay', async () => {
    const { delivery, published, pending } = setup();

    delivery.schedule(URI, true);
    mock.timers.tick(0);
    pending[0].resolve(result(1));
    await settle();

    assert.deepEqual(published, [{ uri: URI, version: 1, diagnostics: [] }]);
  });

  test('changes within the delay validate once', () => {
    const { delivery, pending } = setup();

    delivery.schedule(URI);
    mock.timers.tick(DELAY - 1);
    delivery.schedule(URI);
    mock.timers.tick(DELAY - 1);
    delivery.schedule(URI);
    assert.equal(pending.length, 0, 'nothing computed while changes keep coming');

    mock.timers.tick(DELAY);
    assert.equal(pending.length, 1);
  });

  test('result of a superseded schedule is dropped', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    delivery.schedule(URI);
    mock.timers.tick(DELAY);

    pending[1].resolve(result(3));
    await settle();
    pending[0].resolve(result(2));
    await settle();

    assert.deepEqual(
      published.map((params) => params.version),
      [3],
    );
  });

  test('older version than the published one is dropped', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    pending[0].resolve(result(5));
    await settle();

    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    pending[1].resolve(result(4));
    await settle();

    assert.deepEqual(
      published.map((params) => params.version),
      [5],
    );
  });

  test('same version is published again', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    pending[0].resolve(result(5));
    await settle();

    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    pending[1].resolve({ version: 5, diagnostics: [diagnostic()] });
    await settle();

    assert.equal(published.length, 2);
    assert.equal(published[1].diagnostics.length, 1);
  });

  test('clear publishes an empty list and cancels', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    delivery.schedule(URI);

    delivery.clear(URI);
    mock.timers.tick(DELAY);
    pending[0].resolve(result(2));
    await settle();

    assert.equal(pending.length, 1, 'the pending schedule never computed');
    assert.deepEqual(published, [{ uri: URI, diagnostics: [] }]);
    assert.equal(delivery.isTracked(URI), false);
  });

  test('reopened document starts its versions again', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI, true);
    mock.timers.tick(0);
    pending[0].resolve(result(7));
    await settle();
    delivery.clear(URI);

    delivery.schedule(URI, true);
    mock.timers.tick(0);
    pending[1].resolve(result(1));
    await settle();

    assert.deepEqual(
      published.map((params) => params.version),
      [7, undefined, 1],
    );
  });

  test('closed document publishes nothing', async () => {
    const { delivery, published, pending } = setup();
    delivery.schedule(URI);
    mock.timers.tick(DELAY);

    pending[0].resolve(undefined);
    await settle();

    assert.deepEqual(published, []);
  });

  test('failed computation is logged', async () => {
    const published: PublishDiagnosticsParams[] = [];
    const errors: string[] = [];
    const delivery = new DiagnosticsDelivery({
      compute: () => Promise.reject(new Error('broken rule')),
      publish: (params) => published.push(params),
      logError: (message) => errors.push(message),
      delay: () => DELAY,
    });

    delivery.schedule(URI);
    mock.timers.tick(DELAY);
    await settle();

    assert.deepEqual(errors, [`Failed to validate ${URI}`]);
    assert.deepEqual(published, []);
  });

  test('URIs are independent', async () => {
    const { delivery, published, pending } = setup();
    const other = 'file:///app/other.xml';

    delivery.schedule(URI);
    delivery.schedule(other);
    mock.timers.tick(DELAY);
    pending.forEach((item) => item.resolve(result(1)));
    await settle();

    assert.deepEqual(published.map((params) => params.uri).sort(), [other, URI].sort());
  });
});

function diagnostic() {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    message: 'Invalid webhook type "x". Expected "ready" or "update".',
  };
}
