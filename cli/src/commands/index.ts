import { checkCommand } from './check';
import type { Command } from './command';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [checkCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
