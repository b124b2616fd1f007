import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { GENERATED_TASKS, generateDataModel, seededRandom } from '../../bench/generate';
import { createWebhookService } from '../../server/src/analysis/service';
import { LineIndex } from '../../server/src/analysis/text';
import type { Diagnostic } from '../../server/src/analysis/types';

const service = createWebhookService();
const CORPUS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus');
const SEVERITIES = ['error', 'warning', 'information', 'hint'];

/**
 * Parses and validates `text` and checks that every diagnostic is well-formed: a code, a
 * severity, a sentence and a range inside the text. Returns the diagnostics.
 */
function analyse(text: string): Diagnostic[] {
  const diagnostics = service.validate(service.parse(text), { cloudCodeTasks: GENERATED_TASKS });
  assert.ok(Array.isArray(diagnostics));

  const lines = new LineIndex(text);
  const last = lines.positionAt(text.length);
  for (const item of diagnostics) {
    assert.equal(typeof item.code, 'string');
    assert.ok(SEVERITIES.includes(item.severity), `severity ${item.severity}`);
    assert.match(item.message, /\S.*[.?]$/s, `message ${JSON.stringify(item.message)}`);
    const { start, end } = item.range;
    assert.ok(start.line <= end.line, `range ${JSON.stringify(item.range)}`);
    assert.ok(start.line < end.line || start.character <= end.character);
    assert.ok(end.line < last.line || (end.line === last.line && end.character <= last.character));
  }
  return diagnostics;
}

function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((item) => item.code);
}

describe('bad input: nearly nothing', () => {
  const cases: [string, string][] = [
    ['empty file', ''],
    ['whitespace only', ' \n\t\r\n  '],
    ['only a BOM', '\uFEFF'],
    ['lone <', '<'],
    ['lone < in a data model', '<data-model><</data-model>'],
    ['only an end tag', '</data-model>'],
    ['BOM then whitespace', '\uFEFF \n'],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      analyse(text);
    });
  }

  test('empty file has no diagnostic', () => {
    assert.deepEqual(analyse(''), []);
  });

  test('unclosed data model is reported', () => {
    assert.ok(codesOf(analyse('<data-model>')).includes('xml-syntax-error'));
  });
});

describe('bad input: binary and broken characters', () => {
  const random = seededRandom(7);
  const bytes = Buffer.alloc(64 * 1024);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Math.floor(random() * 256);
  }

  for (const encoding of ['latin1', 'utf8'] as const) {
    const noise = bytes.toString(encoding);
    test(`random bytes as ${encoding}`, () => {
      analyse(noise);
    });
    test(`random bytes as ${encoding} inside a data model`, () => {
      analyse(`<data-model>\n${noise}\n</data-model>`);
    });
    test(`random bytes as ${encoding} inside a webhook`, () => {
      const text = `<data-model><model name="a"><webhook type="ready" name="${noise.slice(0, 200)}">${noise}</webhook></model></data-model>`;
      analyse(text);
    });
  }

  test('NUL characters', () => {
    analyse('<data-model>\u0000<model name="a\u0000b" label="\u0000">\u0000</model></data-model>');
  });

  test('NUL in a name', () => {
    analyse('<data-model><mo\u0000del name="a"/><webhook\u0000 type="ready"/></data-model>');
  });

  const halves: [string, string][] = [
    ['high surrogate', '\uD800'],
    ['low surrogate', '\uDC00'],
    ['reversed pair', '\uDE00\uD83D'],
  ];
  for (const [name, half] of halves) {
    test(`${name} in text, values and names`, () => {
      const text = [
        `<data-model>${half}`,
        `  <model name="a${half}" label="${half}">`,
        `    <field name="f" label="F" type="text"/>`,
        `    <webhook type="ready${half}" name="w${half}">${half}`,
        `      <field name="${half}"/>`,
        `    </webhook>`,
        `  </model><${half}/>`,
        '</data-model>',
      ].join('\n');
      analyse(text);
    });
  }

  test('replacement characters give a warning', () => {
    const diagnostics = analyse('<data-model>\uFFFD\uFFFD</data-model>');
    assert.deepEqual(codesOf(diagnostics), ['xml-syntax-warning']);
  });
});

