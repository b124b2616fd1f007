import type { RemoteConsole } from 'vscode-languageserver';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Logs a failure with the error's stack. Repeats of one message are counted, not all logged. */
  error(message: string, error?: unknown): void;
}

/**
 * Creates a logger that writes to the client's output through `window/logMessage`.
 * The first occurrence of an error message is logged with its stack. Repeats are logged
 * on a single line with their count when the count reaches a power of two (2, 4, 8, ...),
 * so a failure on every keystroke cannot flood the output.
 */
export function createLogger(remote: RemoteConsole): Logger {
  const errorCounts = new Map<string, number>();
  const maxTrackedErrors = 1000;

  return {
    info: (message) => remote.info(message),
    warn: (message) => remote.warn(message),
    error: (message, error) => {
      const key = error === undefined ? message : `${message}: ${errorSummary(error)}`;
      if (errorCounts.size >= maxTrackedErrors && !errorCounts.has(key)) {
        errorCounts.clear();
      }
      const count = (errorCounts.get(key) ?? 0) + 1;
      errorCounts.set(key, count);
      if (count === 1) {
        remote.error(error === undefined ? message : `${message}: ${errorDetail(error)}`);
      } else if ((count & (count - 1)) === 0) {
        remote.error(`${key} (occurred ${count} times)`);
      }
    },
  };
}

function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function errorDetail(error: unknown): string {
  return error instanceof Error && error.stack !== undefined ? error.stack : String(error);
}
