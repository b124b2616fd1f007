import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';

/** Files that go to definition opens for a task, in order of preference. */
const TASK_ENTRY_FILES = ['index.ts', 'package.json'];

/**
 * Returns the URI that go to definition opens for a CloudCode task of the app in
 * `appFolder`: the task's `index.ts`, else its `package.json`, else its folder. Returns
 * undefined when the folder does not exist or the name is not a plain folder name.
 */
export async function cloudCodeTaskUri(
  appFolder: string,
  task: string,
): Promise<string | undefined> {
  // An action such as `../../x` must not lead outside the app's cloudcode/ folder.
  if (task === '' || task === '.' || task === '..' || /[\\/\0]/.test(task)) {
    return undefined;
  }
  const folder = path.join(appFolder, 'cloudcode', task);
  for (const name of TASK_ENTRY_FILES) {
    const file = path.join(folder, name);
    if ((await statOf(file))?.isFile()) {
      return URI.file(file).toString();
    }
  }
  return (await statOf(folder))?.isDirectory() ? URI.file(folder).toString() : undefined;
}

async function statOf(file: string) {
  try {
    return await fs.stat(file);
  } catch {
    // A missing or unreadable path is simply not a target.
    return undefined;
  }
}
