import type { Diagnostic, Position, Severity } from '../../server/src/analysis/types';
import type { CheckedFile, SeverityCounts } from './results';

/**
 * Formats diagnostics one per line as `path:line:column: severity code: message`, with the
 * related information of each on indented `note` lines below it. Lines and columns are
 * 1-based, as editors and terminals show them. Columns count UTF-16 code units, as in LSP.
 */
export function formatDiagnostics(files: readonly CheckedFile[], color: boolean): string {
  const style = color ? ANSI_STYLES : PLAIN_STYLES;
  const lines: string[] = [];

  for (const file of files) {
    const filePath = style.path(printable(file.displayPath));
    for (const diagnostic of file.diagnostics) {
      lines.push(formatDiagnostic(filePath, diagnostic, style));
      for (const related of diagnostic.related ?? []) {
        const location = `${filePath}:${formatPosition(related.range.start)}`;
        lines.push(`  ${location}: ${style.note('note')}: ${printable(related.message)}`);
      }
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * Formats the closing line, such as `2 errors, 1 warning, 1 information in 3 files`. Errors and
 * warnings are always counted, information and hints only when there are any. `hidden` contains
 * the counts that `--quiet` removed. When it is given, only errors are counted, and the hidden
 * counts follow in brackets.
 */
export function formatSummary(
  counts: SeverityCounts,
  fileCount: number,
  color: boolean,
  hidden?: SeverityCounts,
): string {
  const style = color ? ANSI_STYLES : PLAIN_STYLES;
  const parts = [styledCount(counts.errors, 'error', style)];
  if (hidden === undefined) {
    parts.push(styledCount(counts.warnings, 'warning', style));
  }
  if (hidden === undefined && counts.information > 0) {
    parts.push(styledCount(counts.information, 'information', style));
  }
  if (hidden === undefined && counts.hints > 0) {
    parts.push(styledCount(counts.hints, 'hint', style));
  }

  const line = `${parts.join(', ')} in ${countOf(fileCount, 'file')}`;
  const hiddenParts = hidden === undefined ? [] : describeHidden(hidden);
  if (hiddenParts.length === 0) {
    return `${line}\n`;
  }
  return `${line} (${hiddenParts.join(', ')} hidden by --quiet)\n`;
}

/**
 * Reports whether output to a stream may use color. Color is used only on a terminal, and
 * never when the `NO_COLOR` environment variable is set to a non-empty value
 * (https://no-color.org) or when `TERM` is `dumb`, a terminal type whose terminfo entry has no
 * color capabilities.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') {
    return false;
  }
  if (env.TERM === 'dumb') {
    return false;
  }
  return stream.isTTY === true;
}

/**
 * Replaces control characters with `\x..` escapes, so that a value quoted from a file cannot
 * move the cursor or change the terminal, and each diagnostic stays on one line.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    const code = character.charCodeAt(0);
    return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

function formatDiagnostic(filePath: string, diagnostic: Diagnostic, style: Styles): string {
  const location = `${filePath}:${formatPosition(diagnostic.range.start)}`;
  const severity = style[diagnostic.severity](diagnostic.severity);
  const code = style.code(diagnostic.code);
  return `${location}: ${severity} ${code}: ${printable(diagnostic.message)}`;
}

function formatPosition(position: Position): string {
  return `${position.line + 1}:${position.character + 1}`;
}

function describeHidden(hidden: SeverityCounts): string[] {
  const parts: string[] = [];
  if (hidden.warnings > 0) {
    parts.push(countOf(hidden.warnings, 'warning'));
  }
  if (hidden.information > 0) {
    parts.push(countOf(hidden.information, 'information'));
  }
  if (hidden.hints > 0) {
    parts.push(countOf(hidden.hints, 'hint'));
  }
  return parts;
}

/** Formats a count in the color of its severity, or plain when it is zero. */
function styledCount(count: number, severity: Severity, style: Styles): string {
  const text = countOf(count, severity);
  return count > 0 ? style[severity](text) : text;
}

/** Formats `1 error`, `2 errors`, `2 information`: "information" has no plural. */
function countOf(count: number, noun: string): string {
  const pluralSuffix = count === 1 || noun === 'information' ? '' : 's';
  return `${count} ${noun}${pluralSuffix}`;
}

type Style = (text: string) => string;
type Styles = Record<Severity | 'path' | 'code' | 'note', Style>;

function ansi(open: string): Style {
  return (text) => `\u001b[${open}m${text}\u001b[0m`;
}

const ANSI_STYLES: Styles = {
  error: ansi('1;31'),
  warning: ansi('1;33'),
  information: ansi('1;36'),
  hint: ansi('2'),
  path: ansi('1'),
  code: ansi('2'),
  note: ansi('1;36'),
};

const unstyled: Style = (text) => text;

const PLAIN_STYLES: Styles = {
  error: unstyled,
  warning: unstyled,
  information: unstyled,
  hint: unstyled,
  path: unstyled,
  code: unstyled,
  note: unstyled,
};
