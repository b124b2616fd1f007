// Starts headless Neovim sessions for the editor tests and checks the same files with the CLI.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { runCli } from '../test/cli/run-cli';

/** The repository root, from `out/test-editors/` where tsc puts this file. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The folder of the Lua scripts that the Neovim sessions run. */
export const NVIM_SCRIPTS = path.join(REPO_ROOT, 'test-editors', 'nvim');

export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.js');

/** The example app whose diagnostics the tests compare. */
export const EXAMPLE_APP = path.join(REPO_ROOT, 'examples', 'asset-tracker-with-mistakes');

/** Maximum wait of the Lua scripts for each response of the server, in milliseconds. */
export const STEP_TIMEOUT = 10_000;

/** Maximum run time of a whole Neovim session, in milliseconds. */
const NVIM_TIMEOUT = 60_000;

/** The first Neovim version whose LSP client has everything that the Lua scripts use. */
const MIN_NVIM_VERSION = [0, 7];

const INSTALL_HINT =
  'Install Neovim 0.7 or later and put `nvim` on PATH: on Debian or Ubuntu run ' +
  '`sudo apt-get install neovim`, elsewhere see https://github.com/neovim/neovim/releases. ' +
  'Then run `npm run test:neovim` again.';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A diagnostic reduced to the fields that the editor and the CLI both report. */
export interface ComparedDiagnostic {
  code: string;
  range: Range;
  severity: string;
  message: string;
}

export interface NeovimOptions {
  /** A folder of the test's own, which receives the result and Neovim's config and logs. */
  workFolder: string;
  /** Arguments after `--headless --clean`. */
  args: string[];
  cwd?: string;
  /** Variables added to the environment. */
  env?: Record<string, string>;
}

/** Throws with installation steps unless a recent enough `nvim` is on PATH. */
export function checkNeovimInstalled(): void {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(`Failed to run nvim (${probe.error.message}). ${INSTALL_HINT}`);
  }
  const match = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(probe.stdout);
  if (match === null) {
    throw new Error(`Unrecognised output of nvim --version: "${probe.stdout}". ${INSTALL_HINT}`);
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [minMajor, minMinor] = MIN_NVIM_VERSION;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new Error(`Neovim ${match[1]}.${match[2]}.${match[3]} is too old. ${INSTALL_HINT}`);
  }
}

/**
 * Runs a headless Neovim with its own config, data, cache and state folders under the work
 * folder, so that no swap or log file ends up in $HOME. The Lua script that the arguments load
 * writes its result as JSON to $OXIDE_WEBHOOKS_NVIM_RESULT, which this function returns.
 */
export function runNeovim<Result>(options: NeovimOptions): Result {
  const { workFolder } = options;
  const resultPath = path.join(workFolder, 'result.json');
  const home = path.join(workFolder, 'nvim-home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_STATE_HOME: path.join(home, 'state'),
    NVIM_LOG_FILE: path.join(home, 'nvim.log'),
    OXIDE_WEBHOOKS_NVIM_RESULT: resultPath,
    OXIDE_WEBHOOKS_NVIM_TIMEOUT: String(STEP_TIMEOUT),
    ...options.env,
  };
  fs.mkdirSync(home, { recursive: true });
  const run = spawnSync('nvim', ['--headless', '--clean', ...options.args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: NVIM_TIMEOUT,
  });

  if (run.status !== 0 || !fs.existsSync(resultPath)) {
    const reason = run.error?.message ?? `exit status ${run.status}, signal ${run.signal}`;
    throw new Error(
      `Neovim failed (${reason}).\n` +
        `stderr:\n${run.stderr}\n` +
        `stdout:\n${run.stdout}\n` +
        `LSP log:\n${readLspLog(home)}`,
    );
  }
  return JSON.parse(fs.readFileSync(resultPath, 'utf8')) as Result;
}

/** Returns the diagnostics of the app's schema.xml as `check --format json` reports them. */
export async function checkWithCli(appFolder: string): Promise<ComparedDiagnostic[]> {
  const run = await runCli(['check', '--format', 'json', appFolder]);
  // Status 1 means that errors were found, which the example has.
  assert.equal(run.status, 1, `oxide-webhooks check failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    files: { path: string; diagnostics: ComparedDiagnostic[] }[];
  };
  const schema = report.files.find((file) => path.basename(file.path) === 'schema.xml');
  assert.ok(schema !== undefined, `no schema.xml in the CLI report of ${appFolder}`);
  return schema.diagnostics.map(({ code, range, severity, message }) => ({
    code,
    range,
    severity,
    message,
  }));
}

/** Returns the LSP logs that Neovim wrote under `home`, which contain the server's stderr. */
function readLspLog(home: string): string {
  const logs = fs
    .readdirSync(home, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'lsp.log');
  const texts = logs.map((file) => fs.readFileSync(path.join(home, file), 'utf8'));
  return texts.join('\n') || '(no LSP log)';
}

/**
 * Runs `run` once in a fresh temporary folder before the file's tests, removes the folder
 * after them, and returns an accessor for the result. A failed run is rethrown by every test
 * that reads the result, so each failure shows the cause (such as how to install Neovim)
 * instead of the runner's "cancelled" notice.
 */
export function sharedSession<Session>(
  folderPrefix: string,
  run: (workFolder: string) => Promise<Session>,
): () => Session {
  let workFolder: string | undefined;
  let session: Session | undefined;
  let setupError: unknown;

  before(async () => {
    try {
      checkNeovimInstalled();
      workFolder = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
      session = await run(workFolder);
    } catch (error) {
      setupError = error;
    }
  });

  after(() => {
    if (workFolder !== undefined) {
      fs.rmSync(workFolder, { recursive: true, force: true });
    }
  });

  return () => {
    if (setupError !== undefined) {
      throw setupError;
    }
    assert.ok(session !== undefined, 'the Neovim session has not run');
    return session;
  };
}
