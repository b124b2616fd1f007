import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { AppContextCache } from '../../server/src/app-context';

const temporaryFolders: string[] = [];

after(async () => {
  await Promise.all(
    temporaryFolders.map((folder) => fs.rm(folder, { recursive: true, force: true })),
  );
});

describe('app context', () => {
  test('task names are cloudcode subfolders', async () => {
    const folder = await appFolder();
    await fs.mkdir(path.join(folder, 'cloudcode', 'persistor'), { recursive: true });
    await fs.mkdir(path.join(folder, 'cloudcode', 'mailer'));
    await fs.writeFile(path.join(folder, 'cloudcode', 'README.md'), 'Tasks\n');
    await fs.symlink(
      path.join(folder, 'cloudcode', 'mailer'),
      path.join(folder, 'cloudcode', 'linked'),
    );
    const cache = new AppContextCache(failOnError);

    const context = await cache.contextFor(schemaUri(folder));

    assert.deepEqual(context, { cloudCodeTasks: ['linked', 'mailer', 'persistor'] });
  });

  test('empty cloudcode folder has no tasks', async () => {
    const folder = await appFolder();
    await fs.mkdir(path.join(folder, 'cloudcode'));
    const cache = new AppContextCache(failOnError);

    assert.deepEqual(await cache.contextFor(schemaUri(folder)), { cloudCodeTasks: [] });
  });

  test('missing cloudcode folder leaves tasks undefined', async () => {
    const folder = await appFolder();
    const cache = new AppContextCache(failOnError);

    const context = await cache.contextFor(schemaUri(folder));

    assert.equal(context.cloudCodeTasks, undefined);
  });

  test('cloudcode file leaves tasks undefined', async () => {
    const folder = await appFolder();
    await fs.writeFile(path.join(folder, 'cloudcode'), '');
    const cache = new AppContextCache(failOnError);

    assert.equal((await cache.contextFor(schemaUri(folder))).cloudCodeTasks, undefined);
  });

  test('untitled document has no app', async () => {
    const cache = new AppContextCache(failOnError);

    assert.equal(cache.appFolderOf('untitled:Untitled-1'), undefined);
    assert.deepEqual(await cache.contextFor('untitled:Untitled-1'), {});
  });

  test('cached until a cloudcode path changes', async () => {
    const folder = await appFolder();
    await fs.mkdir(path.join(folder, 'cloudcode', 'first'), { recursive: true });
    const cache = new AppContextCache(failOnError);
    const uri = schemaUri(folder);
    assert.deepEqual((await cache.contextFor(uri)).cloudCodeTasks, ['first']);

    const second = path.join(folder, 'cloudcode', 'second');
    await fs.mkdir(second);
    assert.deepEqual((await cache.contextFor(uri)).cloudCodeTasks, ['first'], 'still cached');

    assert.deepEqual(cache.invalidate(URI.file(second).toString()), [folder]);
    assert.deepEqual((await cache.contextFor(uri)).cloudCodeTasks, ['first', 'second']);
  });

  test('forgetting the app reads it again', async () => {
    const folder = await appFolder();
    await fs.mkdir(path.join(folder, 'cloudcode'));
    const cache = new AppContextCache(failOnError);
    const uri = schemaUri(folder);
    assert.deepEqual((await cache.contextFor(uri)).cloudCodeTasks, []);

    await fs.mkdir(path.join(folder, 'cloudcode', 'added'));
    cache.forgetAppOf(uri);

    assert.deepEqual((await cache.contextFor(uri)).cloudCodeTasks, ['added']);
  });

  test('invalidation finds the app folder', () => {
    const cache = new AppContextCache(failOnError);
    const app = path.join(path.sep, 'work', 'app');
    const cases: Array<{ changed: string; expected: string[] }> = [
      { changed: path.join(app, 'cloudcode'), expected: [app] },
      { changed: path.join(app, 'cloudcode', 'task'), expected: [app] },
      { changed: path.join(app, 'cloudcode', 'task', 'src', 'index.ts'), expected: [app] },
      { changed: path.join(app, 'schema.xml'), expected: [] },
      { changed: path.join(app, 'cloudcodes', 'task'), expected: [] },
    ];

    for (const { changed, expected } of cases) {
      assert.deepEqual(cache.invalidate(URI.file(changed).toString()), expected, changed);
    }
    assert.deepEqual(cache.invalidate('untitled:cloudcode/task'), []);
  });
});

async function appFolder(): Promise<string> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'oxide-webhooks-app-'));
  temporaryFolders.push(folder);
  return folder;
}

function schemaUri(folder: string): string {
  return URI.file(path.join(folder, 'schema.xml')).toString();
}

function failOnError(message: string): void {
  assert.fail(`Unexpected error: ${message}`);
}
