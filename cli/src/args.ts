import { parseArgs } from 'util';

/** An invalid command line. `helpCommand` is the command that shows the relevant help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly helpCommand: string,
  ) {
    super(message);
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export interface ParsedCommandLine {
  /** Option values by long name. A boolean option that is absent has no entry. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses options and positional arguments with `util.parseArgs`, then checks the result
 * itself so that messages read the same for every command. `--` ends the options.
 * Throws `UsageError` for an unknown option, a missing value or a value given to a flag.
 */
export function parseCommandLine(
  args: readonly string[],
  options: Record<string, OptionSpec>,
  helpCommand: string,
): ParsedCommandLine {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const values: ParsedCommandLine['values'] = {};
  const positionals: string[] = [];

  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
    } else if (token.kind === 'option') {
      values[token.name] = optionValue(token, options, helpCommand);
    }
  }
  return { values, positionals };
}

interface OptionToken {
  name: string;
  rawName: string;
  value?: string;
  inlineValue?: boolean;
}

function optionValue(
  token: OptionToken,
  options: Record<string, OptionSpec>,
  helpCommand: string,
): string | boolean {
  const spec = options[token.name];
  if (spec === undefined) {
    throw new UsageError(`unknown option '${token.rawName}'.`, helpCommand);
  }
  if (spec.type === 'boolean') {
    if (token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' does not take a value.`, helpCommand);
    }
    return true;
  }

  // parseArgs takes the next argument as the value even when it looks like an option, as
  // in `--format --quiet`, which almost always means that the value was forgotten.
  const value = token.value;
  if (value === undefined || (!token.inlineValue && value.startsWith('-'))) {
    throw new UsageError(`option '${token.rawName}' requires a value.`, helpCommand);
  }
  return value;
}
