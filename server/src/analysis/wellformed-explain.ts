import type { Document, Node } from '@xmldom/xmldom';
import type { XmlAttribute, XmlElement } from './scanner';
import { LineIndex } from './text';
import type { Span } from './types';
import type { SyntaxProblem } from './wellformed';
import {
  afterMarkup,
  attributeNameBefore,
  declaredEntities,
  endTagAfter,
  findOutsideMarkup,
  nameEndAt,
  quoteAround,
  startTagAt,
  trimmedSpan,
} from './wellformed-text';

/** One call of xmldom's `onError`, with what the explanation needs copied at that moment. */
export interface ParserReport {
  level: 'warning' | 'error' | 'fatalError';
  message: string;
  /** 1-based line and column (UTF-16 code units) of the last place xmldom recorded. */
  line: number | undefined;
  column: number | undefined;
  /** The innermost open element, or the document once the root element has ended. */
  openNode: Node | undefined;
  rootName: string | undefined;
  /** The node xmldom built last, taken only for reports about text outside the root. */
  lastNode: Node | undefined;
}

/** The parts of xmldom's DOM builder, the third argument of `onError`, that are read here. */
interface DomBuilder {
  currentElement?: Node | null;
  doc?: Document;
  locator?: { lineNumber?: number; columnNumber?: number };
}

/**
 * Copies the parser's state for one report. The DOM builder keeps changing after a report
 * that is not fatal, so nothing may be read from it later.
 */
export function captureReport(
  level: ParserReport['level'],
  message: string,
  handler: DomBuilder | undefined,
): ParserReport {
  const aboutOutside = /^(?:Extra content|Unexpected content outside)/.test(message);
  return {
    level,
    message,
    line: handler?.locator?.lineNumber,
    column: handler?.locator?.columnNumber,
    openNode: handler?.currentElement ?? undefined,
    rootName: handler?.doc?.documentElement?.tagName,
    lastNode: aboutOutside ? deepestLastNode(handler?.doc) : undefined,
  };
}

