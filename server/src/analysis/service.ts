// The single entry point to the analysis library. The language server, the CLI and the
// tests call these functions; none of them reaches into the modules behind it.

import { AnalysedDocument } from './document';
import { validateDocument } from './validate';
import type { AppContext, Diagnostic, TextChange } from './types';

export interface WebhookService {
  /** Parses a whole text. A UTF-8 byte order mark at the start is ignored by position. */
  parse(text: string): AnalysedDocument;

  /**
   * Applies edits (offsets into the previous text, applied in order) and re-analyses only
   * the models they touched, falling back to a full parse when an edit crosses a model.
   */
  update(previous: AnalysedDocument, changes: readonly TextChange[]): AnalysedDocument;

  /** Returns every diagnostic for the document, or none when it is not a data model. */
  validate(document: AnalysedDocument, app?: AppContext): Diagnostic[];
}

export function createWebhookService(): WebhookService {
  return {
    parse: (text) => AnalysedDocument.parse(text),
    update: (previous, changes) => previous.update(changes),
    validate: (document, app) => validateDocument(document, app ?? {}),
  };
}
