// Installs, configures and runs code-server (VS Code 1.100 served to a browser) for the VS Code
// end-to-end test. Everything it starts listens on 127.0.0.1 and runs in one process group, so
// that `stop` can end the extension host and the language server along with the server.

import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findProcesses, type ProcessInfo } from './processes';

/** The repository root, from `out/test-vscode/` where tsc puts this file. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test-vscode', 'install-code-server.sh');
const VSIX_IGNORE_FILE = path.join(REPO_ROOT, 'test-vscode', 'package.vscodeignore');

/** Maximum wait for code-server to print the address it listens on, in milliseconds. */
const LISTEN_TIMEOUT = 60_000;

/** Maximum wait for every process of the group to exit after SIGTERM, in milliseconds. */
const EXIT_TIMEOUT = 10_000;

/** The installed tools: folders of the code-server and @vscode/vsce packages. */
export interface Tools {
  codeServer: string;
  vsce: string;
}

/** A running code-server. */
export interface CodeServer {
  /** The workbench address, for example `http://127.0.0.1:41234/`. */
  url: string;
  processGroup: number;
  /** Everything code-server printed so far. */
  output(): string;
  /**
   * Sends SIGTERM to the process group and waits for it to empty. Returns the processes that
   * were still running after EXIT_TIMEOUT, which it then ends with SIGKILL.
   */
  stop(): Promise<ProcessInfo[]>;
}

/** The folders that one code-server session reads and writes. */
export interface SessionFolders {
  userData: string;
  extensions: string;
  /** The folder for code-server's config file, TMPDIR and the XDG folders. */
  home: string;
}

/**
 * Runs test-vscode/install-code-server.sh, which installs code-server and @vscode/vsce into
 * the cache folder unless they are there already.
 */
export function installTools(): Tools {
  const result = spawnSync('bash', [INSTALL_SCRIPT], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `install-code-server.sh failed with exit code ${result.status}. ` +
        'Its messages above name the missing tool or the failed command.',
    );
  }
  const folders = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) {
      folders.set(line.slice(0, separator), line.slice(separator + 1));
    }
  }
  const codeServer = folders.get('code-server');
  const vsce = folders.get('vsce');
  if (codeServer === undefined || vsce === undefined) {
    throw new Error(`install-code-server.sh printed no install folders: "${result.stdout}".`);
  }
  return { codeServer, vsce };
}

/**
 * Packages the extension from the repository's package.json and dist/ into a .vsix file, as a
 * user would install it. The bundles in dist/ must be built first.
 */
export function packageExtension(tools: Tools, vsixPath: string): void {
  const vsceCli = path.join(tools.vsce, 'vsce');
  runTool(process.execPath, [
    vsceCli,
    'package',
    // esbuild bundles every dependency into dist/, so node_modules stays out of the package.
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--skip-license',
    '--allow-missing-repository',
    '--ignoreFile',
    VSIX_IGNORE_FILE,
    '--out',
    vsixPath,
  ]);
}

/** Installs a .vsix file into the session's extensions folder with code-server's own CLI. */
export function installExtension(tools: Tools, folders: SessionFolders, vsixPath: string): void {
  runTool(
    process.execPath,
    [...codeServerArguments(tools, folders), '--install-extension', vsixPath],
    sessionEnvironment(folders),
  );
}

/**
 * Starts code-server on 127.0.0.1 with a port that the system picks, without authentication,
 * and resolves once it listens.
 */
export function startCodeServer(
  tools: Tools,
  folders: SessionFolders,
  workspace: string,
): Promise<CodeServer> {
  const args = [
    ...codeServerArguments(tools, folders),
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // Restricted Mode disables extensions that declare no capabilities.untrustedWorkspaces,
    // as ours does not.
    '--disable-workspace-trust',
    workspace,
  ];
  writeUserSettings(folders);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: sessionEnvironment(folders),
    // Its own process group, so that stop() reaches the extension host and the language server.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';

  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail('did not print its address in time'), LISTEN_TIMEOUT);
    const onData = (chunk: string): void => {
      output += chunk;
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match !== null && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(runningServer(child, match[1], () => output));
      }
    };
    function fail(reason: string): void {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined && child.exitCode === null) {
        signalGroup(child.pid, 'SIGKILL');
      }
      reject(new Error(`code-server ${reason}. Its output:\n${output}`));
    }
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.on('exit', (code) => fail(`exited with code ${code}`));
    child.on('error', (error) => fail(`failed to start: ${error.message}`));
  });
}

function runningServer(child: ChildProcess, url: string, output: () => string): CodeServer {
  const processGroup = child.pid as number;
  return {
    url,
    processGroup,
    output,
    async stop() {
      signalGroup(processGroup, 'SIGTERM');
      const deadline = Date.now() + EXIT_TIMEOUT;
      let remaining = findProcesses({ processGroup });
      while (remaining.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        remaining = findProcesses({ processGroup });
      }
      if (remaining.length > 0) {
        signalGroup(processGroup, 'SIGKILL');
      }
      return remaining;
    },
  };
}

/**
 * Writes VS Code user settings that keep the window free of the welcome page and turn off
 * telemetry, experiments and update checks.
 */
function writeUserSettings(folders: SessionFolders): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
  };
  const settingsFolder = path.join(folders.userData, 'User');
  fs.mkdirSync(settingsFolder, { recursive: true });
  fs.writeFileSync(path.join(settingsFolder, 'settings.json'), JSON.stringify(settings, null, 2));
}

function codeServerArguments(tools: Tools, folders: SessionFolders): string[] {
  const configFile = path.join(folders.home, 'config.yaml');
  if (!fs.existsSync(configFile)) {
    // code-server writes a config file with a generated password where none exists.
    fs.mkdirSync(folders.home, { recursive: true });
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  }
  return [
    path.join(tools.codeServer, 'out', 'node', 'entry.js'),
    '--config',
    configFile,
    '--user-data-dir',
    folders.userData,
    '--extensions-dir',
    folders.extensions,
  ];
}

function sessionEnvironment(folders: SessionFolders): NodeJS.ProcessEnv {
  // VS Code's built-in Git extension leaves an IPC socket in the temporary folder.
  const temporaryFolder = path.join(folders.home, 'tmp');
  fs.mkdirSync(temporaryFolder, { recursive: true });
  return {
    ...process.env,
    TMPDIR: temporaryFolder,
    XDG_CONFIG_HOME: path.join(folders.home, 'config'),
    XDG_DATA_HOME: path.join(folders.home, 'data'),
    XDG_CACHE_HOME: path.join(folders.home, 'cache'),
    // An empty gallery turns the extension marketplace off, so VS Code requests nothing from it.
    EXTENSIONS_GALLERY: '{}',
  };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(args[0])} ${args.slice(1).join(' ')} failed with exit code ` +
        `${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
}

function signalGroup(processGroup: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-processGroup, signal);
  } catch (error) {
    // ESRCH: the group is empty already.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}
