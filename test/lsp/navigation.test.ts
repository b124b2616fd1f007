import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionKind,
  ErrorCodes,
  SymbolKind,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type Range,
  type ResponseError,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { LineIndex } from '../../server/src/analysis/text';
import { navigationCapabilities } from '../../server/src/handlers/navigation';
import { applyEdits } from '../helpers/markers';
import { LspTestClient } from '../helpers/lsp-client';

const SCHEMA = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <field name="photo" label="Photo" type="photo"/>
    <belongs-to model="user"/>
    <webhook type="Ready" name="asset_ready">
      <field name="photo" state="uploaded"/>
    </webhook>
    <display>{name}</display>
    <webhook type="update" name="asset_update" receiver="cloudcode" action="sync">
      <field name="photo"/>
    </webhook>
  </model>
  <model name="user" label="User">
    <field name="name" label="Name" type="text"/>
  </model>
</data-model>
`;

let appFolder: string;
let client: LspTestClient;
let version = 1;

before(async () => {
  appFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'oxide-webhooks-navigation-'));
  const tasks = path.join(appFolder, 'cloudcode');
  await fs.mkdir(path.join(tasks, 'sync'), { recursive: true });
  await fs.writeFile(path.join(tasks, 'sync', 'index.ts'), 'export async function run() {}\n');
  await fs.writeFile(path.join(tasks, 'sync', 'package.json'), '{}\n');
  await fs.mkdir(path.join(tasks, 'notify'));
  await fs.writeFile(path.join(tasks, 'notify', 'package.json'), '{}\n');
  await fs.mkdir(path.join(tasks, 'draft'));
  client = await LspTestClient.start();
});

after(async () => {
  try {
    assert.equal(await client.stop(), 0, 'server exit code');
  } finally {
    client.kill();
    await fs.rm(appFolder, { recursive: true, force: true });
  }
});

/** Opens `text` as a new document in the app folder and waits for its diagnostics. */
async function open(
  name: string,
  text: string,
): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = URI.file(path.join(appFolder, name)).toString();
  await client.open(uri, text, version++);
  const published = await client.nextDiagnostics(uri);
  return { uri, diagnostics: published.diagnostics };
}

function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let start = -1;
  for (let count = 0; count <= occurrence; count++) {
    start = text.indexOf(needle, start + 1);
    assert.notEqual(start, -1, `"${needle}" occurs ${occurrence + 1} times in the text`);
  }
  return new LineIndex(text).rangeOf({ start, end: start + needle.length });
}

/** Returns a position one character into the occurrence of `needle`. */
function inside(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  const { start } = rangeOf(text, needle, occurrence);
  return { line: start.line, character: start.character + 1 };
}

function editsFor(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  assert.ok(edit?.changes !== undefined, 'the edit has changes');
  assert.deepEqual(Object.keys(edit.changes), [uri]);
  return edit.changes[uri];
}

describe('capabilities', () => {
  test('server advertises navigation', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.codeActionProvider, {
      codeActionKinds: [CodeActionKind.QuickFix],
    });
    assert.equal(capabilities?.documentSymbolProvider, true);
    assert.equal(capabilities?.definitionProvider, true);
    assert.equal(capabilities?.referencesProvider, true);
    assert.equal(
      capabilities?.renameProvider,
      true,
      'the test client does not declare prepareSupport',
    );
  });

  test('prepare rename follows the client', () => {
    const withPrepare = navigationCapabilities({
      textDocument: { rename: { prepareSupport: true } },
    });
    assert.deepEqual(withPrepare.renameProvider, { prepareProvider: true });
    assert.equal(navigationCapabilities({}).renameProvider, true);
  });
});

describe('quick fixes over LSP', () => {
  test('fix applies and clears the diagnostic', async () => {
    const { uri, diagnostics } = await open('fix.xml', SCHEMA);
    const typeDiagnostic = diagnostics.find((item) => item.code === 'webhook-type-invalid');
    assert.ok(typeDiagnostic !== undefined, JSON.stringify(diagnostics));

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: typeDiagnostic.range,
      context: { diagnostics: [typeDiagnostic] },
    });
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Change type to "ready"'],
    );
    const [action] = actions;
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [typeDiagnostic]);

    const fixed = applyEdits(SCHEMA, editsFor(action.edit, uri));
    assert.equal(fixed, SCHEMA.replace('type="Ready"', 'type="ready"'));
    await client.change(uri, version++, [{ text: fixed }]);
    const published = await client.nextDiagnostics(uri);
    assert.deepEqual(
      published.diagnostics.map((item) => item.code),
      ['webhook-not-last'],
    );
  });

  test('move keeps CRLF and tabs', async () => {
    const text = SCHEMA.replace('type="Ready"', 'type="ready"')
      .replace(/ {2}/g, '\t')
      .replace(/\n/g, '\r\n');
    const { uri, diagnostics } = await open('move.xml', text);
    assert.deepEqual(
      diagnostics.map((item) => item.code),
      ['webhook-not-last'],
    );

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: diagnostics[0].range.start, end: diagnostics[0].range.start },
      context: { diagnostics },
    });
    assert.equal(actions.length, 1);
    const moved = applyEdits(text, editsFor(actions[0].edit, uri));
    // The webhook's lines move after the model's last child, the second webhook.
    const webhook = text.slice(
      text.indexOf('\t\t<webhook type="ready"'),
      text.indexOf('\t\t<display>'),
    );
    const end = '\t\t</webhook>\r\n\t</model>';
    const expected = text
      .replace(webhook, '')
      .replace(end, end.replace('\t</model>', `${webhook}\t</model>`));
    assert.equal(moved, expected);
  });

  test('fix at the end of a half-typed file', async () => {
    const text = '<data-model>\n  <model name="asset">\n    <webhook name="a"';
    const { uri, diagnostics } = await open('half-typed.xml', text);
    const missing = diagnostics.filter((item) => item.code === 'webhook-type-missing');
    assert.equal(missing.length, 1, JSON.stringify(diagnostics));

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing[0].range,
      context: { diagnostics },
    });
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Add type="ready"', 'Add type="update"'],
    );
    const fixed = applyEdits(text, editsFor(actions[0].edit, uri));
    assert.equal(fixed, text.replace('<webhook ', '<webhook type="ready" '));
  });

  test('stale diagnostic gets no fix', async () => {
    const { uri, diagnostics } = await open('stale.xml', SCHEMA);
    const typeDiagnostic = diagnostics.find((item) => item.code === 'webhook-type-invalid')!;
    const moved = { ...typeDiagnostic, range: rangeOf(SCHEMA, 'asset_ready') };

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: moved.range,
      context: { diagnostics: [moved] },
    });
    assert.deepEqual(actions, []);
  });

  test('other requested kinds get none', async () => {
    const { uri, diagnostics } = await open('kinds.xml', SCHEMA);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: [CodeActionKind.Refactor] },
    });
    assert.deepEqual(actions, []);
  });

  test('missing action offers app tasks', async () => {
    const text = SCHEMA.replace(' action="sync"', '');
    const { uri, diagnostics } = await open('tasks.xml', text);
    const missing = diagnostics.filter((item) => item.code === 'webhook-action-missing');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing[0].range,
      context: { diagnostics: missing },
    });
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Add action="draft"', 'Add action="notify"', 'Add action="sync"'],
    );
  });
});

describe('navigation over LSP', () => {
  test('document symbols are hierarchical', async () => {
    const { uri } = await open('symbols.xml', SCHEMA);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.kind]),
      [
        ['asset', SymbolKind.Class],
        ['user', SymbolKind.Class],
      ],
    );
    const webhook = symbols[0].children![3];
    assert.equal(webhook.name, 'asset_ready');
    assert.equal(webhook.kind, SymbolKind.Event);
    assert.deepEqual(webhook.selectionRange, rangeOf(SCHEMA, 'asset_ready'));
    assert.deepEqual(
      webhook.children!.map((child) => [child.name, child.kind]),
      [['photo', SymbolKind.Property]],
    );
  });

  test('definition of a condition', async () => {
    const { uri } = await open('definition.xml', SCHEMA);
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: inside(SCHEMA, 'photo" state'),
    });
    assert.deepEqual(locations, [{ uri, range: rangeOf(SCHEMA, 'photo') }]);
  });

  test('definition of CloudCode tasks', async () => {
    const cases: [string, string | undefined][] = [
      ['sync', path.join('sync', 'index.ts')],
      ['notify', path.join('notify', 'package.json')],
      ['draft', 'draft'],
      ['missing', undefined],
      ['../sync', undefined],
    ];
    for (const [index, [task, target]] of cases.entries()) {
      const text = SCHEMA.replace('action="sync"', `action="${task}"`);
      const { uri } = await open(`task-${index}.xml`, text);
      const locations = await client.request<Location[]>('textDocument/definition', {
        textDocument: { uri },
        position: inside(text, `${task}"`),
      });
      const expected =
        target === undefined
          ? []
          : [
              {
                uri: URI.file(path.join(appFolder, 'cloudcode', target)).toString(),
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              },
            ];
      assert.deepEqual(locations, expected, task);
    }
  });

  test('definition while typing, CRLF and emoji', async () => {
    const text = [
      '<data-model>',
      '  <model name="asset" label="📷 Assets">',
      '    <field label="📷 Photo" name="photo" type="photo"/>',
      '    <webhook type="ready" name="a">',
      '      <!-- 🚀 --><field name="photo"/>',
      '      <field name="',
    ].join('\r\n');
    const { uri } = await open('typing.xml', text);
    const locations = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      // The first `photo"/>` is the field's type, the second is the condition.
      position: inside(text, 'photo"/>', 1),
    });
    assert.deepEqual(locations, [{ uri, range: rangeOf(text, 'photo') }]);
  });

  test('references with declaration', async () => {
    const { uri } = await open('references.xml', SCHEMA);
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: inside(SCHEMA, 'photo" label'),
      context: { includeDeclaration: true },
    });
    // The occurrences of "photo" are the field's name, its type and the two conditions.
    const expected = [0, 2, 3].map((occurrence) => ({
      uri,
      range: rangeOf(SCHEMA, 'photo', occurrence),
    }));
    assert.deepEqual(locations, expected);
  });

  test('prepare rename and rename', async () => {
    const { uri } = await open('rename.xml', SCHEMA);
    const position = inside(SCHEMA, 'photo" state');
    const prepared = await client.request<{ range: Range; placeholder: string }>(
      'textDocument/prepareRename',
      {
        textDocument: { uri },
        position,
      },
    );
    assert.deepEqual(prepared, { range: rangeOf(SCHEMA, 'photo', 2), placeholder: 'photo' });

    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position,
      newName: 'picture',
    });
    assert.equal(
      applyEdits(SCHEMA, editsFor(edit, uri)),
      SCHEMA.replace(/name="photo"/g, 'name="picture"'),
    );
  });

  test('rejected rename returns the reason', async () => {
    const { uri } = await open('rename-rejected.xml', SCHEMA);
    const prepared = await client.request<unknown>('textDocument/prepareRename', {
      textDocument: { uri },
      position: inside(SCHEMA, 'asset_ready'),
    });
    assert.equal(prepared, null);

    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri },
        position: inside(SCHEMA, 'photo" label'),
        newName: 'name',
      }),
      /Model "asset" already has a field or relationship named "name"\./,
    );
  });

  test('rename rejects a non-string newName', async () => {
    const { uri } = await open('rename-invalid.xml', SCHEMA);
    const position = inside(SCHEMA, 'photo" state');
    const cases: Array<{ newName: unknown; message: string }> = [
      { newName: null, message: 'Invalid newName null. The new name must be a string.' },
      { newName: 42, message: 'Invalid newName 42. The new name must be a string.' },
      {
        newName: ['picture'],
        message: 'Invalid newName ["picture"]. The new name must be a string.',
      },
      { newName: undefined, message: 'Missing newName. The new name must be a string.' },
    ];

    for (const { newName, message } of cases) {
      await assert.rejects(
        client.request('textDocument/rename', { textDocument: { uri }, position, newName }),
        (error: ResponseError<unknown>) => {
          assert.equal(error.code, ErrorCodes.InvalidParams, `code for ${String(newName)}`);
          assert.equal(error.message, message);
          return true;
        },
      );
    }
  });

  test('unopened document gets empty answers', async () => {
    const uri = URI.file(path.join(appFolder, 'closed.xml')).toString();
    const position = { line: 0, character: 0 };
    assert.deepEqual(
      await client.request('textDocument/documentSymbol', { textDocument: { uri } }),
      [],
    );
    assert.deepEqual(
      await client.request('textDocument/definition', { textDocument: { uri }, position }),
      [],
    );
    assert.equal(
      await client.request('textDocument/rename', {
        textDocument: { uri },
        position,
        newName: 'x',
      }),
      null,
    );
  });
});
