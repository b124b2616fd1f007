import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { AnalysedDocument } from './analysis/document';
import type { WebhookService } from './analysis/service';
import { LineIndex } from './analysis/text';
import type { TextChange } from './analysis/types';
import type { Logger } from './logger';

/** An open document: the editor's version, its text and the analysed form of that text. */
export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
  /**
   * The analysis of `text`, or undefined until a request or validation needs it, or when the
   * analysis of this version threw. `analysedOf` then brings `base` up to date.
   */
  analysed: AnalysedDocument | undefined;
  /** An analysis of an earlier version, and the edits that lead from its text to `text`. */
  base: AnalysedDocument | undefined;
  pending: TextChange[];
}

/**
 * The open documents, keyed by URI. Changes are only recorded as they arrive; the analysis
 * catches up once, with all recorded edits, when a request or a validation needs it. So a
 * burst of keystrokes costs one update, and an update that must parse the whole text (in a
 * half-typed document, say) runs once per pause in typing, not once per keystroke.
 */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(
    private readonly service: Pick<WebhookService, 'parse' | 'update'>,
    private readonly logger: Logger,
  ) {}

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.documents.values();
  }

  /** Stores and parses a newly opened document. A parse error is logged, not thrown. */
  open(uri: string, version: number, text: string): OpenDocument {
    const document: OpenDocument = {
      uri,
      version,
      text,
      analysed: undefined,
      base: undefined,
      pending: [],
    };
    this.documents.set(uri, document);
    try {
      document.analysed = this.service.parse(text);
    } catch (error) {
      this.logger.error(`Failed to parse ${uri} version ${version}`, error);
    }
    return document;
  }

  /**
   * Returns the analysed form of the document's current version, applying the recorded edits
   * or parsing it if needed. Throws when parsing throws.
   */
  analysedOf(document: OpenDocument): AnalysedDocument {
    if (document.analysed === undefined) {
      const { base, pending } = document;
      document.base = undefined;
      document.pending = [];
      document.analysed = this.analyse(document.uri, base, pending, document.text);
    }
    return document.analysed;
  }

  /**
   * Records the changes of one `didChange` notification. Each change's range refers to the
   * text left by the changes before it, as LSP specifies. A change without a range replaces
   * the whole text. Throws when the document is not open.
   */
  change(
    uri: string,
    version: number,
    changes: readonly TextDocumentContentChangeEvent[],
  ): OpenDocument {
    const previous = this.documents.get(uri);
    if (previous === undefined) {
      throw new Error(`Document ${uri} is not open, so its changes cannot be applied.`);
    }

    let base = previous.analysed ?? previous.base;
    let edits = previous.analysed === undefined ? [...previous.pending] : [];
    let text = previous.text;
    for (const change of changes) {
      if (!('range' in change)) {
        base = undefined;
        text = change.text;
        edits = [];
        continue;
      }
      const lines = new LineIndex(text);
      const start = lines.offsetAt(change.range.start);
      const end = Math.max(start, lines.offsetAt(change.range.end));
      edits.push({ start, end, text: change.text });
      text = text.slice(0, start) + change.text + text.slice(end);
    }

    // The library's update moves parts of the base analysis into its result, so only the
    // newest document keeps the base. The previous one forgets it and would parse again.
    previous.analysed = undefined;
    previous.base = undefined;
    previous.pending = [];
    const document: OpenDocument = {
      uri,
      version,
      text,
      analysed: undefined,
      base,
      pending: edits,
    };
    this.documents.set(uri, document);
    return document;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  /**
   * Updates `base` with the edits, or parses `text` when there is no base. Falls back to a
   * full parse when the update throws or its text differs from the text the edits produce.
   */
  private analyse(
    uri: string,
    base: AnalysedDocument | undefined,
    edits: TextChange[],
    text: string,
  ): AnalysedDocument {
    if (base === undefined) {
      return this.service.parse(text);
    }
    if (edits.length === 0) {
      return base;
    }
    let updated: AnalysedDocument;
    try {
      updated = this.service.update(base, edits);
    } catch (error) {
      this.logger.error(
        `Failed to update the analysis of ${uri} incrementally, parsing it again`,
        error,
      );
      return this.service.parse(text);
    }
    if (updated.text !== text) {
      this.logger.error(
        `Incremental update of ${uri} produced a text that differs from the editor's, parsing it again`,
      );
      return this.service.parse(text);
    }
    return updated;
  }
}
