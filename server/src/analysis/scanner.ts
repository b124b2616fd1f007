import type { Span } from './types';

/**
 * A tolerant XML scanner that records where every element, tag name and attribute sits in
 * the text. It never fails: half-typed tags, missing quotes and unbalanced end tags give the
 * closest tree a reader would see, with flags saying what was missing. Well-formedness is
 * judged separately by xmldom; this tree only supplies structure and exact ranges.
 */

export interface XmlAttribute {
  name: string;
  nameSpan: Span;
  /**
   * The value as an XML parser reports it: each literal tab or line break becomes a space,
   * then the predefined and numeric character references are decoded.
   */
  value: string;
  /** The value's characters, inside the quotes. Empty at the name's end when there is no value. */
  valueSpan: Span;
  /** False for a bare name such as `<webhook required>`. */
  hasValue: boolean;
  /** False when the value's closing quote is missing. */
  valueClosed: boolean;
}

export interface XmlElement {
  name: string;
  /** Offset of the `<` that opens the start tag. */
  start: number;
  nameSpan: Span;
  attributes: XmlAttribute[];
  /** Offset just after the start tag's `>`, or where the unterminated tag stops. */
  startTagEnd: number;
  startTagClosed: boolean;
  selfClosing: boolean;
  /** Offset just after the end tag, or where the element stops when it is never closed. */
  end: number;
  endTagNameSpan?: Span;
  /** True when the element is self-closing or has its matching end tag. */
  closed: boolean;
  children: XmlElement[];
  /** Pieces of non-whitespace text (and CDATA) directly inside, trimmed. */
  texts: Span[];
  parent: XmlElement | undefined;
}

export interface ScanResult {
  /** Top-level elements, in document order. A well-formed document has exactly one. */
  roots: XmlElement[];
  /** True when a `<!DOCTYPE` was seen, which may declare entities the scan cannot expand. */
  hasDoctype: boolean;
}

/** Scans `text` between offsets `from` and `to`; all offsets in the result are into `text`. */
export function scanXml(text: string, from = 0, to = text.length): ScanResult {
  const scanner = new Scanner(text, to);
  scanner.run(from);
  return { roots: scanner.roots, hasDoctype: scanner.hasDoctype };
}

export function attribute(element: XmlElement, name: string): XmlAttribute | undefined {
  for (const candidate of element.attributes) {
    if (candidate.name === name) {
      return candidate;
    }
  }
  return undefined;
}

