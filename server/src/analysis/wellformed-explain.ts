import type { Node } from '@xmldom/xmldom';
import { LineIndex } from './text';
import type { Span } from './types';
import type { SyntaxProblem } from './wellformed';
import { MARKUP_HANDLERS } from './wellformed-markup';
import {
  error,
  literal,
  span,
  type ExplainContext,
  type Explanation,
  type Handler,
  type ParserReport,
} from './wellformed-report';
import { START_TAG_HANDLERS } from './wellformed-start-tag';
import {
  afterMarkup,
  endTagAfter,
  findOutsideMarkup,
  nameEndAt,
  startTagAt,
  trimmedSpan,
} from './wellformed-text';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const LT = 60;

/**
 * Turns xmldom's reports into problems for people: a message that names the token, and a span
 * on it. xmldom's position is often the start of an earlier tag, so each kind of report takes
 * a small look at the text to find the token at fault.
 */
export class ReportExplainer implements ExplainContext {
  readonly problems: SyntaxProblem[] = [];
  nextReport: ParserReport | undefined;
  brokenTag: Span | undefined;
  referenceCursor: number;
  declaredEntities: Set<string> | undefined;
  private lines: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly start: number,
    readonly limit: number,
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

  offsetAt(line: number | undefined, column: number | undefined): number | undefined {
    if (line === undefined || line < 1 || column === undefined || column < 1) {
      return undefined;
    }
    this.lines ??= new LineIndex(this.text.slice(this.start, this.limit));
    return this.start + this.lines.offsetAt({ line: line - 1, character: column - 1 });
  }

  tokenAt(offset: number): Span {
    const { text, limit } = this;
    if (offset >= limit) {
      return span(limit, 0);
    }
    if (text.startsWith('<!', offset) || text.startsWith('<?', offset)) {
      return { start: offset, end: nameEndAt(text, offset + 2, limit) };
    }
    if (text.charCodeAt(offset) === LT) {
      const nameStart = text.charCodeAt(offset + 1) === 47 ? offset + 2 : offset + 1;
      const nameEnd = nameEndAt(text, nameStart, limit);
      return nameEnd > nameStart ? { start: nameStart, end: nameEnd } : span(offset, 1);
    }
    const end = nameEndAt(text, offset, limit);
    return end > offset ? { start: offset, end } : span(offset, 1);
  }

  private explain(report: ParserReport): SyntaxProblem | undefined {
    const at = this.offsetAt(report.line, report.column) ?? this.start;
    for (const [pattern, explain] of HANDLERS) {
      const match = pattern.exec(report.message);
      if (match !== null) {
        return explain(this, match, report, at);
      }
    }
    return error(this.tokenAt(at), sentence(report.message));
  }
}

const mismatchedEndTag: Explanation = (context, match, report, at) => {
  const open = match[1];
  const raw = match[2];
  const lt = failedEndTag(context, report, raw, at);
  const name = /^[^\s>]*/.exec(raw)![0];
  const nameSpan = { start: lt + 2, end: lt + 2 + name.length };
  if (report.openNode?.nodeType === DOCUMENT_NODE) {
    return error(nameSpan, `End tag </${name}> comes after the root element <${open}> has ended.`);
  }
  return error(
    nameSpan,
    `End tag </${name}> does not match the open element <${open}>. Expected </${open}>.`,
  );
};

const unclosedElements: Explanation = (context, match, report, at) => {
  const names = match[1].split(', ');
  const open = report.openNode;
  const lt = (open && context.offsetAt(open.lineNumber, open.columnNumber)) ?? at;
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
};

const strayText: Explanation = (context, _match, report) => {
  const { text, limit } = context;
  let cursor = afterNode(context, report.lastNode);
  while (cursor < limit) {
    const code = text.charCodeAt(cursor);
    // xmldom reads a start tag it could not parse as text, so that `<` is where the text is.
    if (code === LT && cursor !== context.brokenTag?.start) {
      cursor = afterMarkup(text, cursor, limit);
    } else if (code === 32 || code === 10 || code === 13 || code === 9) {
      cursor++;
    } else {
      break;
    }
  }
  const next = text.indexOf('<', cursor + 1);
  const stray = trimmedSpan(text, cursor, next === -1 || next > limit ? limit : next);
  if (report.rootName === undefined) {
    return error(stray, 'Unexpected text before the root element.');
  }
  return error(stray, `Unexpected text after the end of the root element <${report.rootName}>.`);
};

