import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/analysis/text';
import type { Position, Range, TextEdit } from '../../server/src/analysis/types';

/** A document written with markers: `|` for the cursor and `[[...]]` around expected ranges. */
export interface MarkedText {
  text: string;
  /** The cursor's position, or undefined when the text has no `|`. */
  cursor: Position | undefined;
  /** The ranges marked with `[[` and `]]`, which may nest, in the order of their `]]`. */
  ranges: Range[];
}

/** Removes the `|` and `[[`/`]]` markers and returns the text with where they were. */
export function parseMarkers(marked: string): MarkedText {
  let text = '';
  let cursorOffset: number | undefined;
  const spans: { start: number; end: number }[] = [];
  const open: number[] = [];

  for (let index = 0; index < marked.length; index++) {
    if (marked[index] === '|') {
      assert.equal(cursorOffset, undefined, 'the text has more than one | cursor marker');
      cursorOffset = text.length;
    } else if (marked.startsWith('[[', index)) {
      open.push(text.length);
      index++;
    } else if (marked.startsWith(']]', index)) {
      const start = open.pop();
      assert.ok(start !== undefined, ']] without [[');
      spans.push({ start, end: text.length });
      index++;
    } else {
      text += marked[index];
    }
  }
  assert.equal(open.length, 0, '[[ without ]]');
  const lines = new LineIndex(text);
  return {
    text,
    cursor: cursorOffset === undefined ? undefined : lines.positionAt(cursorOffset),
    ranges: spans.map((span) => lines.rangeOf(span)),
  };
}

/** Returns the cursor position of a marked text, failing when it has none. */
export function cursorOf(marked: MarkedText): Position {
  assert.ok(marked.cursor !== undefined, 'the text needs a | cursor marker');
  return marked.cursor;
}

/**
 * Applies edits whose ranges all refer to the original text, as LSP workspace edits do.
 * Fails when two edits overlap.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);

  let result = '';
  let copied = 0;
  for (const span of spans) {
    assert.ok(span.start >= copied, `edits overlap at offset ${span.start}`);
    result += text.slice(copied, span.start) + span.newText;
    copied = span.end;
  }
  return result + text.slice(copied);
}
