import { DOMParser, ParseError } from '@xmldom/xmldom';
import type { Span } from './types';
import { parsesCleanly } from './wellformed-fast';
import { ReportExplainer } from './wellformed-explain';
import { captureReport, type ParserReport } from './wellformed-report';

export interface SyntaxProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Parses `text.slice(from, to)` with @xmldom/xmldom and reports well-formedness problems as
 * spans into `text`. A leading UTF-8 byte order mark is skipped. xmldom stops at the first
 * fatal error, so the result contains at most one of those, after the problems found before it.
 * Entities are never expanded and external entities are never read.
 *
 * NOTE: xmldom 0.9 accepts some input that XML 1.0 rejects, such as a second end tag for the
 * root, a bare `&` before a space and NUL characters, and those give no problem here.
 */
export function checkWellFormed(text: string, from = 0, to = text.length): SyntaxProblem[] {
  const start = text.charCodeAt(from) === BYTE_ORDER_MARK && from < to ? from + 1 : from;
  const source = text.slice(start, to);
  if (!/\S/.test(source)) {
    return [{ span: { start, end: to }, message: 'The document is empty.', severity: 'error' }];
  }

  if (parsesCleanly(source)) {
    return [];
  }
  return explainProblems(text, start, to);
}

/**
 * Parses `text.slice(start, to)` into a full DOM and explains every report xmldom makes. The
 * DOM gives the explanations the parser's position, so this runs only on text with problems.
 */
export function explainProblems(text: string, start: number, to: number): SyntaxProblem[] {
  const source = text.slice(start, to);
  const reports: ParserReport[] = [];
  const parser = new DOMParser({
    normalizeLineEndings: keepLineEndings,
    onError(level, message, handler) {
      reports.push(captureReport(level, message, handler));
    },
  });
  try {
    parser.parseFromString(source, 'text/xml');
  } catch (error) {
    // Every fatal error has been passed to onError before xmldom throws it.
    if (!(error instanceof ParseError)) {
      throw error;
    }
  }
  if (reports.length === 0) {
    return [];
  }
  const explainer = new ReportExplainer(text, start, to);
  for (let index = 0; index < reports.length; index++) {
    explainer.add(reports[index], reports[index + 1]);
  }
  return explainer.problems;
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * Leaves line endings as they are. xmldom's locator counts `\r\n`, `\r` and `\n` as one line
 * break either way, and unchanged text keeps the offsets in its messages ("at position 12")
 * valid for our text. Its default would also turn U+0085, U+2028 and U+2029 into breaks
 * (an XML 1.1 rule), which LSP positions do not count as lines.
 */
function keepLineEndings(source: string): string {
  return source;
}
