import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWebhookService } from '../../server/src/analysis/service';
import type { Diagnostic, Position, Range } from '../../server/src/analysis/types';

const service = createWebhookService();
const APP = { cloudCodeTasks: ['other_task'] };

// Every line with a mistake carries a `label` before the mistake, where the emoji variant
// puts its emoji. The labels on webhooks and conditions are mistakes of their own. Line 0
// has mistakes too, so the BOM variant moves something.
const LINES = [
  '<data-model><model name="first" label="First"><webhook type="bogus" name="zero" /></model>',
  '  <model name="asset" label="Asset">',
  '    <field name="name" label="Name" type="text" />',
  '    <field name="photo" label="Photo" type="photo" />',
  '    <belongs-to model="user" />',
  '    <display>{name}</display>',
  '    <webhook label="One" type="readyy" name="one" />',
  '    <webhook label="Two" type="ready" name="bad name" />',
  '    <webhook label="Three" type="ready" receiver="email" action="x" />',
  '    <webhook label="Four &nbsp;" type="update" action="orphan" />',
  '    <webhook label="Five" type="ready" name="dup" />',
  '    <webhook label="Six" type="ready" name="dup" />',
  '    <webhook label="Seven" type="ready" name="conditions">',
  '      <field label="A" name="nonexistent" />',
  '      <field label="B" name="photo" required="yes" state="uploaded" />',
  '      <field label="C" name="name" state="uploaded" embed="false" />',
  '    </webhook>',
  '    <webhook label="Eight" name="no_type" receiver="cloudcode" action="missing_task" />',
  '  </model>',
  '  <model name="user" label="User">',
  '    <field name="name" label="Name" type="text" />',
  '    <display>{name}</display>',
  '  </model>',
  '</data-model>',
  '',
];

/** A rewritten document, and where a position in the LF original moves to in it. */
interface Variant {
  lines: string[];
  prefix: string;
  newline: string;
  map: (position: Position) => Position;
}

const ORIGINAL: Variant = { lines: LINES, prefix: '', newline: '\n', map: (position) => position };

function textOf(variant: Variant): string {
  return variant.prefix + variant.lines.join(variant.newline);
}

/** Changes the line breaks, which moves no line or character number. */
function withNewline(variant: Variant, newline: string): Variant {
  return { ...variant, newline };
}

/** Adds a byte order mark, one more character at the start of line 0. */
function withByteOrderMark(variant: Variant): Variant {
  return {
    ...variant,
    prefix: '\uFEFF',
    map: (position) => {
      const moved = variant.map(position);
      return moved.line === 0 ? { line: 0, character: moved.character + 1 } : moved;
    },
  };
}

/** Replaces each two-space indent step by a tab, so a line indented by n spaces moves n/2 left. */
function withTabs(variant: Variant): Variant {
  const indents = variant.lines.map((line) => /^ */.exec(line)![0].length);
  return {
    ...variant,
    lines: variant.lines.map(
      (line, index) => '\t'.repeat(indents[index] / 2) + line.slice(indents[index]),
    ),
    map: (position) => {
      const moved = variant.map(position);
      return { line: moved.line, character: moved.character - indents[moved.line] / 2 };
    },
  };
}

/**
 * Puts an emoji (two UTF-16 code units) at the start of the first label value on each line in
 * `lines`, so every character after that point on the line moves two to the right.
 */
function withEmoji(variant: Variant, lines: Set<number>): Variant {
  const inserts = variant.lines.map((line, index) => {
    if (!lines.has(index)) {
      return -1;
    }
    const label = line.indexOf('label="');
    assert.ok(label !== -1, `line ${index} has no label for the emoji`);
    return label + 'label="'.length;
  });
  return {
    ...variant,
    lines: variant.lines.map((line, index) =>
      inserts[index] === -1
        ? line
        : `${line.slice(0, inserts[index])}😀${line.slice(inserts[index])}`,
    ),
    map: (position) => {
      const moved = variant.map(position);
      const insert = inserts[moved.line];
      return insert !== -1 && moved.character > insert
        ? { line: moved.line, character: moved.character + 2 }
        : moved;
    },
  };
}

function validate(variant: Variant): Diagnostic[] {
  return service.validate(service.parse(textOf(variant)), APP);
}

function mapRange(range: Range, map: (position: Position) => Position): Range {
  return { start: map(range.start), end: map(range.end) };
}

/** Returns the LF diagnostics with every range, related ones too, moved by `map`. */
function expectedFor(original: Diagnostic[], map: (position: Position) => Position): Diagnostic[] {
  return original.map((item) => {
    const moved: Diagnostic = { ...item, range: mapRange(item.range, map) };
    if (item.related !== undefined) {
      moved.related = item.related.map((related) => ({
        ...related,
        range: mapRange(related.range, map),
      }));
    }
    return moved;
  });
}

describe('line endings and indentation', () => {
  const original = validate(ORIGINAL);
  const erroneousLines = new Set(
    original.flatMap((item) => [item.range.start.line, item.range.end.line]),
  );

  test('original has the expected mistakes', () => {
    const codes = new Set(original.map((item) => item.code));
    for (const code of [
      'webhook-type-invalid',
      'webhook-type-missing',
      'webhook-name-invalid',
      'webhook-name-duplicate',
      'webhook-receiver-invalid',
      'webhook-action-without-receiver',
      'webhook-action-unknown-task',
      'webhook-attribute-unknown',
      'condition-field-unknown',
      'condition-required-invalid',
      'condition-state-not-attachment',
      'xml-syntax-warning',
    ]) {
      assert.ok(codes.has(code), `missing ${code}`);
    }
    assert.ok(original.length >= 20);
    assert.ok(original.some((item) => item.range.start.line === 0));
  });

  const variants: [string, Variant][] = [
    ['CRLF', withNewline(ORIGINAL, '\r\n')],
    ['lone CR', withNewline(ORIGINAL, '\r')],
    ['BOM', withByteOrderMark(ORIGINAL)],
    ['tab indentation', withTabs(ORIGINAL)],
    ['emoji in labels', withEmoji(ORIGINAL, erroneousLines)],
    [
      'all at once',
      withNewline(withByteOrderMark(withTabs(withEmoji(ORIGINAL, erroneousLines))), '\r\n'),
    ],
  ];

  for (const [name, variant] of variants) {
    test(`${name} keeps codes and moves ranges`, () => {
      assert.deepEqual(validate(variant), expectedFor(original, variant.map));
    });
  }

  test('emoji variant changes the text', () => {
    const emoji = withEmoji(ORIGINAL, erroneousLines);
    assert.notEqual(textOf(emoji), textOf(ORIGINAL));
    assert.ok(erroneousLines.size >= 10);
  });
});
