import type { AnalysedDocument } from '../document';
import type { ModelIndex } from '../model-index';
import type { Report } from '../report';
import { indefiniteArticle } from '../suggest';
import type { AppContext } from '../types';

/** A check that reads one model only; its results are cached until that model is edited. */
export interface ModelRule {
  scope: 'model';
  /** `text` is the whole document text, for rules that quote what is written. */
  check(model: ModelIndex, report: Report, text: string): void;
}

/** A check across models, or one that depends on the app; it runs on every validation. */
export interface DocumentRule {
  scope: 'document';
  check(context: DocumentContext, report: Report): void;
}

export type Rule = ModelRule | DocumentRule;

export interface DocumentContext {
  document: AnalysedDocument;
  models: ModelIndex[];
  app: AppContext;
}

/**
 * Describes a field or relationship for messages: `"photo", a photo field` or
 * `"count", an integer field`.
 */
export function describeTarget(name: string, type: string | undefined): string {
  if (type === undefined) {
    return `"${name}", a belongs-to relationship`;
  }
  if (type === '') {
    return `"${name}", a field without a type`;
  }
  return `"${name}", ${indefiniteArticle(type)} ${type} field`;
}
