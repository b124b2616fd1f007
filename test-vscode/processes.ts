import * as fs from 'fs';

/** A running process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  processGroup: number;
  commandLine: string;
}

/** The criteria of `findProcesses`. A process that matches either field is returned. */
export interface ProcessFilter {
  processGroup?: number;
  /** Paths of which the command line contains at least one. */
  paths?: readonly string[];
}

/**
 * Lists the running processes that match the filter. Reads /proc, so it works on Linux only.
 * Processes that end while it reads are left out.
 */
export function findProcesses(filter: ProcessFilter): ProcessInfo[] {
  const paths = filter.paths ?? [];
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const info = readProcess(Number(entry));
    if (info === undefined) {
      continue;
    }
    if (
      info.processGroup === filter.processGroup ||
      paths.some((p) => info.commandLine.includes(p))
    ) {
      found.push(info);
    }
  }
  return found;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in brackets may contain spaces, so the fields are counted after it.
    // After ")" come state, parent pid and process group.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const commandLine = fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .join(' ')
      .trim();
    return { pid, processGroup: Number(fields[2]), commandLine };
  } catch {
    return undefined;
  }
}
