import type { XmlAttribute, XmlElement } from '../scanner';
import type { Span } from '../types';

/**
 * Text edits that quick fixes share. They work on offsets and keep the surrounding layout:
 * an element removed with its own line takes that line's indentation and line break with
 * it, and inserted text reuses the file's quote character and line ending.
 */

/** An edit in offsets into the document text, converted to an LSP range on output. */
export interface SpanEdit {
  span: Span;
  newText: string;
}

/** The lines an element occupies, for cutting it out without leaving a blank line. */
export interface ElementLines {
  /** The text to remove, which is whole lines when the element is alone on them. */
  removal: Span;
  /** True when only spaces and tabs surround the element on its first and last line. */
  alone: boolean;
  /** The element's indentation when nothing precedes it on its first line. */
  indentation: string;
  /** The line break after the element's last line, or '' when the text ends there. */
  lineBreak: string;
}

export function replaceSpan(span: Span, newText: string): SpanEdit {
  return { span, newText };
}

/**
 * Returns the offset just after an attribute: after its closing quote, after an unquoted
 * value, or after its name when it has no value. Returns undefined when the closing quote
 * is missing, because text inserted there would land inside the value.
 */
export function attributeEnd(text: string, item: XmlAttribute): number | undefined {
  if (!item.hasValue) {
    return item.nameSpan.end;
  }
  if (!isQuote(text.charCodeAt(item.valueSpan.start - 1))) {
    return item.valueSpan.end;
  }
  return item.valueClosed ? item.valueSpan.end + 1 : undefined;
}

/**
 * Inserts ` name="value"` into a start tag: after the first attribute of `after` that is
 * present and complete, or else right after the tag name.
 */
export function insertAttribute(
  text: string,
  element: XmlElement,
  after: readonly string[],
  name: string,
  value: string,
): SpanEdit {
  let offset = element.nameSpan.end;
  for (const previous of after) {
    const item = element.attributes.find((candidate) => candidate.name === previous);
    const end = item === undefined ? undefined : attributeEnd(text, item);
    if (end !== undefined) {
      offset = end;
      break;
    }
  }
  const quote = quoteOf(text, element);
  return { span: { start: offset, end: offset }, newText: ` ${name}=${quote}${value}${quote}` };
}

/** Removes an attribute with the whitespace before it, so the tag keeps its layout. */
export function removeAttribute(text: string, item: XmlAttribute): SpanEdit {
  let start = item.nameSpan.start;
  while (start > 0 && isWhitespace(text.charCodeAt(start - 1))) {
    start--;
  }
  const end = attributeEnd(text, item) ?? item.valueSpan.end;
  return { span: { start, end }, newText: '' };
}

/**
 * Finds the text to cut for removing `element`. When the element is alone on its lines,
 * that is those whole lines with their final line break. Otherwise it is the element with
 * the spaces before it, or after it when it starts its line.
 */
export function elementLines(text: string, element: XmlElement): ElementLines {
  let lineStart = element.start;
  while (lineStart > 0 && isBlank(text.charCodeAt(lineStart - 1))) {
    lineStart--;
  }
  const startsLine = lineStart === 0 || isLineBreak(text.charCodeAt(lineStart - 1));

  let lineEnd = element.end;
  while (lineEnd < text.length && isBlank(text.charCodeAt(lineEnd))) {
    lineEnd++;
  }
  const endsLine = lineEnd === text.length || isLineBreak(text.charCodeAt(lineEnd));
  const lineBreak = lineBreakAt(text, lineEnd);
  const indentation = startsLine ? text.slice(lineStart, element.start) : '';

  if (startsLine && endsLine) {
    if (lineBreak === '' && lineStart > 0) {
      // The element ends the text, so the line break before it goes instead of the one after.
      const before = lineStart >= 2 && text.startsWith('\r\n', lineStart - 2) ? 2 : 1;
      return {
        removal: { start: lineStart - before, end: lineEnd },
        alone: true,
        indentation,
        lineBreak: text.slice(lineStart - before, lineStart),
      };
    }
    return {
      removal: { start: lineStart, end: lineEnd + lineBreak.length },
      alone: true,
      indentation,
      lineBreak,
    };
  }
  const removal = startsLine
    ? { start: element.start, end: lineEnd }
    : { start: lineStart, end: element.end };
  return { removal, alone: false, indentation, lineBreak };
}

/**
 * Returns the offset where a new line after `element` goes: the end of the element's last
 * line when only spaces follow it there, or else the element's end.
 */
export function lineEndAfter(text: string, element: XmlElement): number {
  let offset = element.end;
  while (offset < text.length && isBlank(text.charCodeAt(offset))) {
    offset++;
  }
  return offset === text.length || isLineBreak(text.charCodeAt(offset)) ? offset : element.end;
}

/** Returns the first line break of the text, or `\n` when it has none. */
export function documentLineBreak(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match === null ? '\n' : match[0];
}

/** Returns the quote character the element's attributes use, or `"` when none is quoted. */
export function quoteOf(text: string, element: XmlElement): string {
  for (const item of element.attributes) {
    const code = text.charCodeAt(item.valueSpan.start - 1);
    if (item.hasValue && isQuote(code)) {
      return String.fromCharCode(code);
    }
  }
  return '"';
}

function lineBreakAt(text: string, offset: number): string {
  if (text.startsWith('\r\n', offset)) {
    return '\r\n';
  }
  const code = text.charCodeAt(offset);
  return isLineBreak(code) ? String.fromCharCode(code) : '';
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function isWhitespace(code: number): boolean {
  return isBlank(code) || isLineBreak(code);
}
