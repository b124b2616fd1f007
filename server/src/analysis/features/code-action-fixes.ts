import type { AnalysedDocument } from '../document';
import type { Location } from '../locate';
import type { AppContext, Diagnostic, Span } from '../types';
import type { SpanEdit } from './code-action-edits';

/** One quick fix before it is tied to its diagnostic and converted to LSP ranges. */
export interface Fix {
  title: string;
  edits: SpanEdit[];
  preferred?: boolean;
}

/** Input of a fix builder: the diagnostic, its span in offsets and the element found there. */
export interface FixContext {
  document: AnalysedDocument;
  text: string;
  diagnostic: Diagnostic;
  span: Span;
  /** The result of `locate` at the diagnostic's start. */
  location: Location;
  app: AppContext;
}

/** Builds the quick fixes for one diagnostic, or none when no fix is clear. */
export type FixBuilder = (context: FixContext) => Fix[];
