// Runs the packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100) on
// 127.0.0.1, shown in Debian's headless Chromium and driven through playwright-core. It opens a
// copy of the example app with mistakes and compares what the workbench shows with the output
// of `oxide-webhooks check --format json` for the same files.
// Run it with `npm run test:vscode`. It is not part of `npm test`.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../test/cli/run-cli';
import {
  installExtension,
  installTools,
  packageExtension,
  REPO_ROOT,
  startCodeServer,
  type CodeServer,
  type SessionFolders,
} from './code-server';
import { findProcesses, type ProcessInfo } from './processes';
import {
  launchBrowser,
  openFile,
  readOutputChannel,
  readProblems,
  replaceWordAt,
  revealProblem,
  saveScreenshot,
  waitForProblemCounts,
  type Browser,
  type ProblemCounts,
  type ProblemRow,
} from './workbench';

const EXAMPLE_APP = path.join(REPO_ROOT, 'examples', 'asset-tracker-with-mistakes');
const VERSION: string = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
).version;

const OUTPUT_CHANNEL = 'OXIDE Webhooks';
const BANNER = /oxide-webhooks-language-server (\S+) started \(Node\.js v[\d.]+\)\./;

/** The edit types VALID_TYPE over INVALID_TYPE, which removes the FIXED_CODE diagnostic. */
const FIXED_CODE = 'webhook-type-invalid';
const INVALID_TYPE = 'created';
const VALID_TYPE = 'ready';

/**
 * Maximum time for the whole session, in milliseconds. The first run also installs code-server
 * and vsce, which took 75 s on a 2-core machine. Later sessions took about 17 s there.
 */
const SESSION_TIMEOUT = 15 * 60_000;

/** What one VS Code session showed, next to the CLI's output for the same files. */
interface Session {
  expected: ProblemRow[];
  expectedAfterEdit: ProblemRow[];
  counts: ProblemCounts;
  problems: ProblemRow[];
  /** `.squiggly-error` decorations in the editor after revealing the invalid webhook type. */
  errorSquiggles: number;
  outputChannels: string[];
  outputText: string;
  /** Language server processes that run from the session's extensions folder. */
  languageServers: ProcessInfo[];
  countsAfterEdit: ProblemCounts;
  problemsAfterEdit: ProblemRow[];
  /**
   * Processes of code-server's group still running 10 s after SIGTERM, and processes whose
   * command line names the session's folder after everything was closed.
   */
  leftRunning: ProcessInfo[];
  blockedRequests: string[];
}

let workFolder: string | undefined;
let screenshotFolder: string | undefined;
let session: Session | undefined;
let sessionError: unknown;

before(
  async () => {
    workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'oxide-webhooks-vscode-'));
    screenshotFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'oxide-webhooks-vscode-screenshot-'));
    try {
      session = await runSession(workFolder, screenshotFolder);
    } catch (error) {
      sessionError = error;
    }
  },
  { timeout: SESSION_TIMEOUT },
);

after(() => {
  if (workFolder !== undefined) {
    fs.rmSync(workFolder, { recursive: true, force: true });
  }
});

function currentSession(): Session {
  if (session === undefined) {
    throw sessionError ?? new Error('The VS Code session did not run.');
  }
  return session;
}

describe('VS Code extension in code-server', () => {
  test('status bar counts match the CLI', () => {
    const { counts, expected } = currentSession();
    assert.ok(expected.length > 0, 'the example has diagnostics');
    assert.deepEqual(counts, countBySeverity(expected));
  });

  test('Problems panel matches the CLI', (t) => {
    const { problems, expected } = currentSession();
    t.diagnostic(`screenshot: ${path.join(screenshotFolder ?? '', 'problems.png')}`);
    assert.deepEqual(sortProblems(problems), sortProblems(expected));
  });

  test('invalid webhook type is listed', () => {
    const { problems } = currentSession();
    const invalidType = problems.find((row) => row.code === FIXED_CODE);
    assert.ok(invalidType !== undefined, `no ${FIXED_CODE} row in the Problems panel`);
    assert.equal(invalidType.severity, 'error');
    assert.equal(invalidType.source, 'oxide-webhooks');
    assert.match(invalidType.message, /^Invalid webhook type "created"\./);
  });

  test('editor underlines the error', () => {
    assert.ok(currentSession().errorSquiggles > 0, 'no error squiggle in the editor');
  });

  test('output channel shows version banner', () => {
    const { outputChannels, outputText } = currentSession();
    assert.ok(
      outputChannels.includes(OUTPUT_CHANNEL),
      `"${OUTPUT_CHANNEL}" missing from the output channels: ${outputChannels.join(', ')}`,
    );
    const banner = BANNER.exec(outputText);
    assert.ok(banner !== null, `no version banner in the output channel:\n${outputText}`);
    assert.equal(banner[1], VERSION);
  });

  test('language server runs from the vsix', () => {
    assert.equal(currentSession().languageServers.length, 1, 'language server processes');
  });

  test('edit removes fixed diagnostic', () => {
    const { countsAfterEdit, problemsAfterEdit, expectedAfterEdit } = currentSession();
    assert.ok(!codesOf(expectedAfterEdit).includes(FIXED_CODE), `${FIXED_CODE} after the edit`);
    assert.deepEqual(countsAfterEdit, countBySeverity(expectedAfterEdit));
    assert.deepEqual(sortProblems(problemsAfterEdit), sortProblems(expectedAfterEdit));
  });

  test('no process left after shutdown', () => {
    const commands = currentSession().leftRunning.map((info) => info.commandLine);
    assert.deepEqual(commands, []);
  });

  test('browser requests stay on 127.0.0.1', () => {
    assert.deepEqual(currentSession().blockedRequests, []);
  });
});

