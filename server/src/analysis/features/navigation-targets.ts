import type { AnalysedDocument } from '../document';
import { locate } from '../locate';
import type {
  ConditionInfo,
  FieldInfo,
  ModelIndex,
  RelationshipInfo,
  WebhookInfo,
} from '../model-index';
import { attribute, type XmlAttribute } from '../scanner';
import type { Span } from '../types';

/** A field or belongs-to relationship, which a webhook condition can name. */
export type ConditionTarget = FieldInfo | RelationshipInfo;

/** A name or value under the cursor that navigation understands. */
export type NavigationSymbol =
  /** The `name` of a model field or relationship, or the `model` of an unnamed belongs-to. */
  | { kind: 'declaration'; model: ModelIndex; target: ConditionTarget; name: string; span: Span }
  /** The `name` value of a condition `<field>` inside a webhook. */
  | { kind: 'condition'; model: ModelIndex; condition: ConditionInfo; name: string; span: Span }
  /** The `model` value of a belongs-to or has-many relationship. */
  | {
      kind: 'related-model';
      model: ModelIndex;
      relationship: RelationshipInfo;
      name: string;
      span: Span;
    }
  /** The `action` value of a webhook. */
  | { kind: 'action'; webhook: WebhookInfo; name: string; span: Span };

/** Finds the navigable name or value at `offset`, including at its end. */
export function symbolAt(document: AnalysedDocument, offset: number): NavigationSymbol | undefined {
  const { element, part, attribute: item, model, webhook } = locate(document, offset);
  if (
    part !== 'attribute-value' ||
    element === undefined ||
    item === undefined ||
    model === undefined
  ) {
    return undefined;
  }
  const span = item.valueSpan;
  const name = item.value;

  if (webhook !== undefined) {
    if (element === webhook.element && item.name === 'action') {
      return { kind: 'action', webhook, name, span };
    }
    const condition = webhook.conditions.find((candidate) => candidate.element === element);
    if (condition !== undefined && item.name === 'name') {
      return { kind: 'condition', model, condition, name, span };
    }
    return undefined;
  }

  const field = model.fields.find((candidate) => candidate.element === element);
  if (field !== undefined) {
    return item.name === 'name'
      ? { kind: 'declaration', model, target: field, name, span }
      : undefined;
  }
  const relationship = model.relationships.find((candidate) => candidate.element === element);
  if (relationship === undefined) {
    return undefined;
  }
  if (item.name === 'name') {
    return { kind: 'declaration', model, target: relationship, name, span };
  }
  if (item !== relatedModelAttribute(model, relationship)) {
    return undefined;
  }
  return { kind: 'related-model', model, relationship, name, span };
}

/** Returns the attribute that names the related model: `model`, or `type` in `<schema>`. */
export function relatedModelAttribute(
  model: ModelIndex,
  relationship: RelationshipInfo,
): XmlAttribute | undefined {
  return attribute(relationship.element, model.dialect === 'schema' ? 'type' : 'model');
}

/**
 * Returns the span of the text that declares a field's or relationship's name: its `name`
 * value, or for a relationship without one the related model's name, which it takes.
 */
export function declarationSpan(model: ModelIndex, target: ConditionTarget): Span {
  const name = attribute(target.element, 'name');
  if (name !== undefined) {
    return name.valueSpan;
  }
  if ('kind' in target) {
    const related = relatedModelAttribute(model, target);
    if (related !== undefined) {
      return related.valueSpan;
    }
  }
  return target.element.nameSpan;
}

/** Returns every condition in the model's webhooks that names `name`. */
export function conditionsNaming(model: ModelIndex, name: string): ConditionInfo[] {
  const found: ConditionInfo[] = [];
  for (const webhook of model.webhooks) {
    for (const condition of webhook.conditions) {
      if (condition.name === name) {
        found.push(condition);
      }
    }
  }
  return found;
}
