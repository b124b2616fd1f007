import type { Position, Range, Span } from './types';

/**
 * Converts between character offsets and LSP positions. Line breaks are `\r\n`, `\n`
 * and a lone `\r`, as in LSP and VS Code. Characters are UTF-16 code units, which is what
 * JavaScript string offsets already count.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    this.lineStarts = computeLineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;

    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) {
      return 0;
    }
    if (position.line >= this.lineStarts.length) {
      return this.text.length;
    }
    const lineStart = this.lineStarts[position.line];
    const lineEnd = this.lineEnd(position.line);
    return Math.max(lineStart, Math.min(lineStart + position.character, lineEnd));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Returns the offset of the line break that ends `line`, or the text length. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) {
      return this.text.length;
    }
    const next = this.lineStarts[line + 1];
    const before = next - 1;
    if (
      before > 0 &&
      this.text.charCodeAt(before) === LF &&
      this.text.charCodeAt(before - 1) === CR
    ) {
      return before - 1;
    }
    return before;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

const LF = 10;
const CR = 13;

function computeLineStarts(text: string): number[] {
  const starts = [0];
  const length = text.length;
  let index = text.indexOf('\r') === -1 ? -1 : 0;

  // Most files use `\n` only, and indexOf finds those far faster than a character loop.
  if (index === -1) {
    let next = text.indexOf('\n');
    while (next !== -1) {
      starts.push(next + 1);
      next = text.indexOf('\n', next + 1);
    }
    return starts;
  }
  for (index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === CR) {
      if (text.charCodeAt(index + 1) === LF) {
        index++;
      }
      starts.push(index + 1);
    } else if (code === LF) {
      starts.push(index + 1);
    }
  }
  return starts;
}
