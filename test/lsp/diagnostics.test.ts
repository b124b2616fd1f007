import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { DiagnosticSeverity, FileChangeType, type Range } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { LineIndex } from '../../server/src/analysis/text';
import { LspTestClient, type StartOptions } from '../helpers/lsp-client';

const SOURCE = 'oxide-webhooks';

const INVALID_TYPE = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <field name="photo" label="Photo" type="photo"/>
    <webhook type="created" name="asset_ready">
      <field name="photo" state="uploaded"/>
    </webhook>
  </model>
</data-model>
`;

const TWO_VALID_MODELS = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <webhook type="ready" name="asset_ready"/>
  </model>
  <model name="site" label="Site">
    <field name="name" label="Name" type="text"/>
    <webhook type="update" name="site_update"/>
  </model>
</data-model>
`;

const CLOUD_CODE_WEBHOOK = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <webhook type="ready" name="asset_ready" receiver="cloudcode" action="nope"/>
  </model>
</data-model>
`;

const temporaryFolders: string[] = [];

after(async () => {
  await Promise.all(
    temporaryFolders.map((folder) => fs.rm(folder, { recursive: true, force: true })),
  );
});

describe('diagnostics over stdio', () => {
  test('open reports an invalid webhook type', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 1);
      assert.equal(published.diagnostics.length, 1);
      const [diagnostic] = published.diagnostics;
      assert.equal(diagnostic.code, 'webhook-type-invalid');
      assert.deepEqual(diagnostic.range, rangeOf(INVALID_TYPE, 'created'));
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.equal(diagnostic.source, SOURCE);
      assert.match(diagnostic.message, /"created"/);
    });
  });

  test('incremental fix publishes an empty list', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);

      await client.change(uri, 2, [{ range: rangeOf(INVALID_TYPE, 'created'), text: 'ready' }]);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 2);
      assert.deepEqual(published.diagnostics, []);
    });
  });

  test('mistake in another model is published', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, TWO_VALID_MODELS);
      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);

      const edited = TWO_VALID_MODELS.replace(
        'type="update"',
        'type="update" receiver="email" action="notify"',
      );
      const insertAt = new LineIndex(TWO_VALID_MODELS).positionAt(
        TWO_VALID_MODELS.indexOf('type="update"') + 'type="update"'.length,
      );
      await client.change(uri, 2, [
        { range: { start: insertAt, end: insertAt }, text: ' receiver="email" action="notify"' },
      ]);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 2);
      assert.deepEqual(
        published.diagnostics.map((diagnostic) => diagnostic.code),
        ['webhook-receiver-invalid'],
      );
      assert.deepEqual(published.diagnostics[0].range, rangeOf(edited, 'email'));
    });
  });

  test('changes in one notification apply in order', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);
      await client.nextDiagnostics(uri);

      // The second range refers to the text after the first change, which adds a line.
      const comment = '<!-- assets -->\n';
      const afterComment = comment + INVALID_TYPE;
      await client.change(uri, 2, [
        { range: rangeOf(INVALID_TYPE, '<data-model>'), text: comment + '<data-model>' },
        { range: rangeOf(afterComment, 'created'), text: 'update' },
      ]);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 2);
      assert.deepEqual(published.diagnostics, []);
    });
  });

  test('full text change replaces the document', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, TWO_VALID_MODELS);
      await client.nextDiagnostics(uri);

      await client.change(uri, 2, [{ text: INVALID_TYPE }]);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 2);
      assert.deepEqual(
        published.diagnostics.map((diagnostic) => diagnostic.range),
        [rangeOf(INVALID_TYPE, 'created')],
      );
    });
  });

  test('close clears diagnostics', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);

      await client.close(uri);

      const published = await client.nextDiagnostics(uri);
      assert.deepEqual(published.diagnostics, []);
      assert.equal(published.version, undefined);
    });
  });

  test('deleted file clears diagnostics', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml', INVALID_TYPE);
      await client.open(uri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);

      await fs.rm(URI.parse(uri).fsPath);
      await client.changeWatchedFiles([{ uri, type: FileChangeType.Deleted }]);

      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    });
  });

  test('renamed file clears the old URI', async () => {
    await withServer({}, async (client) => {
      const oldUri = await fileUri('schema.xml', INVALID_TYPE);
      await client.open(oldUri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(oldUri)).diagnostics.length, 1);

      const newPath = path.join(path.dirname(URI.parse(oldUri).fsPath), 'renamed.xml');
      await fs.rename(URI.parse(oldUri).fsPath, newPath);
      const newUri = URI.file(newPath).toString();
      await client.changeWatchedFiles([
        { uri: oldUri, type: FileChangeType.Deleted },
        { uri: newUri, type: FileChangeType.Created },
      ]);

      assert.deepEqual((await client.nextDiagnostics(oldUri)).diagnostics, []);
      await client.open(newUri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(newUri)).diagnostics.length, 1);
    });
  });

  test('rapid changes end with the last version', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, TWO_VALID_MODELS);
      await client.nextDiagnostics(uri);

      // Each version sets the first webhook's type to a different invalid value.
      let text = TWO_VALID_MODELS;
      let value = 'ready';
      const lastVersion = 21;
      for (let version = 2; version <= lastVersion; version++) {
        const next = `typo${version}`;
        await client.change(uri, version, [{ range: rangeOf(text, value), text: next }]);
        text = text.replace(`type="${value}"`, `type="${next}"`);
        value = next;
      }

      const versions: number[] = [];
      let published = await client.nextDiagnostics(uri);
      versions.push(published.version!);
      while (published.version !== lastVersion) {
        published = await client.nextDiagnostics(uri);
        versions.push(published.version!);
      }
      assert.deepEqual(
        versions,
        [...versions].sort((a, b) => a - b),
        'versions arrive in increasing order',
      );
      assert.equal(new Set(versions).size, versions.length, 'no version is published twice');
      assert.equal(published.diagnostics.length, 1);
      assert.deepEqual(published.diagnostics[0].range, rangeOf(text, `typo${lastVersion}`));
      assert.match(published.diagnostics[0].message, new RegExp(`"typo${lastVersion}"`));

      // The close's empty list must be the next publish: no older result arrives late.
      await client.close(uri);
      const cleared = await client.nextDiagnostics(uri);
      assert.equal(cleared.version, undefined);
      assert.deepEqual(cleared.diagnostics, []);
    });
  });

  test('non-data-model XML gets an empty list', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('pom.xml');
      await client.open(uri, '<project>\n  <webhook type="created"/>\n</project>\n');

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.version, 1);
      assert.deepEqual(published.diagnostics, []);
    });
  });
});

describe('CloudCode tasks', () => {
  test('unknown task warns until its folder exists', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml', CLOUD_CODE_WEBHOOK, ['persistor']);
      await client.open(uri, CLOUD_CODE_WEBHOOK);

      const published = await client.nextDiagnostics(uri);
      assert.equal(published.diagnostics.length, 1);
      const [diagnostic] = published.diagnostics;
      assert.equal(diagnostic.code, 'webhook-action-unknown-task');
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(diagnostic.range, rangeOf(CLOUD_CODE_WEBHOOK, 'nope'));
      assert.match(diagnostic.message, /"persistor"/);

      const appFolder = path.dirname(URI.parse(uri).fsPath);
      const taskFolder = path.join(appFolder, 'cloudcode', 'nope');
      await fs.mkdir(taskFolder);
      await client.changeWatchedFiles([
        { uri: URI.file(taskFolder).toString(), type: FileChangeType.Created },
      ]);

      const revalidated = await client.nextDiagnostics(uri);
      assert.equal(revalidated.version, 1);
      assert.deepEqual(revalidated.diagnostics, []);
    });
  });

  test('deleted task folder warns again', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml', CLOUD_CODE_WEBHOOK, ['nope']);
      await client.open(uri, CLOUD_CODE_WEBHOOK);
      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);

      const taskFolder = path.join(path.dirname(URI.parse(uri).fsPath), 'cloudcode', 'nope');
      await fs.rm(taskFolder, { recursive: true });
      await client.changeWatchedFiles([
        {
          uri: URI.file(path.join(taskFolder, 'package.json')).toString(),
          type: FileChangeType.Deleted,
        },
      ]);

      const published = await client.nextDiagnostics(uri);
      assert.deepEqual(
        published.diagnostics.map((diagnostic) => diagnostic.code),
        ['webhook-action-unknown-task'],
      );
    });
  });

  test('app without cloudcode folder skips the check', async () => {
    await withServer({}, async (client) => {
      const uri = await fileUri('schema.xml', CLOUD_CODE_WEBHOOK);
      await client.open(uri, CLOUD_CODE_WEBHOOK);

      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    });
  });

  test('untitled document skips the check', async () => {
    await withServer({}, async (client) => {
      const uri = 'untitled:Untitled-1';
      await client.open(uri, CLOUD_CODE_WEBHOOK);

      assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    });
  });
});

describe('server robustness', () => {
  test('change to an unopened document is logged', async () => {
    await withServer({}, async (client) => {
      const unknown = 'file:///nowhere/schema.xml';
      await client.change(unknown, 2, [{ text: INVALID_TYPE }]);

      const logged = await client.nextLogMessage((message) => message.message.includes(unknown));
      assert.equal(logged.type, 1, 'logged as an error');
      assert.match(logged.message, /^Failed to apply document changes for file:\/\/\/nowhere/);

      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);
      assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);
      assert.ok(client.running);
    });
  });

  test('start logs a version banner', async () => {
    await withServer({}, async (client) => {
      const banner = await client.nextLogMessage((message) => message.message.includes('started'));
      assert.match(banner.message, /^oxide-webhooks-language-server \d+\.\d+\.\d+ started/);
      assert.equal(client.initializeResult?.serverInfo?.name, 'oxide-webhooks-language-server');
    });
  });

  test('server registers file watchers', async () => {
    await withServer({}, async (client) => {
      const methods = await registeredMethods(client);
      assert.deepEqual(methods, [
        'workspace/didChangeConfiguration',
        'workspace/didChangeWatchedFiles',
      ]);
    });
  });

  test('client-side watchers skip registration', async () => {
    await withServer({ initializationOptions: { registerFileWatchers: false } }, async (client) => {
      const methods = await registeredMethods(client);
      assert.deepEqual(methods, ['workspace/didChangeConfiguration']);
    });
  });

  test('invalid delay setting is logged', async () => {
    await withServer({ settings: { validation: { delay: 'soon' } } }, async (client) => {
      const logged = await client.nextLogMessage((message) => message.message.includes('delay'));
      assert.equal(logged.type, 2, 'logged as a warning');
      assert.match(logged.message, /"soon"/);
    });
  });

  test('node-ipc transport publishes diagnostics', async () => {
    await withServer({ transport: 'node-ipc' }, async (client) => {
      const uri = await fileUri('schema.xml');
      await client.open(uri, INVALID_TYPE);

      const published = await client.nextDiagnostics(uri);
      assert.deepEqual(
        published.diagnostics.map((diagnostic) => diagnostic.code),
        ['webhook-type-invalid'],
      );
    });
  });
});

/** Starts a server, runs `body`, then shuts the server down and checks its exit and stdout. */
async function withServer(
  options: StartOptions,
  body: (client: LspTestClient) => Promise<void>,
): Promise<void> {
  const client = await LspTestClient.start(options);
  try {
    await body(client);
  } catch (error) {
    client.kill();
    throw error;
  }
  assert.equal(await client.stop(), 0, 'server exit code');
}

/**
 * Returns the methods the server registered, in order. Reads server requests until the
 * server requests its settings with `workspace/configuration`, which it does after registering.
 */
async function registeredMethods(client: LspTestClient): Promise<string[]> {
  const methods: string[] = [];
  let request = await client.nextServerRequest();
  while (request.method === 'client/registerCapability') {
    if ('registrations' in request.params) {
      methods.push(...request.params.registrations.map((registration) => registration.method));
    }
    request = await client.nextServerRequest();
  }
  return methods;
}

/**
 * Returns the `file:` URI of `name` in a new temporary app folder. Writes the file when
 * `text` is given, and creates `cloudcode/<task>/` for each task when `tasks` is given.
 */
async function fileUri(name: string, text?: string, tasks?: string[]): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'oxide-webhooks-lsp-'));
  temporaryFolders.push(folder);
  const file = path.join(folder, name);
  if (text !== undefined) {
    await fs.writeFile(file, text);
  }
  for (const task of tasks ?? []) {
    await fs.mkdir(path.join(folder, 'cloudcode', task), { recursive: true });
    await fs.writeFile(path.join(folder, 'cloudcode', task, 'package.json'), '{}\n');
  }
  if (tasks !== undefined && tasks.length === 0) {
    await fs.mkdir(path.join(folder, 'cloudcode'));
  }
  return URI.file(file).toString();
}

/** Returns the LSP range of the first occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string): Range {
  const start = text.indexOf(needle);
  assert.notEqual(start, -1, `"${needle}" occurs in the text`);
  return new LineIndex(text).rangeOf({ start, end: start + needle.length });
}
