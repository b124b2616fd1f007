import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { errorsOf, validateText } from '../helpers/analysis';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const PROBES = join(FIXTURES, 'probes');
const CORPUS = join(FIXTURES, 'corpus');

/** Our code for each message of JourneyApps' own parser (`@journeyapps/parser-schema` 8.2.5). */
const PLATFORM_MESSAGES: [RegExp, string[]][] = [
  [/^webhook type must be/, ['webhook-type-invalid', 'webhook-type-missing']],
  [/^type is required/, ['webhook-type-missing']],
  [/^webhook receiver must be/, ['webhook-receiver-invalid']],
  [/^webhook action required/, ['webhook-action-missing']],
  [/^webhook action is not allowed/, ['webhook-action-without-receiver']],
  [/^Not a valid name/, ['webhook-name-invalid']],
  [/^Invalid attribute/, ['webhook-attribute-unknown']],
  [/^required must be/, ['condition-required-invalid']],
  [/^embed must be/, ['condition-embed-invalid']],
  [/^state must be/, ['condition-state-invalid']],
  [/^Elements must be in this order/, ['element-order']],
];

interface Observed {
  file: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
  message: string;
}

/** Reads the platform's observed diagnostics: `error @7:19-7:26: message` under `### file`. */
function readObserved(): Observed[] {
  const observed: Observed[] = [];
  let file = '';
  for (const line of readFileSync(join(PROBES, 'OBSERVED.md'), 'utf8').split('\n')) {
    const heading = /^### (\S+)/.exec(line);
    if (heading !== null) {
      file = heading[1];
      continue;
    }
    const found = /^\s+(?:error|warning) @(\d+):(\d+)-(\d+):(\d+): (.*)$/.exec(line);
    if (found !== null) {
      const [, startLine, start, endLine, end, message] = found;
      observed.push({
        file,
        line: +startLine,
        start: +start,
        endLine: +endLine,
        end: +end,
        message,
      });
    }
  }
  return observed;
}

describe('platform parser probes', () => {
  const observed = readObserved();

  test('observed list was read', () => {
    assert.ok(observed.length >= 15, `only ${observed.length} observations read`);
  });

  for (const item of observed) {
    const codes = PLATFORM_MESSAGES.find(([pattern]) => pattern.test(item.message))?.[1];
    if (codes === undefined) {
      // `auto-download="false"` on a photo field is reported by the platform as "false"; it is
      // not about webhooks and this product does not check field attributes.
      test(`${item.file} ${item.line}:${item.start} "${item.message}" is outside webhooks`, () => {
        assert.equal(item.message, 'false');
      });
      continue;
    }
    test(`${item.file} ${item.line}:${item.start} ${codes[0]}`, () => {
      const diagnostics = validateText(readFileSync(join(PROBES, item.file), 'utf8'));
      const match = diagnostics.find(
        (diagnostic) =>
          codes.includes(diagnostic.code) &&
          diagnostic.range.start.line === item.line &&
          diagnostic.range.start.character === item.start &&
          diagnostic.range.end.line === item.endLine &&
          diagnostic.range.end.character === item.end,
      );
      assert.ok(
        match,
        `no ${codes.join('/')} at ${item.line}:${item.start}-${item.endLine}:${item.end}`,
      );
    });
  }

  test('webhook mistakes the platform misses are found', () => {
    const diagnostics = validateText(readFileSync(join(PROBES, 'a_webhook_errors.xml'), 'utf8'));
    const at = (code: string) =>
      diagnostics
        .filter((item) => item.code === code)
        .map((item) => `${item.range.start.line}:${item.range.start.character}`);
    assert.deepEqual(at('webhook-name-duplicate'), ['12:32', '13:32']);
    assert.deepEqual(at('condition-field-unknown'), ['15:19']);
    assert.deepEqual(at('condition-state-not-attachment'), ['16:25']);
    assert.deepEqual(at('condition-name-missing'), ['18:7']);
    assert.deepEqual(at('webhook-child-unknown'), ['19:7']);
    assert.deepEqual(at('webhook-text-stray'), ['20:6']);
  });

  test('broken XML reported with a position', () => {
    const diagnostics = validateText(readFileSync(join(PROBES, 'g_broken.xml'), 'utf8'));
    const syntax = diagnostics.filter((item) => item.code === 'xml-syntax-error');
    assert.equal(syntax.length, 1);
    // The platform reports offset 86, the `/` of `</model>` on line 3, as an invalid attribute
    // name. The cause is the `<field>` start tag above it that never got its `>`.
    assert.deepEqual(syntax[0].range, {
      start: { line: 2, character: 5 },
      end: { line: 2, character: 10 },
    });
    assert.match(syntax[0].message, /<field> is not closed.*<\/model>/);
  });
});

describe('real data models', () => {
  const files = readdirSync(CORPUS).filter((name) => name.endsWith('.xml'));

  test('corpus is present', () => {
    assert.ok(files.length >= 12);
  });

  for (const file of files) {
    test(`${file} has no false error`, () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const errors = errorsOf(validateText(text)).map((item) => `${item.code} ${item.message}`);
      // The fixture removes model `branch` while `worker` still belongs to it, on purpose.
      const expected = file.includes('schema_modified')
        ? [
            'relationship-model-unknown Unknown model "branch" in <belongs-to>. No model with that name is defined in this data model.',
          ]
        : [];
      assert.deepEqual(errors, expected);
    });
  }
});
