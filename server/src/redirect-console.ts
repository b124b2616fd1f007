import { format, inspect, type InspectOptions } from 'util';
import type { RemoteConsole } from 'vscode-languageserver';

/**
 * Sends console output to the client's log, because stdout carries the protocol. On Node.js 20,
 * `console.dir` and `console.dirxml` write to stdout without calling `console.log`, so they are
 * replaced too. The other methods, such as `count`, `table` and `assert`, call `log` or `warn`.
 */
export function redirectConsole(remote: RemoteConsole): void {
  console.log = (...args: unknown[]) => remote.log(format(...args));
  console.info = (...args: unknown[]) => remote.info(format(...args));
  console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
  console.trace = (...args: unknown[]) =>
    remote.log(`${format(...args)}\n${new Error().stack ?? ''}`);
  console.dir = (item: unknown, options?: InspectOptions) => remote.log(inspect(item, options));
  console.dirxml = (...args: unknown[]) => remote.log(format(...args));
}
