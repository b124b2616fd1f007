import * as fs from 'fs';
import * as path from 'path';
import type { AppContext } from '../../server/src/analysis/types';
import { describeFileError } from './read-text';

const CLOUD_CODE_FOLDER = 'cloudcode';

/**
 * Reads the app around each data model from disk, once per folder. The app folder is the
 * folder that contains the data model, and the names of the subfolders of its `cloudcode/`
 * folder are the CloudCode task names.
 */
export class AppContextReader {
  private readonly contexts = new Map<string, AppContext>();

  /** `warn` receives a message when a `cloudcode/` folder exists but cannot be listed. */
  constructor(private readonly warn: (message: string) => void) {}

  contextFor(dataModelPath: string): AppContext {
    const appFolder = path.dirname(dataModelPath);
    let context = this.contexts.get(appFolder);
    if (context === undefined) {
      context = this.read(appFolder);
      this.contexts.set(appFolder, context);
    }
    return context;
  }

  private read(appFolder: string): AppContext {
    const cloudCodeFolder = path.join(appFolder, CLOUD_CODE_FOLDER);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(cloudCodeFolder, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        this.warn(
          `cannot list CloudCode tasks in '${cloudCodeFolder}': ${describeFileError(error)} ` +
            'CloudCode actions are not checked for this app.',
        );
      }
      return {};
    }

    const tasks = entries
      .filter((entry) => entry.isDirectory() || isLinkToFolder(cloudCodeFolder, entry))
      .map((entry) => entry.name)
      .sort();
    return { cloudCodeTasks: tasks };
  }
}

function isLinkToFolder(parent: string, entry: fs.Dirent): boolean {
  if (!entry.isSymbolicLink()) {
    return false;
  }
  try {
    return fs.statSync(path.join(parent, entry.name)).isDirectory();
  } catch {
    return false;
  }
}
