import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { seededRandom } from '../../bench/generate';
import { scanXml, type XmlElement } from '../../server/src/analysis/scanner';
import { LineIndex } from '../../server/src/analysis/text';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** An element tree in a shape both parsers can produce, for deepEqual. */
interface Shape {
  name: string;
  /** 1-based, as xmldom counts, in UTF-16 code units. */
  line: number;
  column: number;
  attributes: [string, string][];
  children: Shape[];
}

/** Returns xmldom's tree for `text`, or undefined when xmldom reports any problem. */
function xmldomShape(text: string): Shape | undefined {
  let failed = false;
  const parser = new DOMParser({
    onError: () => {
      failed = true;
    },
  });
  let root: Element | null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch {
    return undefined;
  }
  return failed || root === null ? undefined : fromDom(root);
}

function fromDom(element: Element): Shape {
  const attributes: [string, string][] = [];
  for (let index = 0; index < element.attributes.length; index++) {
    const item = element.attributes.item(index)!;
    attributes.push([item.name, item.value]);
  }
  const children: Shape[] = [];
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) {
      children.push(fromDom(child as Element));
    }
  }
  return {
    name: element.tagName,
    line: element.lineNumber!,
    column: element.columnNumber!,
    attributes,
    children,
  };
}

function scannerShape(text: string): Shape | undefined {
  const roots = scanXml(text).roots;
  assert.equal(roots.length, 1, 'the scanner found more than one root');
  return fromScan(roots[0], new LineIndex(text));
}

function fromScan(element: XmlElement, lines: LineIndex): Shape {
  const position = lines.positionAt(element.start);
  return {
    name: element.name,
    line: position.line + 1,
    column: position.character + 1,
    attributes: element.attributes.map((item) => [item.name, item.value]),
    children: element.children.map((child) => fromScan(child, lines)),
  };
}

function expectSameTree(text: string): void {
  const expected = xmldomShape(text);
  assert.ok(expected !== undefined, 'xmldom rejects the text');
  assert.deepEqual(scannerShape(text), expected);
}

describe('scanXml against xmldom on real files', () => {
  const files = ['corpus', 'probes'].flatMap((folder) =>
    readdirSync(join(FIXTURES, folder))
      .filter((name) => name.endsWith('.xml'))
      .map((name) => join(FIXTURES, folder, name)),
  );

  test('fixtures are present', () => {
    assert.ok(files.length >= 15);
  });

  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (xmldomShape(text) === undefined) {
      continue;
    }
    test(file.slice(FIXTURES.length + 1), () => expectSameTree(text));
  }

  test('tree with a BOM', () => {
    const text = readFileSync(join(FIXTURES, 'probes', 'b_order.xml'), 'utf8');
    const roots = scanXml(`\uFEFF${text}`).roots;
    assert.equal(roots.length, 1);
    assert.equal(roots[0].start, text.indexOf('<data-model>') + 1);
  });
});

const NAMES = ['model', 'field', 'webhook', 'belongs-to', 'a.b', 'x_1', 'ünïcode', 'has-many'];
const TEXT_PIECES = ['text', ' ', '&amp;', '&lt;', '&#65;', '&#x1F600;', '😀', '>', "'", '"', '\t'];
const VALUE_PIECES = [
  'ready',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#x41;',
  '&#66;',
  '😀',
  '>',
  '/',
  '=',
  '\t',
  ' ',
];

/**
 * Builds a random well-formed document: nested elements with attributes in either quote,
 * comments, CDATA sections, processing instructions, entity and character references,
 * CRLF or LF line breaks (in attribute values too), tab or space indentation and astral
 * characters.
 */