/**
 * Installs the packaged extension into a fresh code-server, opens schema.xml of a copy of the
 * example app, reads what the workbench shows, fixes one mistake by typing, and shuts down.
 */
async function runSession(workFolder: string, screenshotFolder: string): Promise<Session> {
  const workspace = path.join(workFolder, 'asset-tracker');
  fs.cpSync(EXAMPLE_APP, workspace, { recursive: true });
  const expected = await checkWithCli(workspace);

  // The same edit, applied on disk to a second copy, gives the diagnostics to expect after it.
  const fixed = expected.find((row) => row.code === FIXED_CODE);
  assert.ok(fixed !== undefined, `the CLI reports no ${FIXED_CODE} in the example`);
  const editedFolder = path.join(workFolder, 'edited');
  fs.cpSync(EXAMPLE_APP, editedFolder, { recursive: true });
  replaceOnDisk(path.join(editedFolder, 'schema.xml'), fixed, INVALID_TYPE, VALID_TYPE);
  const expectedAfterEdit = await checkWithCli(editedFolder);

  const tools = installTools();
  const folders: SessionFolders = {
    userData: path.join(workFolder, 'user-data'),
    extensions: path.join(workFolder, 'extensions'),
    home: path.join(workFolder, 'home'),
  };
  const vsix = path.join(workFolder, 'oxide-webhooks.vsix');
  packageExtension(tools, vsix);
  installExtension(tools, folders, vsix);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(tools, folders, workspace);
    browser = await launchBrowser(path.join(workFolder, 'chromium-profile'));
    const { page } = browser;
    const url = server.url;

    await step('open schema.xml', () => openFile(page, url, workspace, 'schema.xml'));
    const counts = await waitForProblemCounts(page, countBySeverity(expected));
    const problems = await step('read the Problems panel', () => readProblems(page));

    const errorSquiggles = await step(`reveal ${FIXED_CODE}`, () =>
      revealProblem(page, FIXED_CODE),
    );
    await saveScreenshot(page, path.join(screenshotFolder, 'problems.png'));

    const output = await step('read the output channel', () =>
      readOutputChannel(page, OUTPUT_CHANNEL, BANNER),
    );
    const languageServers = findProcesses({
      paths: [path.join(folders.extensions, 'oxide-webhooks.oxide-webhooks-')],
    }).filter((info) => info.commandLine.includes('server.js'));

    await step(`type "${VALID_TYPE}" over "${INVALID_TYPE}"`, () =>
      replaceWordAt(page, fixed.line, fixed.column, VALID_TYPE),
    );
    const countsAfterEdit = await waitForProblemCounts(page, countBySeverity(expectedAfterEdit));
    const problemsAfterEdit = await step('read the Problems panel after the edit', () =>
      readProblems(page),
    );

    await browser.context.close();
    const blockedRequests = browser.blockedRequests;
    browser = undefined;
    const leftRunning = await server.stop();
    server = undefined;
    // Chromium's processes are not in code-server's group, but their command lines name the
    // profile folder.
    leftRunning.push(...findProcesses({ paths: [workFolder] }));

    return {
      expected,
      expectedAfterEdit,
      counts,
      problems,
      errorSquiggles,
      outputChannels: output.channels,
      outputText: output.text,
      languageServers,
      countsAfterEdit,
      problemsAfterEdit,
      leftRunning,
      blockedRequests,
    };
  } catch (error) {
    if (browser !== undefined) {
      const failure = path.join(screenshotFolder, 'failure.png');
      await saveScreenshot(browser.page, failure).catch(() => undefined);
      console.error(`Screenshot of the workbench at the failure: ${failure}`);
    }
    if (server !== undefined) {
      console.error(`code-server output:\n${server.output()}`);
    }
    throw error;
  } finally {
    await browser?.context.close();
    await server?.stop();
  }
}

/** Runs one step of the session, and names the step in the error when it fails. */
async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Step "${name}" failed: ${message}`, { cause: error });
  }
}

/** Runs the CLI on a folder and returns its diagnostics as the Problems panel would list them. */
async function checkWithCli(folder: string): Promise<ProblemRow[]> {
  const result = await runCli(['check', '--format', 'json', folder]);
  assert.ok(result.stdout.length > 0, `the CLI printed nothing: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: { diagnostics: CliDiagnostic[] }[] };
  return report.files
    .flatMap((file) => file.diagnostics)
    .filter((diagnostic) => diagnostic.severity !== 'hint')
    .map((diagnostic) => ({
      // VS Code's Problems panel leaves hints out, and calls information "info".
      severity: diagnostic.severity === 'information' ? 'info' : diagnostic.severity,
      message: diagnostic.message,
      source: diagnostic.source,
      code: diagnostic.code,
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
    })) as ProblemRow[];
}

interface CliDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  source: string;
  code: string;
  range: { start: { line: number; character: number } };
}

/** Replaces `oldText` at a 1-based position of an LF-separated file with `newText`. */
function replaceOnDisk(file: string, at: ProblemRow, oldText: string, newText: string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines[at.line - 1];
  const start = at.column - 1;
  assert.equal(line.slice(start, start + oldText.length), oldText, 'text at the diagnostic');
  lines[at.line - 1] = line.slice(0, start) + newText + line.slice(start + oldText.length);
  fs.writeFileSync(file, lines.join('\n'));
}

function countBySeverity(rows: ProblemRow[]): ProblemCounts {
  const count = (severity: ProblemRow['severity']): number =>
    rows.filter((row) => row.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

function sortProblems(rows: ProblemRow[]): ProblemRow[] {
  return [...rows].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

function codesOf(rows: ProblemRow[]): string[] {
  return rows.map((row) => row.code);
}
