// Runs a real Neovim (0.7 or later, headless, no plugins) with test-editors/nvim/init.lua, which
// starts the bundled language server through Neovim's built-in LSP client, and compares what the
// editor received with the output of `oxide-webhooks check --format json` for the same files.
// Run it with `npm run test:neovim`. It is not part of `npm test`.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  EXAMPLE_APP,
  NVIM_SCRIPTS,
  SERVER_PATH,
  checkWithCli,
  runNeovim,
  sharedSession,
  type ComparedDiagnostic,
  type Position,
  type Range,
} from './neovim-process';

/** The JSON that init.lua writes. */
interface NeovimResult {
  neovim: string;
  error?: string;
  diagnostics: ComparedDiagnostic[];
  completion: { position: Position; labels: string[]; words: string[] };
  hover: { position: Position; markdown: string; lines: number };
  edit: {
    range: Range;
    newText: string;
    version: number;
    didChange: {
      textDocument: { uri: string; version: number };
      contentChanges: { range?: Range; text: string }[];
    }[];
    diagnostics: ComparedDiagnostic[];
  };
  serverExit: { code: number; signal: number };
}

/** What one Neovim session received, next to the CLI's output for the same files. */
interface Session {
  schemaText: string;
  result: NeovimResult;
  cliDiagnostics: ComparedDiagnostic[];
  cliDiagnosticsAfterEdit: ComparedDiagnostic[];
}

const currentSession = sharedSession('oxide-webhooks-neovim-', runSession);

describe('Neovim LSP client', () => {
  test('diagnostics match the CLI', () => {
    const { result, cliDiagnostics } = currentSession();
    assert.ok(cliDiagnostics.length > 0, 'the example has diagnostics');
    assert.deepEqual(sortDiagnostics(result.diagnostics), sortDiagnostics(cliDiagnostics));
  });

  test('completion in type value', () => {
    const { result, schemaText } = currentSession();
    const typeValue = positionOf(schemaText, '<webhook type="');
    typeValue.character += '<webhook type="'.length;
    assert.deepEqual(result.completion.position, typeValue);
    assert.deepEqual([...result.completion.labels].sort(), ['ready', 'update']);
    assert.deepEqual([...result.completion.words].sort(), ['ready', 'update']);
  });

  test('hover on webhook tag', () => {
    const { result, schemaText } = currentSession();
    const tagName = positionOf(schemaText, '<webhook');
    tagName.character += 1;
    assert.deepEqual(result.hover.position, tagName);
    assert.ok(result.hover.markdown.trim().length > 0, 'hover markdown is empty');
    assert.ok(result.hover.lines > 0, "Neovim's hover window would be empty");
    // The first webhook of the example is "asset_changed".
    assert.match(result.hover.markdown, /asset_changed/);
  });

  test('edit is sent incrementally', () => {
    const { didChange, range, newText, version } = currentSession().result.edit;
    assert.equal(didChange.length, 1, 'didChange notifications');
    assert.equal(didChange[0].textDocument.version, version);
    const changes = didChange[0].contentChanges;
    assert.equal(changes.length, 1, 'content changes');
    // A full-text change would have no range and the whole document as its text.
    assert.deepEqual(changes[0].range, range);
    assert.equal(changes[0].text, newText);
  });

  test('edit removes fixed diagnostic', () => {
    const { result, cliDiagnosticsAfterEdit } = currentSession();
    const fixed = 'webhook-type-invalid';
    assert.ok(codesOf(result.diagnostics).includes(fixed), `${fixed} before the edit`);
    assert.ok(!codesOf(result.edit.diagnostics).includes(fixed), `${fixed} after the edit`);
    assert.deepEqual(
      sortDiagnostics(result.edit.diagnostics),
      sortDiagnostics(cliDiagnosticsAfterEdit),
    );
  });

  test('server exits cleanly', () => {
    assert.deepEqual(currentSession().result.serverExit, { code: 0, signal: 0 });
  });
});

/** Runs init.lua on a copy of the example app and checks the same files with the CLI. */
async function runSession(workFolder: string): Promise<Session> {
  const appFolder = path.join(workFolder, 'app');
  fs.cpSync(EXAMPLE_APP, appFolder, { recursive: true });
  const schemaPath = path.join(appFolder, 'schema.xml');
  const schemaText = fs.readFileSync(schemaPath, 'utf8');

  const result = runNeovim<NeovimResult>({
    workFolder,
    args: ['-u', path.join(NVIM_SCRIPTS, 'init.lua')],
    env: {
      OXIDE_WEBHOOKS_NVIM_SCHEMA: schemaPath,
      OXIDE_WEBHOOKS_SERVER: SERVER_PATH,
      OXIDE_WEBHOOKS_NODE: process.execPath,
    },
  });
  const cliDiagnostics = await checkWithCli(appFolder);

  // The same edit, applied on disk to a second copy, gives the diagnostics to expect after it.
  const editedFolder = path.join(workFolder, 'edited');
  fs.cpSync(EXAMPLE_APP, editedFolder, { recursive: true });
  const editedText = applyEdit(schemaText, result.edit.range, result.edit.newText);
  fs.writeFileSync(path.join(editedFolder, 'schema.xml'), editedText);
  const cliDiagnosticsAfterEdit = await checkWithCli(editedFolder);

  return { schemaText, result, cliDiagnostics, cliDiagnosticsAfterEdit };
}

function sortDiagnostics(diagnostics: ComparedDiagnostic[]): ComparedDiagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}

function codesOf(diagnostics: ComparedDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

/** Returns the LSP position of the first occurrence of `search` in LF-separated text. */
function positionOf(text: string, search: string): Position {
  const offset = text.indexOf(search);
  assert.ok(offset >= 0, `"${search}" not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Replaces a single-line range of LF-separated text, with characters counted in UTF-16 units. */
function applyEdit(text: string, range: Range, newText: string): string {
  assert.equal(range.start.line, range.end.line, 'the edit spans one line');
  const lines = text.split('\n');
  const line = lines[range.start.line];
  lines[range.start.line] =
    line.slice(0, range.start.character) + newText + line.slice(range.end.character);
  return lines.join('\n');
}
