import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CompletionItemKind,
  CompletionTriggerKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type MarkupContent,
  type Position,
  type TextEdit,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { applyEdits, cursorOf, parseMarkers } from '../helpers/markers';
import { LspTestClient } from '../helpers/lsp-client';
import { expandSnippet } from '../helpers/snippets';

// Documents mark the cursor with `|`. Each test opens its own document in one shared server.
const HEAD = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <field name="photo" label="Photo" type="photo"/>
    <belongs-to model="user"/>
`;
const TAIL = '  </model>\n</data-model>\n';

let appFolder: string;
let client: LspTestClient;
let documentCount = 0;

before(async () => {
  appFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'oxide-webhooks-editing-'));
  await fs.mkdir(path.join(appFolder, 'cloudcode', 'sync_asset'), { recursive: true });
  client = await LspTestClient.start();
});

after(async () => {
  try {
    assert.equal(await client.stop(), 0, 'server exit code');
  } finally {
    await fs.rm(appFolder, { recursive: true, force: true });
  }
});

/** Opens the text without its cursor marker as a new document and returns its URI and the cursor. */
async function open(marked: string): Promise<{ uri: string; text: string; position: Position }> {
  const parsed = parseMarkers(marked);
  documentCount++;
  const uri = URI.file(path.join(appFolder, `schema-${documentCount}.xml`)).toString();
  await client.open(uri, parsed.text);
  return { uri, text: parsed.text, position: cursorOf(parsed) };
}

async function completionsAt(marked: string, triggerCharacter?: string): Promise<CompletionItem[]> {
  const { uri, position } = await open(marked);
  return requestCompletions(uri, position, triggerCharacter);
}

async function requestCompletions(
  uri: string,
  position: Position,
  triggerCharacter?: string,
): Promise<CompletionItem[]> {
  const context =
    triggerCharacter === undefined
      ? { triggerKind: CompletionTriggerKind.Invoked }
      : { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter };
  const result = await client.request<CompletionItem[] | CompletionList | null>(
    'textDocument/completion',
    { textDocument: { uri }, position, context },
  );
  return result === null ? [] : Array.isArray(result) ? result : result.items;
}

async function hoverAt(marked: string): Promise<Hover | null> {
  const { uri, position } = await open(marked);
  return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
}

/** Returns the text after accepting `item`, with every snippet default taken. */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
  return applyEdits(text, [
    { range: edit.range, newText: snippet ? expandSnippet(edit.newText) : edit.newText },
  ]);
}

describe('editing capabilities', () => {
  test('completion and hover advertised', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.completionProvider?.triggerCharacters, [
      '<',
      '/',
      ' ',
      '"',
      '=',
    ]);
    assert.equal(capabilities?.hoverProvider, true);
  });
});

describe('completion over LSP', () => {
  test('webhook snippet after a less than sign', async () => {
    const marked = `${HEAD}    <|\n${TAIL}`;
    const items = await completionsAt(marked, '<');
    assert.deepEqual(
      items.map((item) => item.label),
      ['webhook', 'webhook with CloudCode task'],
    );
    const [webhook] = items;
    assert.equal(webhook.kind, CompletionItemKind.Snippet);
    assert.equal(webhook.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(webhook.insertTextMode, InsertTextMode.asIs);
    assert.equal((webhook.documentation as MarkupContent).kind, MarkupKind.Markdown);
    assert.equal(
      accept(parseMarkers(marked).text, webhook),
      `${HEAD}    <webhook type="ready" name="asset_ready">\n      \n    </webhook>\n${TAIL}`,
    );
  });

  test('attribute names at the end of the file', async () => {
    const items = await completionsAt(`${HEAD}    <webhook |`, ' ');
    assert.deepEqual(
      items.map((item) => item.label),
      ['type', 'name', 'receiver'],
    );
    assert.equal(items[0].kind, CompletionItemKind.Property);
    assert.equal(items[0].command?.command, 'editor.action.triggerSuggest');
  });

  test('type value without a closing quote', async () => {
    const marked = `${HEAD}    <webhook type="rea|`;
    const items = await completionsAt(marked);
    const ready = items.find((item) => item.label === 'ready');
    assert.ok(ready);
    assert.equal(ready.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(accept(parseMarkers(marked).text, ready), `${HEAD}    <webhook type="ready"`);
  });

  test('field in an unclosed webhook with CRLF', async () => {
    const marked = `${HEAD}    <webhook type="ready">\n      <!-- 📷 -->|\n${TAIL}`.replace(
      /\n/g,
      '\r\n',
    );
    const items = await completionsAt(marked);
    assert.deepEqual(
      items.map((item) => item.label),
      ['field'],
    );
  });

  test('CloudCode tasks from the app folder', async () => {
    const items = await completionsAt(
      `${HEAD}    <webhook type="ready" receiver="cloudcode" action="|"/>\n${TAIL}`,
    );
    assert.deepEqual(
      items.map((item) => item.label),
      ['sync_asset'],
    );
  });

  test('trigger that fits nowhere returns nothing', async () => {
    assert.deepEqual(
      await completionsAt(`${HEAD}    <display>{name} |</display>\n${TAIL}`, ' '),
      [],
    );
  });

  test('completion after an incremental change', async () => {
    const { uri } = await open(`${HEAD}    |\n${TAIL}`);
    const position = { line: 5, character: 4 };
    const inserted = '<webhook type="ready">\n      ';
    await client.change(uri, 2, [{ range: { start: position, end: position }, text: inserted }]);
    const items = await requestCompletions(uri, { line: 6, character: 6 });
    assert.deepEqual(
      items.map((item) => item.label),
      ['field'],
    );
  });
});

describe('hover over LSP', () => {
  test('webhook tag as Markdown', async () => {
    const found = await hoverAt(
      `${HEAD}    <web|hook type="ready" name="a">\n      <field name="photo" state="uploaded"/>\n    </webhook>\n${TAIL}`,
    );
    assert.ok(found);
    const contents = found.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);
    assert.match(contents.value, /Fires once, when photo is uploaded\./);
    assert.deepEqual(found.range, {
      start: { line: 5, character: 5 },
      end: { line: 5, character: 12 },
    });
  });

  test('condition name value', async () => {
    const found = await hoverAt(
      `${HEAD}    <webhook type="ready">\n      <field name="us|er"/>\n    </webhook>\n${TAIL}`,
    );
    assert.match(
      (found?.contents as MarkupContent).value,
      /belongs-to relationship to model `user`/,
    );
  });

  test('no hover outside webhooks', async () => {
    assert.equal(
      await hoverAt(`${HEAD.replace('<field name="name"', '<fi|eld name="name"')}${TAIL}`),
      null,
    );
  });
});
