// The language server's command line: the options an editor passes when it starts the server.

export const EXECUTABLE = 'oxide-webhooks-language-server';

export const USAGE = `Usage: ${EXECUTABLE} --stdio | --node-ipc | --socket=PORT | --pipe=NAME
       [--clientProcessId=PID]

Language server for webhooks in JourneyApps data models (schema.xml). An editor starts it
and talks the Language Server Protocol over the chosen transport:

  --stdio                use stdin and stdout
  --node-ipc             use the Node.js IPC channel (the VS Code extension uses this)
  --socket=PORT          connect to a TCP socket on 127.0.0.1 at PORT (1-65535)
  --pipe=NAME            connect to the named pipe or Unix socket NAME
  --clientProcessId=PID  exit when the editor process PID ends
  -h, --help             print this help and exit
  --version              print the version and exit
`;

/** The channel that carries protocol messages between the editor and the server. */
export type Transport =
  | { kind: 'stdio' }
  | { kind: 'node-ipc' }
  | { kind: 'socket'; port: number }
  | { kind: 'pipe'; name: string };

/** The action that the command line requests. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; transport: Transport }
  | { kind: 'usage-error'; message: string };

const TRANSPORT_NAMES = '--stdio, --node-ipc, --socket=PORT or --pipe=NAME';

/**
 * Parses the arguments after the script name. `--help` and `--version` win over everything
 * else. Otherwise exactly one transport is required, and `--clientProcessId` may come with it.
 * `--socket`, `--pipe` and `--clientProcessId` take their value after `=` or as the next
 * argument, as vscode-languageserver reads them.
 */
export function parseCommandLine(args: readonly string[]): Command {
  if (args.includes('--help') || args.includes('-h')) {
    return { kind: 'help' };
  }
  if (args.includes('--version')) {
    return { kind: 'version' };
  }

  const transports: Transport[] = [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index];
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    let value: string | undefined = equals === -1 ? undefined : argument.slice(equals + 1);
    const takesValue = name === '--socket' || name === '--pipe' || name === '--clientProcessId';

    if (takesValue && value === undefined && index + 1 < args.length) {
      index++;
      value = args[index];
    }
    if (!takesValue && value !== undefined && (name === '--stdio' || name === '--node-ipc')) {
      return usageError(`option ${name} takes no value, but got "${argument}".`);
    }

    const parsed = parseOption(name, value, argument);
    if (typeof parsed === 'string') {
      return usageError(parsed);
    }
    if (parsed !== undefined) {
      transports.push(parsed);
    }
  }

  if (transports.length === 0) {
    return usageError(`missing transport. Pass ${TRANSPORT_NAMES}.`);
  }
  if (transports.length > 1) {
    return usageError(`more than one transport. Pass only one of ${TRANSPORT_NAMES}.`);
  }
  return { kind: 'serve', transport: transports[0] };
}

/**
 * Returns the transport that an option selects, undefined for `--clientProcessId`, or the
 * reason the option is invalid.
 */
function parseOption(
  name: string,
  value: string | undefined,
  argument: string,
): Transport | undefined | string {
  switch (name) {
    case '--stdio':
      return { kind: 'stdio' };
    case '--node-ipc':
      return { kind: 'node-ipc' };
    case '--socket':
      return parsePort(value);
    case '--pipe':
      return value === undefined || value === ''
        ? 'missing pipe name. Pass --pipe=NAME with the path of the pipe or Unix socket.'
        : { kind: 'pipe', name: value };
    case '--clientProcessId':
      return value !== undefined && /^[1-9][0-9]*$/.test(value)
        ? undefined
        : `invalid process id "${value ?? ''}". Pass --clientProcessId=PID with a positive integer.`;
    default:
      return name.startsWith('-')
        ? `unknown option "${argument}".`
        : `unexpected argument "${argument}". The server takes options only.`;
  }
}

function parsePort(value: string | undefined): Transport | string {
  if (value === undefined || value === '') {
    return 'missing port. Pass --socket=PORT with a port from 1 to 65535.';
  }
  const port = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    return `invalid port "${value}". Pass --socket=PORT with a port from 1 to 65535.`;
  }
  return { kind: 'socket', port };
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}
