import { DOMParser } from '@xmldom/xmldom';
import type { Span } from './types';

export interface SyntaxProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning';
}

/** Parses text.slice(from, to) with xmldom and reports its problems as spans into `text`. */
export function checkWellFormed(text: string, from = 0, to = text.length): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  let source = text.slice(from, to);
  let base = from;
  if (source.charCodeAt(0) === 0xfeff) {
    source = source.slice(1);
    base++;
  }
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  const offsetOf = (line: number | undefined, column: number | undefined) =>
    base + (starts[(line ?? 1) - 1] ?? 0) + Math.max(0, (column ?? 1) - 1);
  try {
    new DOMParser({
      onError(level, message, context) {
        if (level === 'fatalError') {
          return;
        }
        const locator = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        const offset = offsetOf(locator?.lineNumber, locator?.columnNumber);
        problems.push({ span: { start: offset, end: offset + 1 }, message, severity: level === 'warning' ? 'warning' : 'error' });
      },
    }).parseFromString(source, 'text/xml');
  } catch (error) {
    const locator = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const offset = offsetOf(locator?.lineNumber, locator?.columnNumber);
    problems.push({ span: { start: offset, end: offset + 1 }, message: String((error as Error).message), severity: 'error' });
  }
  return problems;
}
