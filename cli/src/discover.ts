import * as fs from 'fs';
import * as path from 'path';
import { describeFileError } from './read-text';
import { compareText } from './results';

/** A file to read, and whether the user named it on the command line. */
export interface Candidate {
  /** The path the file was reached by, which is the one shown to the user. */
  absolutePath: string;
  /** The path with every symbolic link resolved. */
  realPath: string;
  explicit: boolean;
}

/** A command-line path or a folder entry that could not be read. */
export interface DiscoveryError {
  /** The absolute path, or '' for an empty command-line path, which names nothing. */
  path: string;
  message: string;
}

export interface Discovery {
  candidates: Candidate[];
  errors: DiscoveryError[];
}

/** Folder names that are never searched, besides every name that starts with a dot. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * Expands command-line paths into the files to read. A file is taken as it is, whatever its
 * name. A folder is searched for `*.xml` files, skipping `node_modules` and dot-folders
 * such as `.git`, and following symbolic links unless they lead back into a folder already
 * searched. Each file appears once, in the order of its path. A file reached by several paths
 * is shown by its real path, else by a path whose last part is not a symbolic link.
 */
export function discoverFiles(inputs: readonly string[], cwd: string): Discovery {
  const walker = new FolderWalker();

  for (const input of inputs) {
    // path.resolve would turn '' into the current folder, which the user did not name.
    if (input === '') {
      walker.errors.push({ path: '', message: 'file or folder not found (the path is empty).' });
      continue;
    }
    const absolutePath = path.resolve(cwd, input);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absolutePath);
    } catch (error) {
      walker.errors.push({ path: absolutePath, message: describeFileError(error) });
      continue;
    }
    if (stats.isDirectory()) {
      walker.walk(absolutePath);
    } else {
      walker.add(absolutePath, true);
    }
  }

  const candidates = [...walker.found.values()].sort((a, b) =>
    compareText(a.absolutePath, b.absolutePath),
  );
  return { candidates, errors: walker.errors };
}

class FolderWalker {
  /** Candidates by real path, so a file reached twice (by a link or two inputs) is read once. */
  readonly found = new Map<string, Candidate>();
  readonly errors: DiscoveryError[] = [];
  private readonly visitedFolders = new Set<string>();

  add(absolutePath: string, explicit: boolean): void {
    const realPath = realPathOrSelf(absolutePath);
    const existing = this.found.get(realPath);
    if (existing === undefined) {
      this.found.set(realPath, { absolutePath, realPath, explicit });
      return;
    }
    existing.explicit ||= explicit;
    if (comparePathsToShow(absolutePath, existing.absolutePath, realPath) < 0) {
      existing.absolutePath = absolutePath;
    }
  }

  /** Searches a folder tree with an explicit stack, so deep trees cannot overflow the call stack. */
  walk(root: string): void {
    const pending = [root];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      const realFolder = realPathOrSelf(folder);
      if (this.visitedFolders.has(realFolder)) {
        continue;
      }
      this.visitedFolders.add(realFolder);

      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        this.errors.push({ path: folder, message: describeFileError(error) });
        continue;
      }
      for (const entry of entries) {
        this.visitEntry(folder, entry, pending);
      }
    }
  }

  private visitEntry(folder: string, entry: fs.Dirent, pending: string[]): void {
    const entryPath = path.join(folder, entry.name);
    let isFolder = entry.isDirectory();
    let isFile = entry.isFile();

    if (entry.isSymbolicLink()) {
      try {
        const target = fs.statSync(entryPath);
        isFolder = target.isDirectory();
        isFile = target.isFile();
      } catch {
        // A dangling link or a link loop points at nothing that could be checked.
        return;
      }
    }
    if (isFolder && !isSkippedFolder(entry.name)) {
      pending.push(entryPath);
    } else if (isFile && entry.name.toLowerCase().endsWith('.xml')) {
      this.add(entryPath, false);
    }
  }
}

function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}

/**
 * Orders two paths to the same file by how well they name it: the real path first, then a
 * path whose last part is not a symbolic link, then the rest. Ties go by path, so the result
 * does not depend on the order in which folders are listed.
 */
function comparePathsToShow(a: string, b: string, realPath: string): number {
  return pathRank(a, realPath) - pathRank(b, realPath) || compareText(a, b);
}

function pathRank(filePath: string, realPath: string): number {
  if (filePath === realPath) {
    return 0;
  }
  return isSymbolicLink(filePath) ? 2 : 1;
}

function isSymbolicLink(filePath: string): boolean {
  try {
    return fs.lstatSync(filePath).isSymbolicLink();
  } catch {
    return false;
  }
}

function realPathOrSelf(filePath: string): string {
  try {
    return fs.realpathSync.native(filePath);
  } catch {
    return filePath;
  }
}