describe('bad input: size and depth', () => {
  test('10 MB data model', () => {
    const text = generateDataModel(10 * 1024 * 1024, 3);
    assert.ok(text.length >= 10 * 1024 * 1024);
    assert.deepEqual(analyse(text), []);
  });

  const depth = 10000;
  test('10,000-deep nesting inside a model', () => {
    const text = `<data-model><model name="a">${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</model></data-model>`;
    analyse(text);
  });

  test('10,000-deep nesting outside a model', () => {
    const text = `<data-model>${'<model>'.repeat(depth)}${'</model>'.repeat(depth)}</data-model>`;
    analyse(text);
  });

  test('10,000-deep webhooks never closed', () => {
    const text = `<data-model><model name="a">${'<webhook type="ready">'.repeat(depth)}`;
    const diagnostics = analyse(text);
    assert.ok(codesOf(diagnostics).includes('xml-syntax-error'));
  });

  test('10,000 unmatched end tags', () => {
    analyse(`<data-model>${'</model>'.repeat(depth)}</data-model>`);
  });
});

describe('bad input: entities', () => {
  test('billion laughs', () => {
    const declarations = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level++) {
      const previous = `&lol${level - 1};`.repeat(10);
      declarations.push(`<!ENTITY lol${level} "${previous}">`);
    }
    const text = [
      `<!DOCTYPE data-model [${declarations.join('')}]>`,
      '<data-model>',
      '  <model name="a" label="&lol9;">',
      '    <webhook type="ready" name="&lol9;">&lol9;</webhook>',
      '  </model>',
      '</data-model>',
    ].join('\n');
    const diagnostics = analyse(text);
    const size = JSON.stringify(diagnostics).length;
    assert.ok(size < 10000, `diagnostics take ${size} characters`);
    assert.ok(!JSON.stringify(diagnostics).includes('lollollol'));
  });

  test('external SYSTEM entity is never read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bad-input-'));
    const marker = 'MARKER-bad-input-3f9d';
    const secret = join(folder, 'secret.txt');
    writeFileSync(secret, marker);
    try {
      const text = [
        `<!DOCTYPE data-model [<!ENTITY secret SYSTEM "${pathToFileURL(secret).href}">]>`,
        '<data-model>',
        '  <model name="a" label="&secret;">',
        '    <webhook type="ready" name="&secret;" />',
        '  </model>',
        '</data-model>',
      ].join('\n');
      const diagnostics = analyse(text);
      assert.ok(!JSON.stringify(diagnostics).includes(marker));
      assert.ok(codesOf(diagnostics).includes('xml-syntax-warning'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('bad input: half-typed files', () => {
  const file =
    'journeyapps-platform__journey-lib__journeyapps-parser-schema__tests__fixtures__schema3.xml';
  const full = readFileSync(join(CORPUS, file), 'utf8');
  const rootNameEnd = full.indexOf('<data-model') + '<data-model'.length;
  const rootEnd = full.lastIndexOf('</data-model>') + '</data-model>'.length;

  test('schema3 cut at every 7th offset', () => {
    let checked = 0;
    for (let cut = 0; cut <= full.length; cut += 7) {
      const diagnostics = analyse(full.slice(0, cut));
      // Once the root's name is complete, anything short of its end tag is not well-formed.
      if (cut >= rootNameEnd && cut < rootEnd) {
        assert.ok(codesOf(diagnostics).includes('xml-syntax-error'), `no syntax error at ${cut}`);
      }
      checked++;
    }
    assert.ok(checked > 600);
  });

  test('schema3 with a window cut out', () => {
    for (let start = 0; start < full.length; start += 97) {
      analyse(full.slice(0, start) + full.slice(start + 41));
    }
  });

  test('half-typed edits through update', () => {
    let document = service.parse(full);
    const insertAt = full.indexOf('<webhook type="ready" name="ready_asset2"');
    const typed = '<webhook type="update" name="typed" receiver="cloudcode" action="sync_erp">';
    for (let index = 0; index < typed.length; index++) {
      const change = { start: insertAt + index, end: insertAt + index, text: typed[index] };
      document = service.update(document, [change]);
      const diagnostics = service.validate(document, { cloudCodeTasks: GENERATED_TASKS });
      assert.ok(Array.isArray(diagnostics));
    }
    const expected = full.slice(0, insertAt) + typed + full.slice(insertAt);
    assert.equal(document.text, expected);
  });
});
