// Drives the VS Code workbench that code-server serves, in Debian's Chromium through
// playwright-core. Every wait polls the page until a condition is true or a timeout passes.

import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Chromium from Debian's `chromium` package; playwright-core downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Maximum wait for one step in the workbench, in milliseconds. */
const STEP_TIMEOUT = 60_000;

/** Problem counts as the status bar shows them. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** One row of the Problems panel that shows a diagnostic (related information rows excluded). */
export interface ProblemRow {
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code: string;
  /** 1-based, as the panel shows it. */
  line: number;
  /** 1-based, as the panel shows it. */
  column: number;
}

// The functions passed to waitForFunction run in the page, where the DOM exists. This module is
// compiled without the DOM types, so it declares the little that those functions use.
interface PageElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  textContent: string | null;
  value?: string;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
};

/**
 * Starts Chromium with a fresh profile. Requests to any host but 127.0.0.1 are aborted and
 * listed in `blockedRequests`, and host names other than 127.0.0.1 do not resolve.
 */
export async function launchBrowser(profileFolder: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium package: ` +
        'apt-get install chromium.',
    );
  }
  const context = await chromium.launchPersistentContext(profileFolder, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
    viewport: { width: 1400, height: 900 },
    // Chromium keeps crash reports and dconf settings below these folders, not in the profile.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(profileFolder, 'config'),
      XDG_CACHE_HOME: path.join(profileFolder, 'cache'),
    },
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const blockedRequests: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort();
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blockedRequests };
}

/** A Chromium instance with the one page that shows the workbench. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  blockedRequests: string[];
}

/** Opens the workbench on a folder and then a file of that folder from the Explorer. */
export async function openFile(page: Page, url: string, folder: string, file: string) {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file });
  await row.dblclick();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
}

/**
 * Waits until the problem counts in the status bar equal `expected`, and returns the counts
 * shown then. After STEP_TIMEOUT it returns the counts shown at that moment instead.
 */
export async function waitForProblemCounts(
  page: Page,
  expected: ProblemCounts,
): Promise<ProblemCounts> {
  await waitUntil(
    page,
    (expectedJson) => {
      const expectedCounts = JSON.parse(expectedJson) as ProblemCounts;
      const label = document.querySelector('#status\\.problems')?.getAttribute('aria-label');
      const count = (name: string): number =>
        Number(new RegExp(`${name}: (\\d+)`).exec(label ?? '')?.[1] ?? 0);
      return (
        count('Errors') === expectedCounts.errors &&
        count('Warnings') === expectedCounts.warnings &&
        count('Infos') === expectedCounts.infos
      );
    },
    JSON.stringify(expected),
  );
  const label = await page.locator('#status\\.problems').getAttribute('aria-label');
  return parseProblemCounts(label ?? '');
}

/**
 * Opens the Problems panel, maximised so that every row is rendered, and reads the rows that
 * show diagnostics. Restores the panel size afterwards.
 * NOTE: The panel renders only the rows that fit in it: an estimated 35 rows of 22 pixels in a
 * maximised panel of this window size. With more problems the wait for all rows times out and
 * fewer rows are returned.
 */
export async function readProblems(page: Page): Promise<ProblemRow[]> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.first().waitFor();
  await runCommand(page, 'View: Toggle Maximized Panel');
  try {
    // Each file row states its number of problems, as in "11 problems in file schema.xml".
    await waitUntil(
      page,
      (rowSelector) => {
        let expected = 0;
        let rendered = 0;
        for (const row of document.querySelectorAll(rowSelector)) {
          const fileCount = /^(\d+) problems? in file/.exec(row.getAttribute('aria-label') ?? '');
          expected += Number(fileCount?.[1] ?? 0);
          rendered += row.querySelector('.marker-icon') === null ? 0 : 1;
        }
        return rendered === expected;
      },
      '.markers-panel .monaco-list-row',
    );
    return (await rows.evaluateAll((elements) =>
      elements
        .map((element) => {
          const text = (selector: string): string =>
            element.querySelector(selector)?.textContent?.trim() ?? '';
          const icon = element.querySelector('.marker-icon')?.className ?? '';
          const position = /\[Ln (\d+), Col (\d+)\]/.exec(text('.marker-line'));
          return {
            severity: ['error', 'warning', 'info'].find((name) => icon.includes(name)) ?? '',
            message: text('.marker-message'),
            source: text('.marker-source'),
            code: text('.marker-code'),
            line: Number(position?.[1] ?? 0),
            column: Number(position?.[2] ?? 0),
          };
        })
        .filter((row) => row.severity !== ''),
    )) as ProblemRow[];
  } finally {
    await runCommand(page, 'View: Toggle Maximized Panel');
  }
}

/**
 * Clicks the first Problems row with the diagnostic code `code`, which reveals its range in the
 * editor, and returns the number of error squiggles that the editor then renders.
 */
export async function revealProblem(page: Page, code: string): Promise<number> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const codeLabel = page.locator('.marker-code', { hasText: code });
  await page.locator('.markers-panel .monaco-list-row', { has: codeLabel }).first().click();
  const squiggles = '.editor-instance .view-overlays .squiggly-error';
  await waitUntil(page, (selector) => document.querySelectorAll(selector).length > 0, squiggles);
  return page.locator(squiggles).count();
}

/**
 * Lists the output channels from the "Show Output Channels" picker, picks `channel` and returns
 * the lines that the Output view shows once they match `expected`, or after STEP_TIMEOUT.
 * Returns an empty text when the picker does not list the channel.
 */
export async function readOutputChannel(
  page: Page,
  channel: string,
  expected: RegExp,
): Promise<{ channels: string[]; text: string }> {
  await runCommand(page, 'Output: Show Output Channels...', '');
  const items = page.locator('.quick-input-widget .monaco-list-row');
  const channelItem = items.filter({ hasText: channel }).first();
  try {
    await channelItem.waitFor();
  } catch (error) {
    rethrowUnlessTimeout(error);
  }
  const channels = (await items.allInnerTexts()).map((item) => item.trim());
  if (!channels.includes(channel)) {
    await page.keyboard.press('Escape');
    return { channels, text: '' };
  }
  await channelItem.click();

  await waitUntil(
    page,
    (pattern) => {
      const text = document.querySelector('.output-view .view-lines')?.textContent ?? '';
      return new RegExp(pattern).test(text.replace(/\u00a0/g, ' '));
    },
    expected.source,
  );
  const text = await page.locator('.output-view .view-lines').innerText();
  // Monaco renders spaces as no-break spaces.
  return { channels, text: text.replace(/\u00a0/g, ' ') };
}

/**
 * Selects the word at a 1-based line and column of the active editor and types `text` over it,
 * as a user would.
 */
export async function replaceWordAt(page: Page, line: number, column: number, text: string) {
  await runCommand(page, 'Go to Line/Column...', ':');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await runCommand(page, 'Add Selection to Next Find Match');
  await page.keyboard.type(text);
  // Closes a suggestion list that typing may have opened, without accepting an item.
  await page.keyboard.press('Escape');
}

/** Saves a screenshot of the whole window to a PNG file. */
export async function saveScreenshot(page: Page, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/**
 * Runs a command from the Command Palette by its title. When the command opens a picker of its
 * own, `pickerValue` is the text that picker starts with, and this waits for it to show.
 */
async function runCommand(page: Page, title: string, pickerValue?: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  if (pickerValue === undefined) {
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  } else {
    const opened = await waitUntil(
      page,
      (value) => document.querySelector('.quick-input-widget input')?.value === value,
      pickerValue,
    );
    if (!opened) {
      throw new Error(`The command "${title}" opened no picker with the value "${pickerValue}".`);
    }
  }
}

/**
 * Polls `predicate` in the page every 100 ms until it returns true, and then returns true.
 * Returns false after STEP_TIMEOUT, so that the caller can report what the page shows then.
 */
async function waitUntil(
  page: Page,
  predicate: (arg: string) => boolean,
  arg: string,
): Promise<boolean> {
  try {
    await page.waitForFunction(predicate, arg, { timeout: STEP_TIMEOUT, polling: 100 });
    return true;
  } catch (error) {
    rethrowUnlessTimeout(error);
    return false;
  }
}

function rethrowUnlessTimeout(error: unknown): void {
  if (!(error instanceof Error && error.name === 'TimeoutError')) {
    throw error;
  }
}

function parseProblemCounts(label: string): ProblemCounts {
  const count = (name: string): number =>
    Number(new RegExp(`${name}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos') };
}