const invalidStructure: Explanation = (context, match, report, at) => {
  const kind = match[1];
  const tag = startTagAt(context.text, at, context.limit);
  if (kind === 'HierarchyRequestError' && tag !== undefined) {
    return error(
      tag.nameSpan,
      `Element <${tag.name}> is outside the root element <${report.rootName ?? ''}>. A document has exactly one root element.`,
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
  return error(tag?.nameSpan ?? context.tokenAt(at), `Element structure is invalid (${kind}).`);
};

const missingRoot: Explanation = (context) => {
  const { text, start, limit } = context;
  if (context.problems.some((problem) => problem.severity === 'error')) {
    return undefined;
  }
  // xmldom stops at an end tag that comes before any start tag.
  const stray = findOutsideMarkup(text, /<\/|<[^!?]/g, start, limit);
  if (stray !== undefined && stray[0] === '</') {
    const nameEnd = nameEndAt(text, stray.index + 2, limit);
    const name = text.slice(stray.index + 2, nameEnd);
    return error(
      { start: stray.index + 2, end: nameEnd },
      `End tag </${name}> has no matching start tag.`,
    );
  }
  return error(trimmedSpan(text, start, limit), 'The document has no root element.');
};

/** xmldom's messages about the element structure, as xmldom 0.9 words them. */
const STRUCTURE_HANDLERS: readonly Handler[] = [
  [/^Opening and ending tag mismatch: "(.*)" != "(.*)"$/s, mismatchedEndTag],
  [/^unclosed xml tag\(s\): (.*)$/s, unclosedElements],
  [/^(?:Extra content at the end|Unexpected content outside root element)/, strayText],
  [/^Error constructing the DOM: (\w+): (.*)$/s, invalidStructure],
  [/^missing root element$/, missingRoot],
];

// The structure handlers come first: a DOM error message may mention the DOCTYPE, which the
// last markup handler would otherwise take.
const HANDLERS: readonly Handler[] = [
  ...STRUCTURE_HANDLERS,
  ...START_TAG_HANDLERS,
  ...MARKUP_HANDLERS,
];

/**
 * Finds the end tag xmldom stopped at. xmldom records no position for end tags, so this
 * counts them: after the last node it built, end tags closed that node's open ancestors up
 * to the current element, and the next end tag is the one that failed.
 */
function failedEndTag(
  context: ExplainContext,
  report: ParserReport,
  raw: string,
  at: number,
): number {
  const { text, limit } = context;
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
    const lastStart = context.offsetAt(last.lineNumber, last.columnNumber);
    if (lastStart !== undefined) {
      let cursor = lastStart;
      // A text node contains no `<`, and any other node starts with markup to step over.
      if (last.nodeType !== TEXT_NODE) {
        const tag = last.nodeType === ELEMENT_NODE ? startTagAt(text, lastStart, limit) : undefined;
        if (tag?.selfClosing && last !== open) {
          closedBefore--;
        }
        cursor = afterMarkup(text, lastStart, limit);
      }
      let lt = endTagAfter(text, cursor, limit);
      for (let index = 0; index < closedBefore && lt !== -1; index++) {
        lt = endTagAfter(text, lt + 2, limit);
      }
      if (lt !== -1 && text.startsWith(`</${raw}`, lt)) {
        return lt;
      }
    }
  }
  const fallback = findOutsideMarkup(text, literal(`</${raw}`), at, limit);
  return fallback?.index ?? at;
}

/** Returns the offset just after the markup of `node`, or the start when there is none. */
function afterNode(context: ExplainContext, node: Node | undefined): number {
  const offset = node && context.offsetAt(node.lineNumber, node.columnNumber);
  if (offset === undefined) {
    return context.start;
  }
  if (context.text.charCodeAt(offset) !== LT) {
    return offset;
  }
  return afterMarkup(context.text, offset, context.limit);
}

/** Turns a message that no handler matches into a sentence. */
function sentence(message: string): string {
  const trimmed = message.trim().replace(/!+$/, '');
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.?]$/.test(capital) ? capital : `${capital}.`;
}