/** Visits every element below `root` in document order, without recursion. */
export function forEachDescendant(root: XmlElement, visit: (element: XmlElement) => void): void {
  const stack: XmlElement[] = [];
  for (let index = root.children.length - 1; index >= 0; index--) {
    stack.push(root.children[index]);
  }
  while (stack.length > 0) {
    const element = stack.pop()!;
    visit(element);
    for (let index = element.children.length - 1; index >= 0; index--) {
      stack.push(element.children[index]);
    }
  }
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const BANG = 33;
const QUESTION = 63;
const BOM = 0xfeff;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Returns false for characters that cannot start an XML name but that the scanner would
 * otherwise read as one: quotes, digits, `-` and `.`. Other characters count, so that a
 * half-typed name is still a tag.
 */
function startsName(code: number): boolean {
  return !(
    code === QUOTE ||
    code === APOSTROPHE ||
    code === 45 || // -
    code === 46 || // .
    (code >= 48 && code <= 57)
  );
}

function endsName(code: number): boolean {
  return isSpace(code) || code === GT || code === SLASH || code === LT || code === EQUALS;
}

class Scanner {
  readonly roots: XmlElement[] = [];
  hasDoctype = false;
  private readonly open: XmlElement[] = [];

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  run(from: number): void {
    const text = this.text;
    let position = from;

    while (position < this.limit) {
      const lt = text.indexOf('<', position);
      if (lt === -1 || lt >= this.limit) {
        this.addText(position, this.limit);
        break;
      }
      if (lt > position) {
        this.addText(position, lt);
      }
      const next = text.charCodeAt(lt + 1);
      if (next === BANG) {
        position = this.skipMarkup(lt);
      } else if (next === QUESTION) {
        position = this.skipUntil('?>', lt + 2);
      } else if (next === SLASH) {
        position = this.endTag(lt);
      } else {
        position = this.startTag(lt);
      }
    }

    for (const element of this.open) {
      element.end = this.limit;
    }
  }

  private addText(start: number, end: number): void {
    const parent = this.open[this.open.length - 1];
    if (parent === undefined && this.roots.length > 0) {
      return;
    }
    let first = start;
    while (
      first < end &&
      (isSpace(this.text.charCodeAt(first)) || this.text.charCodeAt(first) === BOM)
    ) {
      first++;
    }
    if (first === end || parent === undefined) {
      return;
    }
    let last = end;
    while (last > first && isSpace(this.text.charCodeAt(last - 1))) {
      last--;
    }
    parent.texts.push({ start: first, end: last });
  }

  private skipUntil(terminator: string, from: number): number {
    const found = this.text.indexOf(terminator, from);
    return found === -1 || found + terminator.length > this.limit
      ? this.limit
      : found + terminator.length;
  }

  /** Skips a comment, CDATA section or DOCTYPE that starts at `lt`. */
  private skipMarkup(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) {
      return this.skipUntil('-->', lt + 4);
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = this.skipUntil(']]>', lt + 9);
      const parent = this.open[this.open.length - 1];
      if (parent !== undefined && end - 3 > lt + 9) {
        parent.texts.push({ start: lt, end });
      }
      return end;
    }
    this.hasDoctype = true;

    // A DOCTYPE may hold an internal subset in brackets, whose declarations, comments and
    // quoted literals contain `>` and `]`.
    let position = lt + 2;
    let depth = 0;
    while (position < this.limit) {
      const code = text.charCodeAt(position);
      if (code === LT && text.startsWith('<!--', position)) {
        position = this.skipUntil('-->', position + 4);
        continue;
      }
      if (code === 91) {
        depth++;
      } else if (code === 93) {
        depth--;
      } else if (code === GT && depth <= 0) {
        return position + 1;
      } else if (code === QUOTE || code === APOSTROPHE) {
        const close = text.indexOf(String.fromCharCode(code), position + 1);
        position = close === -1 ? this.limit : close;
      }
      position++;
    }
    return this.limit;
  }

  private readName(from: number): number {
    let position = from;
    while (position < this.limit && !endsName(this.text.charCodeAt(position))) {
      position++;
    }
    return position;
  }

  private startTag(lt: number): number {
    const text = this.text;
    const nameEnd = this.readName(lt + 1);
    if (nameEnd === lt + 1 || !startsName(text.charCodeAt(lt + 1))) {
      // A lone `<` as while typing, or `<` before a quote or digit: it is text, not a tag.
      this.addText(lt, lt + 1);
      return lt + 1;
    }
    const parent = this.open[this.open.length - 1];
    const element: XmlElement = {
      name: text.slice(lt + 1, nameEnd),
      start: lt,
      nameSpan: { start: lt + 1, end: nameEnd },
      attributes: [],
      startTagEnd: this.limit,
      startTagClosed: false,
      selfClosing: false,
      end: this.limit,
      closed: false,
      children: [],
      texts: [],
      parent,
    };
    (parent === undefined ? this.roots : parent.children).push(element);

    let position = nameEnd;
    while (position < this.limit) {
      const code = text.charCodeAt(position);
      if (isSpace(code)) {
        position++;
      } else if (code === GT) {
        element.startTagClosed = true;
        element.startTagEnd = position + 1;
        break;
      } else if (code === SLASH && text.charCodeAt(position + 1) === GT) {
        element.startTagClosed = true;
        element.selfClosing = true;
        element.closed = true;
        element.startTagEnd = position + 2;
        element.end = position + 2;
        return position + 2;
      } else if (code === LT) {
        // The tag was never finished; what follows belongs to the next tag.
        element.startTagEnd = position;
        break;
      } else if (code === SLASH || code === EQUALS || code === QUOTE || code === APOSTROPHE) {
        position++;
      } else {
        position = this.readAttribute(element, position);
      }
    }
    if (position >= this.limit) {
      element.startTagEnd = this.limit;
    }
    this.open.push(element);
    return element.startTagEnd;
  }

  private readAttribute(element: XmlElement, nameStart: number): number {
    const text = this.text;
    const nameEnd = this.readName(nameStart);
    const attribute: XmlAttribute = {
      name: text.slice(nameStart, nameEnd),
      nameSpan: { start: nameStart, end: nameEnd },
      value: '',
      valueSpan: { start: nameEnd, end: nameEnd },
      hasValue: false,
      valueClosed: false,
    };
    element.attributes.push(attribute);

    let position = nameEnd;
    while (position < this.limit && isSpace(text.charCodeAt(position))) {
      position++;
    }
    if (text.charCodeAt(position) !== EQUALS) {
      return nameEnd;
    }
    position++;
    while (position < this.limit && isSpace(text.charCodeAt(position))) {
      position++;
    }
    attribute.hasValue = true;
    const quote = text.charCodeAt(position);
    if (quote !== QUOTE && quote !== APOSTROPHE) {
      const valueEnd = this.readName(position);
      attribute.valueSpan = { start: position, end: valueEnd };
      attribute.value = attributeValue(text.slice(position, valueEnd));
      return valueEnd;
    }

    // `<` cannot appear in a value, so an unclosed quote stops there rather than
    // swallowing the tags that follow.
    const valueStart = position + 1;
    let valueEnd = valueStart;
    while (valueEnd < this.limit) {
      const code = text.charCodeAt(valueEnd);
      if (code === quote || code === LT) {
        break;
      }
      valueEnd++;
    }
    attribute.valueClosed = valueEnd < this.limit && text.charCodeAt(valueEnd) === quote;
    attribute.valueSpan = { start: valueStart, end: valueEnd };
    attribute.value = attributeValue(text.slice(valueStart, valueEnd));
    return attribute.valueClosed ? valueEnd + 1 : valueEnd;
  }

  private endTag(lt: number): number {
    const text = this.text;
    const nameEnd = this.readName(lt + 2);
    const name = text.slice(lt + 2, nameEnd);
    let position = nameEnd;
    while (position < this.limit && isSpace(text.charCodeAt(position))) {
      position++;
    }
    const closedByGt = text.charCodeAt(position) === GT;
    const tagEnd = closedByGt ? position + 1 : position;

    for (let depth = this.open.length - 1; depth >= 0; depth--) {
      if (this.open[depth].name !== name) {
        continue;
      }
      // Elements opened after the match were never closed; they end where this tag starts.
      for (let inner = this.open.length - 1; inner > depth; inner--) {
        this.open[inner].end = lt;
      }
      const element = this.open[depth];
      element.end = tagEnd;
      element.closed = true;
      element.endTagNameSpan = { start: lt + 2, end: nameEnd };
      this.open.length = depth;
      return Math.max(tagEnd, lt + 2);
    }
    // An end tag that matches nothing open is dropped.
    return Math.max(tagEnd, lt + 2);
  }
}

function attributeValue(raw: string): string {
  const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return decodeReferences(spaced);
}

const NAMED_REFERENCES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decodes the predefined entities and numeric character references; others stay as written. */
export function decodeReferences(raw: string): string {
  if (raw.indexOf('&') === -1) {
    return raw;
  }
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_REFERENCES[body] ?? whole;
  });
}