function deepestLastNode(document: Document | undefined): Node | undefined {
  let last = document?.lastChild ?? null;
  if (last === null) {
    return undefined;
  }
  while (last.lastChild !== null) {
    last = last.lastChild;
  }
  return last;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const LT = 60;

/**
 * Turns xmldom's reports into problems for people: a message that names the token, and a span
 * on it. xmldom's position is often the start of an earlier tag, so each kind of report takes
 * a small look at the text to find the token at fault.
 */
export class ReportExplainer {
  readonly problems: SyntaxProblem[] = [];
  private lines: LineIndex | undefined;
  /** Entity references before this offset have been reported already. */
  private referenceCursor: number;
  /** A start tag xmldom could not read, which it then takes as text up to the next `<`. */
  private brokenTag: Span | undefined;
  private entities: Set<string> | undefined;
  private nextReport: ParserReport | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly limit: number,
  ) {
    this.referenceCursor = start;
  }

  /** Adds the problem for `report`. `next` is the report after it, which may explain it better. */
  add(report: ParserReport, next: ParserReport | undefined): void {
    this.nextReport = next;
    const broken = this.brokenTag;
    const problem = this.explain(report);
    if (problem === undefined) {
      return;
    }
    // Reports from inside a start tag that xmldom could not read only repeat its problem.
    if (
      broken !== undefined &&
      broken.start <= problem.span.start &&
      problem.span.start < broken.end
    ) {
      return;
    }
    const previous = this.problems[this.problems.length - 1];
    if (previous?.span.start === problem.span.start && previous.span.end === problem.span.end) {
      return;
    }
    this.problems.push(problem);
  }

  private explain(report: ParserReport): SyntaxProblem | undefined {
    const at = this.offsetAt(report.line, report.column) ?? this.start;
    const message = report.message;
    let match: RegExpExecArray | null;

    if ((match = /^Opening and ending tag mismatch: "(.*)" != "(.*)"$/s.exec(message))) {
      return this.mismatchedEndTag(report, match[1], match[2], at);
    }
    if ((match = /^unclosed xml tag\(s\): (.*)$/s.exec(message))) {
      return this.unclosedElements(report, match[1].split(', '), at);
    }
    if ((match = /^Attribute (.*) redefined$/s.exec(message))) {
      return this.duplicateAttribute(match[1], at);
    }
    if (message.startsWith("Unescaped '<' not allowed in attributes values")) {
      return this.lessThanInTag(at);
    }
    if (message.startsWith('Extra content at the end of the document')) {
      return this.strayText(report);
    }
    if (message.startsWith('Unexpected content outside root element')) {
      return this.strayText(report);
    }
    if ((match = /^entity not found:(.*)$/s.exec(message))) {
      return this.unknownEntity(match[1], at);
    }
    if (message.startsWith('EntityRef: expecting ;')) {
      return this.referenceWithoutSemicolon(at);
    }
    if ((match = /^entity not matching Reference production: (.*)$/s.exec(message))) {
      return this.invalidReference(match[1], at);
    }
    if ((match = /^attribute "(.*)" missed value!!/s.exec(message))) {
      return this.attributeWithoutValue(match[1], at);
    }
    if ((match = /^attribute "(.*)" missed start quot\(.\)!!$/s.exec(message))) {
      return this.missingOpeningQuote(match[1], at);
    }
    if ((match = /^attribute "(.*)" missed quot\(.\)!/s.exec(message))) {
      return this.unquotedValue(match[1], at);
    }
    if ((match = /^attribute space is required"(.*)"!!$/s.exec(message))) {
      return this.missingSpaceAfter(match[1], at);
    }
    if (report.level === 'warning' && message.startsWith('attribute value must after "="')) {
      return this.missingEquals(at);
    }
    if (message.startsWith('AttValue: \' or " expected')) {
      return this.attributeWithEmptyValue(at);
    }
    if (message.startsWith('unexpected end of input')) {
      return this.unfinishedStartTag(at);
    }
    if ((match = /^element parse error: (?:Error: )?(.*)$/s.exec(message))) {
      return this.unreadableStartTag(match[1], at);
    }
    if ((match = /^Error constructing the DOM: (\w+): (.*)$/s.exec(message))) {
      return this.invalidStructure(report, match[1], at);
    }
    if (message === 'missing root element') {
      return this.missingRoot();
    }
    if (message.startsWith('Unicode replacement character detected')) {
      return this.replacementCharacter();
    }
    return this.explainMarkup(message, at);
  }

  /** Comments, CDATA sections, processing instructions, the DOCTYPE and end tags. */
  private explainMarkup(message: string, at: number): SyntaxProblem {
    const position = /at position (\d+)/.exec(message);
    const place = position === null ? at : this.start + Number(position[1]);
    let match: RegExpExecArray | null;

    if (message.startsWith('comment is not well-formed')) {
      return this.badComment(place);
    }
    if (message.startsWith('Invalid CDATA')) {
      return error(span(place, 9), 'CDATA section is not closed. Expected "]]>".');
    }
    if (message.startsWith('CDATA outside of element')) {
      return error(span(at, 9), 'CDATA section outside the root element.');
    }
    if (
      /xml declaration which is only at the start|xml declaration is only allowed/.test(message)
    ) {
      return error(
        span(place, 5),
        'XML declaration is not at the start of the document. Expected "<?xml" as its first characters.',
      );
    }
    if (message.startsWith('xml declaration is not well-formed')) {
      const close = this.text.indexOf('?>', at);
      const end = close === -1 || close >= this.limit ? at + 5 : close + 2;
      return error(
        { start: at, end },
        'XML declaration is not well-formed. Expected <?xml version="1.0"?>.',
      );
    }
    if (message.startsWith('Invalid processing instruction')) {
      return error(
        { start: place, end: nameEndAt(this.text, place + 2, this.limit) },
        'Processing instruction is not closed. Expected "?>".',
      );
    }
    if (message.startsWith('Doctype not allowed inside or after documentElement')) {
      return error(
        span(place, 9),
        'DOCTYPE comes after the root element has started. Expected it before the root element.',
      );
    }
    if (message.startsWith('Not well-formed XML starting with "<!"')) {
      const end = nameEndAt(this.text, place + 2, this.limit);
      return error(
        { start: place, end },
        `Markup "${this.text.slice(place, end)}" is not a comment, CDATA section or DOCTYPE.`,
      );
    }
    if (message === 'end tag name missing') {
      const found = findOutsideMarkup(this.text, /<\/(?:>|$)/g, at, this.limit);
      const start = found?.index ?? at;
      return error(
        { start, end: start + (found?.[0].length ?? 2) },
        'End tag has no element name.',
      );
    }
    if (
      (match =
        /^end tag name (?:contains invalid characters|is followed by a line break and trailing content): "(.*)"$/s.exec(
          message,
        ))
    ) {
      return this.badEndTag(match[1], at);
    }
    if (message.startsWith('processing instruction is not well-formed')) {
      return error(
        this.tokenAt(place),
        'Processing instruction in the DOCTYPE is not well-formed.',
      );
    }
    if (/doctype|internal subset|markup declaration/i.test(message)) {
      return error(this.tokenAt(place), 'DOCTYPE declaration is not well-formed.');
    }
    return error(this.tokenAt(at), sentence(message));
  }

  private mismatchedEndTag(
    report: ParserReport,
    open: string,
    raw: string,
    at: number,
  ): SyntaxProblem {
    const lt = this.failedEndTag(report, raw, at);
    const name = /^[^\s>]*/.exec(raw)![0];
    const nameSpan = { start: lt + 2, end: lt + 2 + name.length };
    if (report.openNode?.nodeType === DOCUMENT_NODE) {
      return error(
        nameSpan,
        `End tag </${name}> comes after the root element <${open}> has ended.`,
      );
    }
    return error(
      nameSpan,
      `End tag </${name}> does not match the open element <${open}>. Expected </${open}>.`,
    );
  }

  /**
   * Finds the end tag xmldom stopped at. xmldom records no position for end tags, so this
   * counts them: after the last node it built, end tags closed that node's open ancestors up
   * to the current element, and the next end tag is the one that failed.
   */
  private failedEndTag(report: ParserReport, raw: string, at: number): number {
    const open = report.openNode;
    if (open !== undefined) {
      let last: Node = open;
      while (last.lastChild !== null) {
        last = last.lastChild;
      }
      let closedBefore = 0;
      for (let node: Node | null = last; node !== null && node !== open; node = node.parentNode) {
        if (node.nodeType === ELEMENT_NODE) {
          closedBefore++;
        }
      }
      const lastStart = this.offsetAt(last.lineNumber, last.columnNumber);
      if (lastStart !== undefined) {
        let cursor = lastStart;
        // A text node contains no `<`, and any other node starts with markup to step over.
        if (last.nodeType !== TEXT_NODE) {
          const tag =
            last.nodeType === ELEMENT_NODE
              ? startTagAt(this.text, lastStart, this.limit)
              : undefined;
          if (tag?.selfClosing && last !== open) {
            closedBefore--;
          }
          cursor = afterMarkup(this.text, lastStart, this.limit);
        }
        let lt = endTagAfter(this.text, cursor, this.limit);
        for (let index = 0; index < closedBefore && lt !== -1; index++) {
          lt = endTagAfter(this.text, lt + 2, this.limit);
        }
        if (lt !== -1 && this.text.startsWith(`</${raw}`, lt)) {
          return lt;
        }
      }
    }
    const fallback = findOutsideMarkup(this.text, literal(`</${raw}`), at, this.limit);
    return fallback?.index ?? at;
  }

  private unclosedElements(report: ParserReport, names: string[], at: number): SyntaxProblem {
    const open = report.openNode;
    const lt = (open && this.offsetAt(open.lineNumber, open.columnNumber)) ?? at;
    const innermost = names[names.length - 1];
    const endTags = names
      .slice()
      .reverse()
      .slice(0, 3)
      .map((name) => `</${name}>`);
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    return error(
      { start: lt + 1, end: lt + 1 + innermost.length },
      `Element <${innermost}> is never closed. Expected ${endTags.join(', ')}${more} before the end of the document.`,
    );
  }

  private duplicateAttribute(name: string, at: number): SyntaxProblem {
    const tag = startTagAt(this.text, at, this.limit);
    const repeat = tag?.attributes.filter((item) => item.name === name)[1];
    return error(
      repeat?.nameSpan ?? this.tokenAt(at),
      `Duplicate attribute "${name}" on <${tag?.name ?? ''}>. An attribute may appear only once on an element.`,
    );
  }

  /** Explains a `<` inside a start tag: in a quoted value, or where the tag was never closed. */
  private lessThanInTag(at: number): SyntaxProblem {
    const tag = startTagAt(this.text, at, this.limit);
    if (tag === undefined) {
      return error(this.tokenAt(at), 'Start tag contains an unescaped "<".');
    }
    const lt = this.nextLessThan(at);
    const quote = quoteAround(this.text, tag.nameSpan.end, lt);
    if (quote === -1) {
      return this.unclosedStartTag(tag, lt);
    }
    // A line break or `>` between the quote and the `<` means the value was meant to end earlier.
    if (/[>\r\n]/.test(this.text.slice(quote + 1, lt))) {
      return this.unclosedQuote(tag, quote);
    }
    const name = attributeNameBefore(this.text, quote, tag.nameSpan.end);
    const attribute =
      name === undefined ? 'A value' : `Attribute "${this.text.slice(name.start, name.end)}"`;
    return error(span(lt, 1), `${attribute} contains an unescaped "<". Write it as "&lt;".`);
  }

  /** Explains a quote that xmldom pairs with one past the end of the tag, or with none. */
  private unclosedQuote(tag: XmlElement, quote: number): SyntaxProblem {
    const name = attributeNameBefore(this.text, quote, tag.nameSpan.end);
    if (name === undefined) {
      return error(
        span(quote, 1),
        `A quote in start tag <${tag.name}> is not closed before the next tag.`,
      );
    }
    const attribute = this.text.slice(name.start, name.end);
    return error(name, `The value of attribute "${attribute}" is missing its closing quote.`);
  }

  private unclosedStartTag(tag: XmlElement, next: number): SyntaxProblem {
    const nameStart = this.text.startsWith('</', next) ? next + 2 : next + 1;
    const nextTag = this.text.slice(next, nameEndAt(this.text, nameStart, this.limit)) + '>';
    const before = next < this.limit ? ` before ${nextTag}` : ' before the end of the document';
    return error(
      tag.nameSpan,
      `Start tag <${tag.name}> is not closed. Expected ">" or "/>"${before}.`,
    );
  }

  private nextLessThan(at: number): number {
    const next = this.text.indexOf('<', at + 1);
    return next === -1 || next > this.limit ? this.limit : next;
  }

  private strayText(report: ParserReport): SyntaxProblem {
    let cursor = this.afterNode(report.lastNode);
    while (cursor < this.limit) {
      const code = this.text.charCodeAt(cursor);
      // xmldom reads a start tag it could not parse as text, so that `<` is where the text is.
      if (code === LT && cursor !== this.brokenTag?.start) {
        cursor = afterMarkup(this.text, cursor, this.limit);
      } else if (isSpace(code)) {
        cursor++;
      } else {
        break;
      }
    }
    const next = this.text.indexOf('<', cursor + 1);
    const stray = trimmedSpan(
      this.text,
      cursor,
      next === -1 || next > this.limit ? this.limit : next,
    );
    if (report.rootName === undefined) {
      return error(stray, 'Unexpected text before the root element.');
    }
    return error(stray, `Unexpected text after the end of the root element <${report.rootName}>.`);
  }

  /** Returns the offset just after the markup of `node`, or the start when there is none. */
  private afterNode(node: Node | undefined): number {
    const offset = node && this.offsetAt(node.lineNumber, node.columnNumber);
    if (offset === undefined) {
      return this.start;
    }
    return this.text.charCodeAt(offset) === LT
      ? afterMarkup(this.text, offset, this.limit)
      : offset;
  }

  private unknownEntity(reference: string, at: number): SyntaxProblem {
    const found = this.nextReference(literal(reference), at);
    const name = reference.slice(1, -1);
    this.entities ??= declaredEntities(this.text, this.start, this.limit);
    const message = this.entities.has(name)
      ? `Entity "${reference}" is declared in the DOCTYPE, but entities are not expanded, so its value is not checked.`
      : `Entity "${reference}" is not defined. XML predefines only &lt;, &gt;, &amp;, &quot; and &apos;.`;
    return { span: found ?? this.tokenAt(at), message, severity: 'warning' };
  }

  private referenceWithoutSemicolon(at: number): SyntaxProblem {
    const found = this.nextReference(/&#?\w+(?!;|\w)/g, at);
    const written = found === undefined ? '&' : this.text.slice(found.start, found.end);
    return error(
      found ?? this.tokenAt(at),
      `Entity reference "${written}" has no closing ";". Write a literal "&" as "&amp;".`,
    );
  }

  private invalidReference(reference: string, at: number): SyntaxProblem {
    const found = this.nextReference(literal(reference), at);
    return error(
      found ?? this.tokenAt(at),
      `Invalid character reference "${reference}". Expected &#NNN; or &#xHHH;.`,
    );
  }

  private nextReference(pattern: RegExp, at: number): Span | undefined {
    const found = findOutsideMarkup(
      this.text,
      pattern,
      Math.max(at, this.referenceCursor),
      this.limit,
    );
    if (found === undefined) {
      return undefined;
    }
    const result = { start: found.index, end: found.index + found[0].length };
    this.referenceCursor = result.end;
    return result;
  }

  private attributeWithoutValue(name: string, at: number): SyntaxProblem | undefined {
    if (name.includes('<')) {
      // The start tag runs into the next tag, and the fatal error that follows explains it.
      return undefined;
    }
    if (this.nextReport?.message.endsWith(`invalid attribute:${name}`)) {
      // xmldom reports next that the name itself is invalid, which is the better message.
      return undefined;
    }
    const item = this.attributeAfter(
      at,
      (candidate) => candidate.name === name && !candidate.hasValue,
    );
    return error(
      item?.nameSpan ?? this.tokenAt(at),
      `Attribute "${name}" has no value. Expected ${name}="…".`,
    );
  }

  private unquotedValue(value: string, at: number): SyntaxProblem | undefined {
    if (value.includes('<')) {
      return undefined;
    }
    const item = this.attributeAfter(
      at,
      (candidate) =>
        candidate.hasValue && !isQuote(this.text.charCodeAt(candidate.valueSpan.start - 1)),
    );
    if (item === undefined) {
      return error(this.tokenAt(at), `Attribute value "${value}" is not in quotes.`);
    }
    return error(
      item.valueSpan,
      `The value of attribute "${item.name}" is not in quotes. Expected ${item.name}="${value}".`,
    );
  }

  private missingOpeningQuote(name: string, at: number): SyntaxProblem {
    const item = this.attributeAfter(at, (candidate) => candidate.name === name);
    return error(
      item?.nameSpan ?? this.tokenAt(at),
      `The value of attribute "${name}" has no opening quote. Expected ${name}="…".`,
    );
  }

  private missingSpaceAfter(name: string, at: number): SyntaxProblem | undefined {
    const tag = startTagAt(this.text, at, this.limit);
    const attributes = tag?.attributes ?? [];
    const index = attributes.findIndex(
      (item, position) => item.name === name && position + 1 < attributes.length,
    );
    if (index === -1) {
      // The scanner read the rest as part of the value, which an earlier problem explains.
      return undefined;
    }
    const next = attributes[index + 1];
    if (/["']/.test(next.name)) {
      // A stray quote, which the report after this one explains.
      return undefined;
    }
    return error(next.nameSpan, `Missing space between attributes "${name}" and "${next.name}".`);
  }

  private missingEquals(at: number): SyntaxProblem | undefined {
    const item = this.attributeAfter(at, (candidate) => /["']/.test(candidate.name));
    if (item === undefined) {
      // A quote inside an unquoted value also leads here, and an earlier problem explains it.
      return undefined;
    }
    const name = item.name.replace(/["'].*$/s, '');
    return error(
      { start: item.nameSpan.start, end: item.nameSpan.start + name.length },
      `Attribute "${name}" has no "=" before its value.`,
    );
  }

  /** Explains `name=` followed by `>` or `/`, with nothing in between. */
  private attributeWithEmptyValue(at: number): SyntaxProblem {
    const item = this.attributeAfter(
      at,
      (candidate) => candidate.hasValue && candidate.value === '',
    );
    if (item === undefined) {
      return error(this.tokenAt(at), 'Attribute has no value after "=".');
    }
    return error(
      item.nameSpan,
      `Attribute "${item.name}" has no value. Expected ${item.name}="…".`,
    );
  }

  /** Finds an attribute of the start tag at `at`, after any problem already reported in it. */
  private attributeAfter(
    at: number,
    accept: (item: XmlAttribute) => boolean,
  ): XmlAttribute | undefined {
    const tag = startTagAt(this.text, at, this.limit);
    const previous = this.problems[this.problems.length - 1];
    const after = previous !== undefined && previous.span.start > at ? previous.span.end : at;
    return tag?.attributes.find((item) => item.nameSpan.start >= after && accept(item));
  }

  private unfinishedStartTag(at: number): SyntaxProblem | undefined {
    const nameEnd = nameEndAt(this.text, at + 1, this.limit);
    if (nameEnd === at + 1) {
      // A lone `<` at the end: xmldom reports it next as an invalid tag name.
      return undefined;
    }
    const name = this.text.slice(at + 1, nameEnd);
    return error(
      { start: at + 1, end: nameEnd },
      `Start tag <${name}> is not finished. Expected ">" or "/>" before the end of the document.`,
    );
  }

  private unreadableStartTag(detail: string, at: number): SyntaxProblem {
    const next = this.text.indexOf('<', at + 1);
    this.brokenTag = { start: at, end: next === -1 || next > this.limit ? this.limit : next };
    const tag = startTagAt(this.text, at, this.limit);
    const tagName = tag?.name ?? '';
    const nameSpan = tag?.nameSpan ?? span(at, 1);
    let match: RegExpExecArray | null;

    if ((match = /^invalid tagName:(.*)$/s.exec(detail))) {
      if (match[1] === '') {
        return error(span(at, 1), 'Unescaped "<" in text. Write it as "&lt;".');
      }
      return error(
        { start: at + 1, end: at + 1 + match[1].length },
        `Element name "${match[1]}" is not a valid XML name.`,
      );
    }
    if ((match = /^invalid attribute:(.*)$/s.exec(detail))) {
      const name = match[1];
      const item = tag?.attributes.find((candidate) => candidate.name === name);
      return error(item?.nameSpan ?? nameSpan, `Attribute name "${name}" is not a valid XML name.`);
    }
    if (detail.startsWith('attribute value no end') && tag !== undefined) {
      const quote = quoteAround(this.text, tag.nameSpan.end, this.limit);
      return quote === -1
        ? error(nameSpan, `Start tag <${tagName}> is not well-formed.`)
        : this.unclosedQuote(tag, quote);
    }
    if (detail.startsWith('attribute invalid close char')) {
      return this.attributeWithEmptyValue(at);
    }
    if (detail.startsWith('unexpected < in tag name') && tag !== undefined) {
      return this.unclosedStartTag(tag, this.nextLessThan(at));
    }
    if (detail.startsWith('attribute equal must after attrName')) {
      return error(nameSpan, `Start tag <${tagName}> has an "=" with no attribute name before it.`);
    }
    if (detail.startsWith("elements closed character '/' and '>'")) {
      return error(nameSpan, `Start tag <${tagName}> has text after "/". Expected "/>".`);
    }
    if (detail.startsWith('attribute value must after "="')) {
      return error(
        nameSpan,
        `Start tag <${tagName}> has a quoted value where an attribute name is expected.`,
      );
    }
    return error(nameSpan, `Start tag <${tagName}> is not well-formed.`);
  }

  private invalidStructure(report: ParserReport, kind: string, at: number): SyntaxProblem {
    const tag = startTagAt(this.text, at, this.limit);
    if (kind === 'HierarchyRequestError' && tag !== undefined) {
      const root = report.rootName ?? '';
      return error(
        tag.nameSpan,
        `Element <${tag.name}> is outside the root element <${root}>. A document has exactly one root element.`,
      );
    }
    if (kind === 'NamespaceError' && tag !== undefined) {
      const parent = report.openNode;
      const declared = (prefix: string) =>
        prefix === 'xml' ||
        prefix === 'xmlns' ||
        tag.attributes.some((item) => item.name === `xmlns:${prefix}`) ||
        (parent?.lookupNamespaceURI(prefix) ?? null) !== null;
      const names = [{ name: tag.name, nameSpan: tag.nameSpan }, ...tag.attributes];
      for (const item of names) {
        const colon = item.name.indexOf(':');
        const prefix = item.name.slice(0, colon);
        if (colon > 0 && !declared(prefix)) {
          return error(
            item.nameSpan,
            `Namespace prefix "${prefix}" is not declared. Expected an xmlns:${prefix} attribute on this element or an ancestor.`,
          );
        }
      }
    }
    return error(tag?.nameSpan ?? this.tokenAt(at), `Element structure is invalid (${kind}).`);
  }

  private missingRoot(): SyntaxProblem | undefined {
    if (this.problems.some((problem) => problem.severity === 'error')) {
      return undefined;
    }
    // xmldom stops at an end tag that comes before any start tag.
    const stray = findOutsideMarkup(this.text, /<\/|<[^!?]/g, this.start, this.limit);
    if (stray !== undefined && stray[0] === '</') {
      const nameEnd = nameEndAt(this.text, stray.index + 2, this.limit);
      const name = this.text.slice(stray.index + 2, nameEnd);
      return error(
        { start: stray.index + 2, end: nameEnd },
        `End tag </${name}> has no matching start tag.`,
      );
    }
    return error(
      trimmedSpan(this.text, this.start, this.limit),
      'The document has no root element.',
    );
  }

  private replacementCharacter(): SyntaxProblem {
    const found = this.text.indexOf('\uFFFD', this.start);
    return {
      span: found === -1 || found >= this.limit ? span(this.start, 0) : span(found, 1),
      message:
        'The text contains the replacement character U+FFFD, which usually means the file was decoded with the wrong encoding.',
      severity: 'warning',
    };
  }

  private badComment(lt: number): SyntaxProblem {
    const close = this.text.indexOf('-->', lt + 4);
    if (close === -1 || close + 3 > this.limit) {
      return error(span(lt, 4), 'Comment is not closed. Expected "-->".');
    }
    const doubleHyphen = this.text.indexOf('--', lt + 4);
    if (doubleHyphen < close) {
      return error(
        span(doubleHyphen, 2),
        'Comment contains "--", which XML does not allow inside a comment.',
      );
    }
    return error(span(lt, 4), 'Comment contains a character that XML does not allow.');
  }

  private badEndTag(raw: string, at: number): SyntaxProblem {
    const found = findOutsideMarkup(this.text, literal(`</${raw}`), at, this.limit);
    const lt = found?.index ?? at;
    const name = /^[^\s<>"'/=&]*/.exec(raw)![0];
    const nameSpan = { start: lt + 2, end: lt + 2 + name.length };
    // Without a `>` before the next tag, xmldom reads on into that tag.
    if (raw.includes('<') || lt + 2 + raw.length >= this.limit) {
      if (name === '') {
        return error(span(lt, 2), 'End tag has no element name.');
      }
      return error(nameSpan, `End tag </${name}> is not closed. Expected ">".`);
    }
    const written = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    const where = { start: lt + 2, end: lt + 2 + raw.length };
    if (name === '') {
      return error(where, `End tag "</${written}>" has no valid element name.`);
    }
    return error(
      where,
      `End tag "</${written}>" has text after the element name. Expected </${name}>.`,
    );
  }

  private offsetAt(line: number | undefined, column: number | undefined): number | undefined {
    if (line === undefined || line < 1 || column === undefined || column < 1) {
      return undefined;
    }
    this.lines ??= new LineIndex(this.text.slice(this.start, this.limit));
    return this.start + this.lines.offsetAt({ line: line - 1, character: column - 1 });
  }

  /** Returns the span of the tag name or word at `offset`, for reports with no better place. */
  private tokenAt(offset: number): Span {
    if (offset >= this.limit) {
      return span(this.limit, 0);
    }
    if (this.text.startsWith('<!', offset) || this.text.startsWith('<?', offset)) {
      return { start: offset, end: nameEndAt(this.text, offset + 2, this.limit) };
    }
    if (this.text.charCodeAt(offset) === LT) {
      const nameStart = this.text.charCodeAt(offset + 1) === 47 ? offset + 2 : offset + 1;
      const nameEnd = nameEndAt(this.text, nameStart, this.limit);
      return nameEnd > nameStart ? { start: nameStart, end: nameEnd } : span(offset, 1);
    }
    const end = nameEndAt(this.text, offset, this.limit);
    return end > offset ? { start: offset, end } : span(offset, 1);
  }
}

function error(where: Span, message: string): SyntaxProblem {
  return { span: where, message, severity: 'error' };
}

function span(start: number, length: number): Span {
  return { start, end: start + length };
}

function sentence(message: string): string {
  const trimmed = message.trim().replace(/!+$/, '');
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.?]$/.test(capital) ? capital : `${capital}.`;
}

function literal(value: string): RegExp {
  return new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
