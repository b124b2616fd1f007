import { UsageError } from './args';
import {
  EXIT_OK,
  EXIT_USAGE_OR_INPUT,
  type CommandEnvironment,
  type OutputStream,
} from './commands/command';
import { COMMANDS, findCommand } from './commands/index';
import { printable } from './format-human';
import { describeSystemError, GuardedOutput } from './output';
import { readToolVersion } from './version';

/**
 * Runs `oxide-webhooks <command> [arguments]` and returns the exit status. Usage errors are
 * reported on stderr with a pointer to the help and are not thrown.
 */
export function runCommandLine(args: readonly string[], environment: CommandEnvironment): number {
  try {
    return dispatch(args, environment);
  } catch (error) {
    if (error instanceof UsageError) {
      environment.stderr.write(`oxide-webhooks: ${error.message}\n`);
      environment.stderr.write(`Run '${error.helpCommand}' for usage.\n`);
      return EXIT_USAGE_OR_INPUT;
    }
    throw error;
  }
}

function dispatch(args: readonly string[], environment: CommandEnvironment): number {
  const [first, ...rest] = args;
  const { stdout } = environment;

  if (first === undefined) {
    environment.stderr.write(generalHelp());
    return EXIT_USAGE_OR_INPUT;
  }
  if (first === '--help' || first === '-h') {
    stdout.write(generalHelp());
    return EXIT_OK;
  }
  if (first === '--version') {
    stdout.write(`oxide-webhooks ${environment.toolVersion}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    return showHelp(rest, stdout);
  }
  if (first.startsWith('-')) {
    throw new UsageError(`unknown option '${first}'.`, 'oxide-webhooks --help');
  }

  const command = findCommand(first);
  if (command === undefined) {
    throw new UsageError(unknownCommandMessage(first), 'oxide-webhooks --help');
  }
  return command.run(rest, environment);
}

function showHelp(args: readonly string[], stdout: OutputStream): number {
  if (args.length === 0) {
    stdout.write(generalHelp());
    return EXIT_OK;
  }
  if (args.length > 1) {
    throw new UsageError('help takes at most one command name.', 'oxide-webhooks --help');
  }
  const command = findCommand(args[0]);
  if (command === undefined) {
    throw new UsageError(unknownCommandMessage(args[0]), 'oxide-webhooks --help');
  }
  stdout.write(command.help);
  return EXIT_OK;
}

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  const commandLines = COMMANDS.map(
    (command) => `  ${command.name.padEnd(width)}${command.summary}`,
  );
  return [
    'Usage: oxide-webhooks <command> [options]',
    '',
    'Checks webhooks in JourneyApps data models from the command line.',
    '',
    'Commands:',
    ...commandLines,
    '',
    'Options:',
    '  -h, --help   Show this help.',
    '  --version    Print the version.',
    '',
    "Run 'oxide-webhooks help <command>' for the options of a command.",
    '',
  ].join('\n');
}

function unknownCommandMessage(name: string): string {
  const known = COMMANDS.map((command) => `'${command.name}'`).join(', ');
  return `unknown command '${printable(name)}'. Available commands: ${known}.`;
}

function main(): void {
  const stdout = new GuardedOutput(process.stdout);
  const stderr = new GuardedOutput(process.stderr);

  try {
    process.exitCode = runCommandLine(process.argv.slice(2), {
      cwd: process.cwd(),
      env: process.env,
      stdout,
      stderr,
      toolVersion: readToolVersion(),
    });
  } catch (error) {
    const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr.write(`oxide-webhooks: internal error: ${details}\n`);
    process.exitCode = EXIT_USAGE_OR_INPUT;
  }

  // Node reports write errors in 'error' events, which can come after the command returns.
  // 'beforeExit' comes once the event loop is empty, so by then every write has finished.
  process.once('beforeExit', () => {
    if (stdout.failed()) {
      const reason = describeSystemError(stdout.error!);
      stderr.write(`oxide-webhooks: cannot write to stdout: ${reason}.\n`);
      process.exitCode = EXIT_USAGE_OR_INPUT;
    }
    if (stderr.failed()) {
      process.exitCode = EXIT_USAGE_OR_INPUT;
    }
  });
}

if (require.main === module) {
  main();
}
