import type { AnalysedDocument } from '../document';
import type { ModelIndex } from '../model-index';
import { NAME_PATTERN } from '../rules/webhook-name';
import { attribute } from '../scanner';
import type { DefinitionTarget, Position, Range, Span, TextEdit } from '../types';
import {
  conditionsNaming,
  declarationSpan,
  symbolAt,
  type ConditionTarget,
  type NavigationSymbol,
} from './navigation-targets';

/**
 * Returns where the name under the cursor is defined: a condition's field or belongs-to
 * relationship, a relationship's related model, or a CloudCode webhook's task. The server
 * turns a task into a file or folder under the app's `cloudcode/`.
 */
export function definition(document: AnalysedDocument, position: Position): DefinitionTarget[] {
  const symbol = symbolAt(document, document.lines.offsetAt(position));
  if (symbol === undefined || symbol.name === '') {
    return [];
  }
  const rangeOf = (span: Span): DefinitionTarget => ({
    kind: 'range',
    range: document.lines.rangeOf(span),
  });

  switch (symbol.kind) {
    case 'declaration':
      return [rangeOf(symbol.span)];
    case 'condition': {
      const target = symbol.model.conditionTargets.get(symbol.name);
      return target === undefined ? [] : [rangeOf(declarationSpan(symbol.model, target))];
    }
    case 'related-model':
      return document.models
        .filter((entry) => entry.index.name === symbol.name)
        .map((entry) => rangeOf(modelNameSpan(entry.index)));
    case 'action':
      return symbol.webhook.receiver === 'cloudcode'
        ? [{ kind: 'cloudcode-task', task: symbol.name }]
        : [];
  }
}

/**
 * Returns the webhook conditions that name the field or belongs-to relationship under the
 * cursor, which may be its declaration or one of those conditions. The declaration comes
 * first when `includeDeclaration` is set.
 */
export function references(
  document: AnalysedDocument,
  position: Position,
  includeDeclaration: boolean,
): Range[] {
  const symbol = symbolAt(document, document.lines.offsetAt(position));
  const resolved = symbol === undefined ? undefined : resolveTarget(symbol);
  if (resolved === undefined) {
    return [];
  }
  const { model, target, name } = resolved;
  const spans: Span[] = [];
  if (includeDeclaration && target !== undefined) {
    spans.push(declarationSpan(model, target));
  }
  for (const condition of conditionsNaming(model, name)) {
    spans.push(attribute(condition.element, 'name')!.valueSpan);
  }
  return spans.map((span) => document.lines.rangeOf(span));
}

/**
 * Returns the range and current text of a renamable name under the cursor: the `name` of a
 * model field or belongs-to relationship, or a condition naming one. Returns undefined
 * elsewhere.
 */
export function prepareRename(
  document: AnalysedDocument,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const symbol = symbolAt(document, document.lines.offsetAt(position));
  if (symbol === undefined || typeof renameTarget(symbol) === 'string') {
    return undefined;
  }
  return { range: document.lines.rangeOf(symbol.span), placeholder: symbol.name };
}

/**
 * Renames a model field or belongs-to relationship: its `name` value and the value of
 * every condition in that model's webhooks that names it, and nothing else.
 */
export function rename(
  document: AnalysedDocument,
  position: Position,
  newName: string,
): TextEdit[] | { error: string } {
  const symbol = symbolAt(document, document.lines.offsetAt(position));
  if (symbol === undefined) {
    return { error: NOTHING_TO_RENAME };
  }
  const resolved = renameTarget(symbol);
  if (typeof resolved === 'string') {
    return { error: resolved };
  }
  const { model, target, name } = resolved;
  if (!NAME_PATTERN.test(newName)) {
    return {
      error: `Invalid name "${newName}". A name starts with a letter and contains only letters, digits and underscores.`,
    };
  }
  if (newName === name) {
    return [];
  }
  if (nameInUse(model, newName)) {
    return {
      error: `Model "${model.name}" already has a field or relationship named "${newName}". Choose another name.`,
    };
  }

  // NOTE: `{field}` references in display and other format strings, `<index on="...">` and
  // files outside the data model keep the old name. Only webhook conditions are updated.
  const spans = [attribute(target.element, 'name')!.valueSpan];
  for (const condition of conditionsNaming(model, name)) {
    spans.push(attribute(condition.element, 'name')!.valueSpan);
  }
  return spans.map((span) => ({ range: document.lines.rangeOf(span), newText: newName }));
}

const NOTHING_TO_RENAME =
  'Nothing to rename here. Place the cursor on the name of a model field or belongs-to relationship, or on a webhook condition that names one.';

interface ResolvedTarget {
  model: ModelIndex;
  /** Undefined when a condition names something the model does not have. */
  target: ConditionTarget | undefined;
  name: string;
}

/**
 * Returns the field or belongs-to relationship that conditions resolve `symbol` to. A
 * declaration counts only when conditions would find it: not a has-many, and not a second
 * field with a name already declared.
 */
function resolveTarget(symbol: NavigationSymbol): ResolvedTarget | undefined {
  if (symbol.name === '') {
    return undefined;
  }
  switch (symbol.kind) {
    case 'condition':
      return {
        model: symbol.model,
        target: symbol.model.conditionTargets.get(symbol.name),
        name: symbol.name,
      };
    case 'declaration':
      return symbol.model.conditionTargets.get(symbol.name) === symbol.target
        ? { model: symbol.model, target: symbol.target, name: symbol.name }
        : undefined;
    case 'related-model': {
      // A belongs-to without `name` takes the related model's name, so this value is its name.
      const { relationship, model } = symbol;
      const unnamed =
        relationship.kind === 'belongs-to' && attribute(relationship.element, 'name') === undefined;
      return unnamed && model.conditionTargets.get(symbol.name) === relationship
        ? { model, target: relationship, name: symbol.name }
        : undefined;
    }
    case 'action':
      return undefined;
  }
}

/** Resolves a symbol for renaming, or returns why it cannot be renamed. */
function renameTarget(
  symbol: NavigationSymbol,
): (ResolvedTarget & { target: ConditionTarget }) | string {
  const resolved = symbol.kind === 'related-model' ? undefined : resolveTarget(symbol);
  if (resolved === undefined) {
    return NOTHING_TO_RENAME;
  }
  const { model, target, name } = resolved;
  if (target === undefined) {
    return `Model "${model.name}" has no field or belongs-to relationship "${name}" to rename.`;
  }
  if (attribute(target.element, 'name') === undefined) {
    return `The belongs-to relationship "${name}" has no name attribute, so it takes the related model's name. Add name="${name}" to rename it.`;
  }
  return { model, target, name };
}

function nameInUse(model: ModelIndex, name: string): boolean {
  return (
    model.fields.some((field) => field.name === name) ||
    model.relationships.some((item) => item.name === name)
  );
}

function modelNameSpan(model: ModelIndex): Span {
  return attribute(model.element, 'name')?.valueSpan ?? model.element.nameSpan;
}
