import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root, from `out/test/cli/` where tsc puts this file. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The bundled CLI that `npm install` builds and the package's `bin` points at. */
export const CLI_PATH = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** A file descriptor that the CLI writes its stdout to, in place of a captured pipe. */
  stdoutFd?: number;
  /** A file descriptor that the CLI writes its stderr to, in place of a captured pipe. */
  stderrFd?: number;
}

/**
 * Runs the built CLI as a user would, with pipes for stdout and stderr (so that neither is a
 * terminal), and resolves when the process has exited and both streams have closed. A stream
 * sent to a file descriptor from `options` is not captured and reads as empty.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, ...options.env };
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', options.stdoutFd ?? 'pipe', options.stderrFd ?? 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Creates a temporary folder with the given files (paths relative to it) and returns its path. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oxide-webhooks-cli-'));
  for (const [relativePath, content] of Object.entries(files)) {
    const filePath = path.join(root, relativePath);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, content);
  }
  return root;
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** Returns a small data model in which `webhooks` are the last children of model "asset". */
export function dataModel(webhooks: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<data-model>',
    '  <model name="asset" label="Asset">',
    '    <field name="name" label="Name" type="text" />',
    '    <field name="photo" label="Photo" type="photo" />',
    '    <display>{name}</display>',
    webhooks,
    '  </model>',
    '</data-model>',
    '',
  ].join('\n');
}
