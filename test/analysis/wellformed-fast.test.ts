import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { explainProblems } from '../../server/src/analysis/wellformed';
import { parsesCleanly } from '../../server/src/analysis/wellformed-fast';
import { generateDataModel, seededRandom } from '../../bench/generate';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

function fixtureTexts(): string[] {
  const texts: string[] = [];
  for (const folder of ['corpus', 'probes']) {
    for (const name of readdirSync(join(FIXTURES, folder)).filter((file) =>
      file.endsWith('.xml'),
    )) {
      texts.push(readFileSync(join(FIXTURES, folder, name), 'utf8'));
    }
  }
  return texts;
}

/**
 * Asserts the quick pass never passes text in which a full parse finds a problem. It may
 * reject clean text (a namespace prefix, say): the caller then parses fully.
 */
function expectAgreement(text: string): boolean {
  if (!parsesCleanly(text)) {
    return false;
  }
  const problems = explainProblems(text, 0, text.length);
  assert.deepEqual(problems, [], JSON.stringify(text.slice(0, 200)));
  return true;
}

const MUTATIONS = [
  '<',
  '>',
  '/',
  '"',
  "'",
  '&',
  '&amp;',
  '=',
  ' ',
  '<a>',
  '</a>',
  '<!--',
  ']]>',
  'x:y',
  '\u0000',
  '',
];

describe('syntax-only pass', () => {
  test('passes real files without problems', () => {
    for (const text of fixtureTexts()) {
      const clean = explainProblems(text, 0, text.length).length === 0;
      assert.equal(parsesCleanly(text), clean, JSON.stringify(text.slice(0, 80)));
    }
  });

  test('agrees with a full parse on mutated files', () => {
    const next = seededRandom(11);
    let checked = 0;
    let passed = 0;
    for (const text of fixtureTexts()) {
      for (let round = 0; round < 150; round++) {
        const at = Math.floor(next() * text.length);
        const removed = Math.floor(next() * 3);
        const inserted = MUTATIONS[Math.floor(next() * MUTATIONS.length)];
        passed += expectAgreement(text.slice(0, at) + inserted + text.slice(at + removed)) ? 1 : 0;
        checked++;
      }
    }
    assert.ok(checked > 1000);
    // Mutations inside text and values keep a file well-formed; those must reach the check.
    assert.ok(passed > 100, `only ${passed} mutated files passed the quick pass`);
  });

  test('agrees on structure errors the DOM finds', () => {
    const cases = [
      '<a/><b/>',
      '<a></a>\n<b/>',
      '<a xmlns:p="urn:x"><p:b/></a>',
      '<a><p:b/></a>',
      '<a p:x="1"/>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
      '<?xml version="1.0"?><a/>',
      '<a><![CDATA[x]]></a>',
      'text<a/>',
      '<a/>text',
    ];
    for (const text of cases) {
      expectAgreement(text);
    }
  });

  test('passes a generated data model', () => {
    assert.equal(parsesCleanly(generateDataModel(200_000, 3)), true);
  });
});
