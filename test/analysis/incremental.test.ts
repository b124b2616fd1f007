import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { AnalysedDocument } from '../../server/src/analysis/document';
import type { TextChange } from '../../server/src/analysis/types';
import { service } from '../helpers/analysis';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const SCHEMA = readFileSync(
  join(
    FIXTURES,
    'corpus',
    'journeyapps-platform__journey-lib__journeyapps-parser-schema__tests__fixtures__schema3.xml',
  ),
  'utf8',
);

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const INSERTS = [
  'x',
  '"',
  '<',
  '>',
  '/',
  ' ',
  '\n',
  '\r\n',
  'é',
  '😀',
  '<field name="photo"/>',
  '</model>',
  '<!--',
  'webhook',
  '=',
  '',
];

/** What typing mostly inserts: edits that keep the tags around them intact. */
const TYPING = ['x', 'é', '😀', ' ', '\n', '\r\n', '\t', '_1', ''];

/** Picks an edit inside an attribute value, where most typing in a data model happens. */
function typingChange(text: string, next: () => number): TextChange {
  const values = [...text.matchAll(/="([^"]*)"/g)];
  const value = values[Math.floor(next() * values.length)];
  const valueStart = value.index! + 2;
  const start = valueStart + Math.floor(next() * (value[1].length + 1));
  const end = Math.min(valueStart + value[1].length, start + (next() < 0.7 ? 0 : 1));
  return { start, end, text: TYPING[Math.floor(next() * TYPING.length)] };
}

function randomChange(text: string, next: () => number): TextChange {
  const start = Math.floor(next() * (text.length + 1));
  const length = next() < 0.6 ? 0 : Math.floor(next() * 4);
  const inserted = INSERTS[Math.floor(next() * INSERTS.length)];
  return { start, end: Math.min(text.length, start + length), text: inserted };
}

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** Everything a feature can see of a document, in a form that compares structurally. */
function summary(document: AnalysedDocument) {
  return {
    diagnostics: service.validate(document, { cloudCodeTasks: ['helloworld'] }),
    models: document.models.map((entry) => ({
      name: entry.index.name,
      start: entry.index.element.start,
      end: entry.index.element.end,
      fields: entry.index.fields.map((field) => [field.name, field.type, field.element.nameSpan]),
      webhooks: entry.index.webhooks.map((webhook) => [
        webhook.effectiveName,
        webhook.element.start,
        webhook.conditions.length,
      ]),
    })),
    rootEnd: document.root?.end,
  };
}

describe('incremental update', () => {
  test('matches a full parse after each random edit', () => {
    const next = random(7);
    for (let round = 0; round < 400; round++) {
      const change = randomChange(SCHEMA, next);
      const previous = service.parse(SCHEMA);
      service.validate(previous, { cloudCodeTasks: ['helloworld'] });
      const updated = service.update(previous, [change]);
      const expected = service.parse(apply(SCHEMA, change));
      assert.deepEqual(summary(updated), summary(expected), `edit ${JSON.stringify(change)}`);
    }
  });

  test('stays exact across a chain of edits', () => {
    const next = random(99);
    let text = SCHEMA;
    let document = service.parse(text);
    let reused = 0;
    for (let round = 0; round < 300; round++) {
      const change = typingChange(text, next);
      service.validate(document, { cloudCodeTasks: ['helloworld'] });
      const before = new Set(document.models);
      document = service.update(document, [change]);
      reused += document.models.some((entry) => before.has(entry)) ? 1 : 0;
      text = apply(text, change);
      assert.equal(document.text, text);
      assert.deepEqual(summary(document), summary(service.parse(text)), `round ${round}`);
    }
    assert.equal(document.models.length, 11);
    assert.ok(reused > 200, `only ${reused} of 300 edits were applied incrementally`);
  });

  test('applies several changes in order', () => {
    const first: TextChange = {
      start: SCHEMA.indexOf('type="ready"') + 6,
      end: SCHEMA.indexOf('type="ready"') + 11,
      text: 'created',
    };
    const afterFirst = apply(SCHEMA, first);
    const offset = afterFirst.indexOf('name="barcode"') + 6;
    const second: TextChange = { start: offset, end: offset + 7, text: 'code' };
    const document = service.update(service.parse(SCHEMA), [first, second]);
    const expected = apply(afterFirst, second);
    assert.equal(document.text, expected);
    assert.deepEqual(summary(document), summary(service.parse(expected)));
    assert.ok(summary(document).diagnostics.some((item) => item.code === 'webhook-type-invalid'));
  });

  test('reports a syntax error in each edited model', () => {
    let text = SCHEMA;
    let document = service.parse(text);
    for (const [before, after] of [
      ['label="Barcode"', 'label="Bar<code"'],
      ['label="Archived"', 'label="Arch<ived"'],
    ]) {
      const start = text.indexOf(before);
      const change = { start, end: start + before.length, text: after };
      service.validate(document);
      document = service.update(document, [change]);
      text = apply(text, change);
    }
    const fresh = service.parse(text);
    const syntax = service.validate(document).filter((item) => item.code === 'xml-syntax-error');
    assert.equal(syntax.length, 2);
    assert.deepEqual(service.validate(document), service.validate(fresh));
  });

  test('reuses models the edit does not touch', () => {
    const previous = service.parse(SCHEMA);
    service.validate(previous);
    const untouched = previous.models[0];
    const offset = SCHEMA.indexOf('name="ready_asset2"') + 6;
    const updated = service.update(previous, [{ start: offset, end: offset, text: 'x' }]);
    assert.equal(updated.models[0], untouched);
    assert.notEqual(
      updated.models.find((entry) => entry.index.name === 'asset'),
      undefined,
    );
  });
});
