// Types and helpers shared by the explanations of xmldom's reports: the copied report, the
// explainer's state and the small builders of problems.

import type { Document, Node } from '@xmldom/xmldom';
import type { Span } from './types';
import type { SyntaxProblem } from './wellformed';

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

/** The text and the explainer's state across the reports of one parse. */
export interface ExplainContext {
  readonly text: string;
  /** Offset of the parsed slice's first character, after any byte order mark. */
  readonly start: number;
  readonly limit: number;
  /** The problems reported so far, in order. */
  readonly problems: readonly SyntaxProblem[];
  /** The report after the one being explained, which may explain the same thing better. */
  readonly nextReport: ParserReport | undefined;
  /** A start tag xmldom could not read, which it then takes as text up to the next `<`. */
  brokenTag: Span | undefined;
  /** Entity references before this offset have been reported already. */
  referenceCursor: number;
  /** Entity names the DOCTYPE declares, read on the first report that needs them. */
  declaredEntities: Set<string> | undefined;
  /** Converts xmldom's 1-based line and column to an offset into `text`. */
  offsetAt(line: number | undefined, column: number | undefined): number | undefined;
  /** Returns the span of the tag name or word at `offset`, for reports with no better place. */
  tokenAt(offset: number): Span;
}

/**
 * Explains one kind of report. `match` is the handler's pattern applied to the message, and
 * `at` is xmldom's position as an offset. Returns undefined to drop a report that another
 * report explains.
 */
export type Explanation = (
  context: ExplainContext,
  match: RegExpExecArray,
  report: ParserReport,
  at: number,
) => SyntaxProblem | undefined;

/** A pattern for xmldom's message and the explanation for the reports it matches. */
export type Handler = readonly [RegExp, Explanation];

export function error(where: Span, message: string): SyntaxProblem {
  return { span: where, message, severity: 'error' };
}

export function span(start: number, length: number): Span {
  return { start, end: start + length };
}

/** Returns a global pattern that matches `value` literally. */
export function literal(value: string): RegExp {
  return new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
}
