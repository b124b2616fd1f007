// Runs the Neovim 0.7 set-up from docs/language-server.md unchanged in a headless Neovim. A
// command on PATH stands in for a global install of `oxide-webhooks-language-server`. The tests
// check that the set-up starts one server for the XML buffers and shows the example's diagnostics.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  EXAMPLE_APP,
  NVIM_SCRIPTS,
  REPO_ROOT,
  SERVER_PATH,
  checkWithCli,
  runNeovim,
  sharedSession,
} from './neovim-process';

const DOC_PATH = path.join(REPO_ROOT, 'docs', 'language-server.md');
const START_MARKER = '<!-- neovim-0.7-setup:start -->';
const END_MARKER = '<!-- neovim-0.7-setup:end -->';

/** The JSON that nvim/check-setup.lua writes. */
interface SetupResult {
  codes: string[];
  clients: { name: string; files: string[] }[];
}

interface Session {
  result: SetupResult;
  cliCodes: string[];
}

const currentSession = sharedSession('oxide-webhooks-neovim-setup-', runSession);

describe('documented Neovim 0.7 set-up', () => {
  test('one server for XML buffers', () => {
    const { clients } = currentSession().result;
    assert.equal(clients.length, 1, 'LSP clients');
    assert.equal(clients[0].name, 'oxide_webhooks');
    assert.deepEqual([...clients[0].files].sort(), ['application.xml', 'schema.xml']);
  });

  test('diagnostics match the CLI', () => {
    const { result, cliCodes } = currentSession();
    assert.ok(cliCodes.length > 0, 'the example has diagnostics');
    assert.deepEqual([...result.codes].sort(), cliCodes);
  });
});

/**
 * Runs the documented set-up on a copy of the example app, which is the working folder as the
 * set-up's `root_dir` expects, and checks the same app with the CLI.
 */
async function runSession(workFolder: string): Promise<Session> {
  const appFolder = path.join(workFolder, 'app');
  fs.cpSync(EXAMPLE_APP, appFolder, { recursive: true });
  const setupPath = path.join(workFolder, 'setup.lua');
  fs.writeFileSync(setupPath, documentedSetup());
  const binFolder = path.join(workFolder, 'bin');
  writeServerCommand(binFolder);

  const result = runNeovim<SetupResult>({
    workFolder,
    cwd: appFolder,
    args: ['-u', setupPath, 'schema.xml', '-c', 'lua dofile(os.getenv("OXIDE_WEBHOOKS_CHECK"))'],
    env: {
      PATH: `${binFolder}${path.delimiter}${process.env.PATH ?? ''}`,
      OXIDE_WEBHOOKS_CHECK: path.join(NVIM_SCRIPTS, 'check-setup.lua'),
    },
  });
  const cliCodes = (await checkWithCli(appFolder)).map((diagnostic) => diagnostic.code).sort();
  return { result, cliCodes };
}

/** Returns the Lua code block between the set-up markers of the language server guide. */
function documentedSetup(): string {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  assert.notEqual(start, -1, `${DOC_PATH} has no ${START_MARKER}`);
  assert.ok(end > start, `${DOC_PATH} has no ${END_MARKER} after the start marker`);
  const block = /```lua\n([\s\S]*?)```/.exec(doc.slice(start, end));
  assert.ok(block !== null, 'no ```lua block between the set-up markers');
  return block[1];
}

/** Writes an `oxide-webhooks-language-server` command that runs the bundled server. */
function writeServerCommand(binFolder: string): void {
  fs.mkdirSync(binFolder, { recursive: true });
  const command = path.join(binFolder, 'oxide-webhooks-language-server');
  const exec = `exec ${shellQuote(process.execPath)} ${shellQuote(SERVER_PATH)} "$@"`;
  fs.writeFileSync(command, `#!/bin/sh\n${exec}\n`, { mode: 0o755 });
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