function randomDocument(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const newline = random() < 0.5 ? '\r\n' : '\n';
  const indentUnit = random() < 0.5 ? '\t' : '  ';
  let budget = 20 + Math.floor(random() * 40);

  const value = (quote: string) => {
    let result = '';
    const length = Math.floor(random() * 4);
    for (let index = 0; index < length; index++) {
      result += random() < 0.1 ? newline : pick(VALUE_PIECES);
    }
    if (random() < 0.2) {
      // The other kind of quote may appear inside a value.
      result += quote === '"' ? "'" : '"';
    }
    return result;
  };

  const element = (depth: number): string => {
    budget--;
    const indent = indentUnit.repeat(depth);
    const name = pick(NAMES);
    const names = new Set<string>();
    let tag = `${indent}<${name}`;
    const attributeCount = Math.floor(random() * 4);
    for (let index = 0; index < attributeCount; index++) {
      const attribute = pick(['name', 'type', 'label', 'x-y', 'a:b', 'required']);
      if (names.has(attribute) || attribute === 'a:b') {
        continue;
      }
      names.add(attribute);
      const quote = random() < 0.7 ? '"' : "'";
      const spacing = random() < 0.15 ? ' = ' : '=';
      const separator = random() < 0.15 ? newline + indent + indentUnit : ' ';
      tag += `${separator}${attribute}${spacing}${quote}${value(quote)}${quote}`;
    }
    if ((depth > 0 && random() < 0.3) || depth > 5 || budget <= 0) {
      return `${tag}${random() < 0.5 ? ' ' : ''}/>`;
    }
    let content = '';
    const childCount = Math.floor(random() * 4);
    for (let index = 0; index < childCount && budget > 0; index++) {
      content += newline + misc(depth + 1) + element(depth + 1);
    }
    if (random() < 0.4) {
      content += pick(TEXT_PIECES) + pick(TEXT_PIECES);
    }
    return `${tag}>${content}${newline}${indent}</${name}${random() < 0.1 ? ' ' : ''}>`;
  };

  const misc = (depth: number): string => {
    const indent = indentUnit.repeat(depth);
    const roll = random();
    if (roll < 0.1) {
      return `${indent}<!-- <not-a-tag a="1"> & 😀 -->${newline}`;
    }
    if (roll < 0.18 && depth > 0) {
      return `${indent}<![CDATA[<field name="x"/> & ]] >]]>${newline}`;
    }
    if (roll < 0.22) {
      return `${indent}<?target data <with> "quotes"?>${newline}`;
    }
    return '';
  };

  const declaration = random() < 0.5 ? `<?xml version="1.0" encoding="UTF-8"?>${newline}` : '';
  const doctype = random() < 0.2 ? `<!DOCTYPE model [<!ENTITY e "<x> ] >">]>${newline}` : '';
  return `${declaration}${doctype}${misc(0)}${element(0)}${newline}${misc(0)}`;
}

describe('scanXml against xmldom on generated documents', () => {
  test('300 seeded documents', () => {
    const random = seededRandom(20240611);
    for (let index = 0; index < 300; index++) {
      const text = randomDocument(random);
      assert.doesNotThrow(() => expectSameTree(text), `document ${index}:\n${text}`);
    }
  });
});

describe('scanXml on edge cases', () => {
  // XML 1.0 section 3.3.3 replaces each literal tab, CR and LF in an attribute value by a
  // space, and a CRLF by one space. xmldom 0.9 does so too.
  test('whitespace in attribute values', () => {
    expectSameTree('<a x="one\ttwo\nthree\r\nfour"/>');
  });

  // A comment in the internal subset may contain `]` and `>`.
  test('DOCTYPE comment with ] and >', () => {
    expectSameTree('<!DOCTYPE a [<!-- ] > <x> -->]>\n<a><b/></a>');
  });
});

function only(text: string): XmlElement {
  const roots = scanXml(text).roots;
  assert.equal(roots.length, 1);
  return roots[0];
}

function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

