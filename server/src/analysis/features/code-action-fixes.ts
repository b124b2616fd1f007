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

/** What a fix builder gets: the diagnostic, where it is in offsets, and what sits there. */
export interface FixContext {
  document: AnalysedDocument;
  text: string;
  diagnostic: Diagnostic;
  span: Span;
  /** What `locate` finds at the diagnostic's start. */
  location: Location;
  app: AppContext;
}

/** Builds the quick fixes for one diagnostic; returns none when no fix is clear. */
export type FixBuilder = (context: FixContext) => Fix[];
