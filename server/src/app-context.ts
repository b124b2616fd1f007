import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { AppContext } from './analysis/types';

const CLOUD_CODE_FOLDER = 'cloudcode';

/**
 * Reads the app around a data model from disk and caches it per app folder. The app folder
 * is the folder that contains the document, and its `cloudcode/` subfolders are the
 * CloudCode task names.
 */
export class AppContextCache {
  private readonly contexts = new Map<string, Promise<AppContext>>();

  constructor(private readonly logError: (message: string) => void) {}

  /** Returns the app folder of a `file:` URI, or undefined for other schemes (untitled). */
  appFolderOf(documentUri: string): string | undefined {
    const uri = URI.parse(documentUri);
    if (uri.scheme !== 'file') {
      return undefined;
    }
    return path.dirname(uri.fsPath);
  }

  /** Returns the app context of a document, reading its folder the first time. */
  contextFor(documentUri: string): Promise<AppContext> {
    const folder = this.appFolderOf(documentUri);
    if (folder === undefined) {
      return Promise.resolve({});
    }
    let context = this.contexts.get(folder);
    if (context === undefined) {
      context = this.readAppContext(folder);
      this.contexts.set(folder, context);
    }
    return context;
  }

  /**
   * Forgets the cached context of the document's app, so the next `contextFor` reads it
   * again. Opening a document calls this, which keeps the tasks current in editors that
   * send no file change notifications.
   */
  forgetAppOf(documentUri: string): void {
    const folder = this.appFolderOf(documentUri);
    if (folder !== undefined) {
      this.contexts.delete(folder);
    }
  }

  /**
   * Forgets the cached context of every app whose `cloudcode/` folder contains the changed
   * path, or is that path. Returns those app folders, so their documents can be validated
   * again.
   */
  invalidate(changedUri: string): string[] {
    const uri = URI.parse(changedUri);
    if (uri.scheme !== 'file') {
      return [];
    }
    const folders = appFoldersAbove(uri.fsPath);
    for (const folder of folders) {
      this.contexts.delete(folder);
    }
    return folders;
  }

  private async readAppContext(folder: string): Promise<AppContext> {
    const cloudCodeFolder = path.join(folder, CLOUD_CODE_FOLDER);
    try {
      const entries = await fs.readdir(cloudCodeFolder, { withFileTypes: true });
      const tasks: string[] = [];
      for (const entry of entries) {
        if (
          entry.isDirectory() ||
          (entry.isSymbolicLink() && (await isFolder(cloudCodeFolder, entry.name)))
        ) {
          tasks.push(entry.name);
        }
      }
      return { cloudCodeTasks: tasks.sort() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        this.logError(`Failed to read CloudCode tasks in ${cloudCodeFolder}: ${String(error)}`);
      }
      // Without a readable `cloudcode/` folder the analysis does not check CloudCode actions.
      return {};
    }
  }
}

/** Returns the parent of each `cloudcode` segment in a path, which are the app folders of that path. */
function appFoldersAbove(fsPath: string): string[] {
  const folders: string[] = [];
  let current = path.normalize(fsPath);
  while (true) {
    const parent = path.dirname(current);
    if (parent === current) {
      return folders;
    }
    if (path.basename(current) === CLOUD_CODE_FOLDER) {
      folders.push(parent);
    }
    current = parent;
  }
}

async function isFolder(parent: string, name: string): Promise<boolean> {
  try {
    return (await fs.stat(path.join(parent, name))).isDirectory();
  } catch {
    return false;
  }
}