describe('scanXml on half-typed input', () => {
  test('start tag cut after the name', () => {
    const text = '<data-model>\n  <webhook ';
    const webhook = only(text).children[0];
    assert.equal(webhook.name, 'webhook');
    assert.equal(slice(text, webhook.nameSpan), 'webhook');
    assert.equal(webhook.startTagClosed, false);
    assert.equal(webhook.closed, false);
    assert.equal(webhook.startTagEnd, text.length);
    assert.equal(webhook.end, text.length);
    assert.deepEqual(webhook.attributes, []);
  });

  test('value without closing quote', () => {
    const text = '<data-model>\n  <webhook type="rea';
    const webhook = only(text).children[0];
    const type = webhook.attributes[0];
    assert.equal(webhook.startTagClosed, false);
    assert.equal(type.name, 'type');
    assert.equal(slice(text, type.nameSpan), 'type');
    assert.equal(type.hasValue, true);
    assert.equal(type.valueClosed, false);
    assert.equal(type.value, 'rea');
    assert.deepEqual(type.valueSpan, { start: text.length - 3, end: text.length });
  });

  test('value in single quotes without closing quote', () => {
    const text = "<webhook type='ready";
    const type = only(text).attributes[0];
    assert.equal(type.valueClosed, false);
    assert.equal(type.value, 'ready');
    assert.equal(slice(text, type.valueSpan), 'ready');
  });

  test('unclosed quote stops at the next tag', () => {
    const text = '<model>\n  <webhook type="rea\n  <field name="a"/>\n</model>';
    const model = only(text);
    const type = model.children[0].attributes[0];
    assert.equal(type.valueClosed, false);
    assert.equal(type.valueSpan.end, text.indexOf('<field'));
    assert.equal(model.closed, true);
  });

  test('equals sign at the end', () => {
    const text = '<webhook type=';
    const type = only(text).attributes[0];
    assert.equal(type.hasValue, true);
    assert.equal(type.value, '');
    assert.deepEqual(type.valueSpan, { start: text.length, end: text.length });
  });

  test('bare attribute name', () => {
    const text = '<webhook required/>';
    const required = only(text).attributes[0];
    assert.equal(required.hasValue, false);
    assert.deepEqual(required.valueSpan, { start: 17, end: 17 });
    assert.equal(only(text).selfClosing, true);
  });

  test('unclosed element before the parent end tag', () => {
    const text = '<data-model>\n  <model name="a">\n    <webhook>\n  </model>\n</data-model>';
    const model = only(text).children[0];
    const webhook = model.children[0];
    assert.equal(webhook.startTagClosed, true);
    assert.equal(webhook.closed, false);
    assert.equal(webhook.end, text.indexOf('</model>'));
    assert.equal(webhook.endTagNameSpan, undefined);
    assert.equal(model.closed, true);
    assert.equal(slice(text, model.endTagNameSpan!), 'model');
    assert.equal(model.end, text.indexOf('</model>') + '</model>'.length);
  });

  test('start tag running into the next tag', () => {
    const text = '<model>\n  <webhook type="ready"\n  <field name="a"/>\n</model>';
    const webhook = only(text).children[0];
    assert.equal(webhook.startTagClosed, false);
    assert.equal(webhook.startTagEnd, text.indexOf('<field'));
    assert.equal(webhook.attributes.length, 1);
  });

  test('lone < is text', () => {
    const text = '<model>\n  <\n</model>';
    const model = only(text);
    assert.deepEqual(model.children, []);
    assert.equal(model.closed, true);
    assert.deepEqual(model.texts, [{ start: 10, end: 11 }]);
  });

  test('end tag that matches nothing', () => {
    const text = '<model><field/></webhook></model>';
    const model = only(text);
    assert.equal(model.closed, true);
    assert.equal(model.children.length, 1);
  });

  test('every cut of a data model', () => {
    const text = readFileSync(join(FIXTURES, 'probes', 'a_webhook_errors.xml'), 'utf8');
    for (let cut = 0; cut <= text.length; cut++) {
      const roots = scanXml(text.slice(0, cut)).roots;
      for (const root of roots) {
        assert.ok(root.end <= cut, `element ends past the cut at ${cut}`);
        assert.ok(root.nameSpan.end <= cut, `name ends past the cut at ${cut}`);
      }
    }
  });
});
