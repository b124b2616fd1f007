import * as path from 'path';
import { createWebhookService, type WebhookService } from '../../server/src/analysis/service';
import { AppContextReader } from './app-context';
import { discoverFiles, type Candidate } from './discover';
import {
  decodeText,
  fileSize,
  InputError,
  MAX_FILE_BYTES,
  readFileHead,
  readTextFile,
} from './read-text';
import { compareDiagnostics, type CheckResults } from './results';

/** Bytes decoded from the start of a file that cannot be read whole, to tell whether it is a data model. */
const HEAD_BYTES = 64 * 1024;

type AnalysedDocument = ReturnType<WebhookService['parse']>;

/**
 * Finds the data models under `inputs` (files and folders, relative to `cwd`) and validates
 * each with its app context. `warn` receives the stack of an internal error, which is not
 * part of the results.
 */
export function checkFiles(
  inputs: readonly string[],
  cwd: string,
  warn: (message: string) => void,
): CheckResults {
  const results: CheckResults = { files: [], skipped: [], failures: [], notes: [] };
  const service = createWebhookService();
  const appContexts = new AppContextReader((message) => results.notes.push(message));
  const discovery = discoverFiles(inputs, cwd);

  for (const error of discovery.errors) {
    const shownPath = error.path === '' ? '' : displayPath(error.path, cwd);
    results.failures.push({ displayPath: shownPath, message: error.message });
  }
  for (const candidate of discovery.candidates) {
    const shownPath = displayPath(candidate.absolutePath, cwd);
    try {
      const document = readCandidate(candidate, service);
      if (document === undefined) {
        continue;
      }
      if (document.kind === 'other') {
        if (candidate.explicit) {
          results.skipped.push({ displayPath: shownPath, reason: describeNonDataModel(document) });
        }
        continue;
      }
      // The app is the folder of the file itself, not of a symbolic link to it.
      const app = appContexts.contextFor(candidate.realPath);
      const diagnostics = service.validate(document, app).sort(compareDiagnostics);
      results.files.push({
        absolutePath: candidate.absolutePath,
        displayPath: shownPath,
        kind: document.kind,
        diagnostics,
      });
    } catch (error) {
      if (!(error instanceof InputError)) {
        warn(`internal error while checking '${shownPath}':\n${describeInternalError(error)}`);
      }
      const message =
        error instanceof InputError ? error.message : 'internal error in the analysis.';
      results.failures.push({ displayPath: shownPath, message });
    }
  }

  const nothingFound =
    results.files.length === 0 && results.skipped.length === 0 && results.failures.length === 0;
  if (nothingFound) {
    const searched = inputs.map((input) => `'${input}'`).join(', ');
    results.notes.push(`no data model found in ${searched}.`);
  }
  return results;
}

/** Returns the path relative to `cwd` when the file is inside it, else the absolute path. */
export function displayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  if (relative === '') {
    return '.';
  }
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return absolutePath;
  }
  return relative;
}

/**
 * Reads and parses a candidate. Returns undefined, so that the file is skipped without a
 * message, when a file found in a folder search cannot be read as text and its start shows
 * that it is not a data model. Throws `InputError` for every other file that cannot be read.
 */
function readCandidate(
  candidate: Candidate,
  service: WebhookService,
): AnalysedDocument | undefined {
  try {
    return service.parse(readTextFile(candidate.absolutePath));
  } catch (error) {
    const skip =
      error instanceof InputError &&
      !candidate.explicit &&
      !startsLikeDataModel(candidate.absolutePath, service);
    if (skip) {
      return undefined;
    }
    throw error;
  }
}

function startsLikeDataModel(filePath: string, service: WebhookService): boolean {
  const size = fileSize(filePath);
  const head = readFileHead(filePath, Math.min(size, HEAD_BYTES, MAX_FILE_BYTES));
  const decoded = decodeText(head);
  const text = decoded.ok ? decoded.text : new TextDecoder('utf-8').decode(head);
  return service.parse(text).kind !== 'other';
}

function describeNonDataModel(document: AnalysedDocument): string {
  if (document.text.trim() === '') {
    return 'the file is empty.';
  }
  const root = document.root;
  if (root === undefined) {
    return 'the file has no XML root element.';
  }
  return `the root element is <${root.name}>, not <data-model> or <schema>.`;
}

function describeInternalError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? error.message;
  }
  return String(error);
}
