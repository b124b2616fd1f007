// Small looks at the text around a well-formedness report. They run only when xmldom has
// reported something, so they favour plain code over speed.

import { scanXml, type XmlElement } from './scanner';
import type { Span } from './types';

const LT = 60;

/** Reads the start tag that opens at `lt`, up to the next `<`, which no start tag contains. */
export function startTagAt(text: string, lt: number, limit: number): XmlElement | undefined {
  if (text.charCodeAt(lt) !== LT) {
    return undefined;
  }
  const next = text.indexOf('<', lt + 1);
  const end = next === -1 || next > limit ? limit : next;
  return scanXml(text, lt, end).roots[0];
}

/** Returns the offset just after the tag, comment, CDATA section, PI or DOCTYPE at `lt`. */
export function afterMarkup(text: string, lt: number, limit: number): number {
  const until = (terminator: string, from: number) => {
    const found = text.indexOf(terminator, from);
    return found === -1 || found + terminator.length > limit ? limit : found + terminator.length;
  };

  if (text.startsWith('<!--', lt)) {
    return until('-->', lt + 4);
  }
  if (text.startsWith('<![CDATA[', lt)) {
    return until(']]>', lt + 9);
  }
  if (text.startsWith('<?', lt)) {
    return until('?>', lt + 2);
  }
  if (text.startsWith('<!', lt)) {
    // A DOCTYPE's internal subset, in brackets, may contain `>` of its own.
    const bracket = text.indexOf('[', lt);
    const gt = text.indexOf('>', lt);
    if (bracket !== -1 && bracket < gt) {
      const subsetEnd = /\]\s*>/g;
      subsetEnd.lastIndex = bracket;
      const found = subsetEnd.exec(text);
      return found === null ? limit : Math.min(limit, found.index + found[0].length);
    }
    return until('>', lt);
  }
  if (text.startsWith('</', lt)) {
    return until('>', lt);
  }
  const tag = startTagAt(text, lt, limit);
  return tag === undefined ? lt + 1 : tag.startTagEnd;
}

/** Returns the offset of the next end tag's `<` at or after `from`, or -1. */
export function endTagAfter(text: string, from: number, limit: number): number {
  return findOutsideMarkup(text, /<\//g, from, limit)?.index ?? -1;
}

/**
 * Finds the next match of `pattern` (which needs the `g` flag) at or after `from` that is
 * not inside a comment, CDATA section, processing instruction or DOCTYPE.
 */
export function findOutsideMarkup(
  text: string,
  pattern: RegExp,
  from: number,
  limit: number,
): RegExpExecArray | undefined {
  let position = from;
  while (position < limit) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null || match.index >= limit) {
      return undefined;
    }
    const markup = nextMarkupStart(text, position, match.index);
    if (markup === -1) {
      return match;
    }
    position = afterMarkup(text, markup, limit);
  }
  return undefined;
}

/** Returns the first `<!` or `<?` in [from, before), or -1. */
function nextMarkupStart(text: string, from: number, before: number): number {
  let lt = text.indexOf('<', from);
  while (lt !== -1 && lt < before) {
    const next = text.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      return lt;
    }
    lt = text.indexOf('<', lt + 1);
  }
  return -1;
}

/**
 * Pairs quotes from `from` on as xmldom does, each with the next quote of the same kind, and
 * returns the offset of the quote whose quoted run contains `target`, or -1.
 */
export function quoteAround(text: string, from: number, target: number): number {
  let position = from;
  while (position < target) {
    const code = text.charCodeAt(position);
    if (code === 34 || code === 39) {
      const close = text.indexOf(text.charAt(position), position + 1);
      if (close === -1 || close >= target) {
        return position;
      }
      position = close + 1;
    } else {
      position++;
    }
  }
  return -1;
}

/** Returns the span of the attribute name in `name = "` before the quote at `quote`. */
export function attributeNameBefore(text: string, quote: number, from: number): Span | undefined {
  let position = quote - 1;
  while (position >= from && /\s/.test(text.charAt(position))) {
    position--;
  }
  if (text.charAt(position) !== '=') {
    return undefined;
  }
  position--;
  while (position >= from && /\s/.test(text.charAt(position))) {
    position--;
  }
  const end = position + 1;
  while (position >= from && !/[\s<>/="']/.test(text.charAt(position))) {
    position--;
  }
  return position + 1 < end ? { start: position + 1, end } : undefined;
}

/** Returns where the name that starts at `from` ends: at whitespace, `<`, `>`, `/`, `=` or a quote. */
export function nameEndAt(text: string, from: number, limit: number): number {
  let position = from;
  while (position < limit && !/[\s<>/="']/.test(text.charAt(position))) {
    position++;
  }
  return position;
}

/** Returns [start, end) without the whitespace at either end. */
export function trimmedSpan(text: string, start: number, end: number): Span {
  let first = start;
  let last = end;
  while (first < last && /\s/.test(text.charAt(first))) {
    first++;
  }
  while (last > first && /\s/.test(text.charAt(last - 1))) {
    last--;
  }
  return { start: first, end: last };
}

/** Returns the names of the general entities that the DOCTYPE's internal subset declares. */
export function declaredEntities(text: string, start: number, limit: number): Set<string> {
  const names = new Set<string>();
  const doctype = text.indexOf('<!DOCTYPE', start);
  if (doctype === -1 || doctype >= limit) {
    return names;
  }
  const subset = text.slice(doctype, afterMarkup(text, doctype, limit));
  for (const match of subset.matchAll(/<!ENTITY\s+([^\s%]+)\s/g)) {
    names.add(match[1]);
  }
  return names;
}
