import { parseCommandLine, UsageError, type OptionSpec } from '../args';
import { checkFiles } from '../check-files';
import { formatDiagnostics, formatSummary, printable, useColor } from '../format-human';
import { formatJson } from '../format-json';
import { countSeverities, type CheckResults, type SeverityCounts } from '../results';
import {
  EXIT_ERRORS_FOUND,
  EXIT_OK,
  EXIT_USAGE_OR_INPUT,
  type Command,
  type CommandEnvironment,
} from './command';

const OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
};

const FORMATS = ['human', 'json'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: oxide-webhooks check [options] [paths...]

Checks the webhooks in JourneyApps data models and reports each problem found.

Each path is a file or a folder; the default is the current folder. Folders are
searched for *.xml files whose root element is <data-model> or the legacy <schema>,
skipping node_modules and folders whose name starts with a dot (such as .git).
A file named on the command line is always read. The folder that contains a data
model, after symbolic links are resolved, is its app: the subfolders of its
cloudcode/ folder are its CloudCode tasks.

Options:
  --format <human|json>  Output format (default: human). "human" prints one line
                         per problem, "path:line:column: severity code: message",
                         with 1-based lines and columns. "json" prints one JSON
                         document with 0-based LSP ranges.
  -q, --quiet            Report errors only; hide warnings, information and hints.
  -h, --help             Show this help.

Exit status:
  0  no errors (warnings allowed)
  1  at least one error
  2  invalid command line, a path that could not be read, or output that could
     not be written
`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check the webhooks in data models (schema.xml)',
  synopsis: '[options] [paths...]',
  help: HELP,
  run: runCheck,
};

function runCheck(args: readonly string[], environment: CommandEnvironment): number {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 'oxide-webhooks check --help');
  if (values.help === true) {
    environment.stdout.write(HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const quiet = values.quiet === true;
  const inputs = positionals.length > 0 ? positionals : ['.'];

  const warn = (message: string) => environment.stderr.write(`oxide-webhooks: ${message}\n`);
  const results = checkFiles(inputs, environment.cwd, warn);
  const hidden = quiet ? hideNonErrors(results) : undefined;

  if (format === 'json') {
    environment.stdout.write(formatJson(results, environment.toolVersion));
    writeNotes(results, environment);
  } else {
    writeHumanReport(results, environment, hidden);
  }
  return exitStatus(results);
}

function parseFormat(value: string | boolean | undefined): Format {
  if (value === undefined) {
    return 'human';
  }
  const format = FORMATS.find((candidate) => candidate === value);
  if (format === undefined) {
    throw new UsageError(
      `invalid value '${String(value)}' for '--format'. Expected 'human' or 'json'.`,
      'oxide-webhooks check --help',
    );
  }
  return format;
}

/** Removes every diagnostic that is not an error, and returns the counts of those removed. */
function hideNonErrors(results: CheckResults): SeverityCounts {
  const hidden: SeverityCounts = { ...countSeverities(results.files), errors: 0 };
  for (const file of results.files) {
    file.diagnostics = file.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  }
  return hidden;
}

function writeHumanReport(
  results: CheckResults,
  environment: CommandEnvironment,
  hidden: SeverityCounts | undefined,
): void {
  const { stdout, stderr, env } = environment;
  stdout.write(formatDiagnostics(results.files, useColor(stdout, env)));
  writeNotes(results, environment);

  const counts = countSeverities(results.files);
  stderr.write(formatSummary(counts, results.files.length, useColor(stderr, env), hidden));
}

/** Writes one line per skipped file, per unreadable path and per note to stderr. */
function writeNotes(results: CheckResults, environment: CommandEnvironment): void {
  for (const item of results.skipped) {
    const filePath = printable(item.displayPath);
    environment.stderr.write(`oxide-webhooks: skipped '${filePath}': ${item.reason}\n`);
  }
  for (const item of results.failures) {
    const filePath = printable(item.displayPath);
    environment.stderr.write(`oxide-webhooks: cannot check '${filePath}': ${item.message}\n`);
  }
  for (const note of results.notes) {
    environment.stderr.write(`oxide-webhooks: ${printable(note)}\n`);
  }
}

function exitStatus(results: CheckResults): number {
  if (results.failures.length > 0) {
    return EXIT_USAGE_OR_INPUT;
  }
  return countSeverities(results.files).errors > 0 ? EXIT_ERRORS_FOUND : EXIT_OK;
}
