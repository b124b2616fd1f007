import { promises as fs, type Stats } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Logger } from '../logger';

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
  logger: Logger,
): Promise<string | undefined> {
  // An action such as `../../x` must not lead outside the app's cloudcode/ folder.
  if (task === '' || task === '.' || task === '..' || /[\\/\0]/.test(task)) {
    return undefined;
  }
  const folder = path.join(appFolder, 'cloudcode', task);
  for (const name of TASK_ENTRY_FILES) {
    const file = path.join(folder, name);
    if ((await statOf(file, logger))?.isFile()) {
      return URI.file(file).toString();
    }
  }
  return (await statOf(folder, logger))?.isDirectory() ? URI.file(folder).toString() : undefined;
}

/** Returns the file's status, or undefined when it does not exist or cannot be read. */
async function statOf(file: string, logger: Logger): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      logger.error(`Failed to read ${file} for go to definition`, error);
    }
    return undefined;
  }
}
