/** Exit status of the program. */
export const EXIT_OK = 0;
/** At least one error-severity diagnostic was reported. */
export const EXIT_ERRORS_FOUND = 1;
/**
 * The command line is invalid, an input could not be read, the output could not be written,
 * or the tool failed.
 */
export const EXIT_USAGE_OR_INPUT = 2;

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The process resources a command uses, passed in so that commands read no globals. */
export interface CommandEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  toolVersion: string;
}

/** A subcommand such as `check`. Later commands add an entry to `COMMANDS` in `index.ts`. */
export interface Command {
  name: string;
  /** One line for the command list in `--help`. */
  summary: string;
  /** The arguments as shown in the usage line, such as `[options] [paths...]`. */
  synopsis: string;
  /** The full text of `oxide-webhooks help <name>`. */
  help: string;
  /** Runs the command with the arguments after its name and returns the exit status. */
  run(args: readonly string[], environment: CommandEnvironment): number;
}
