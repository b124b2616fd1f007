import { attribute, type XmlElement } from './scanner';

/**
 * The index of one `<model>` (or legacy `<object>`): its fields, relationships and webhooks,
 * read from the scanned tree. It depends only on the model's own element, so an edit inside
 * one model rebuilds that model's index and no other.
 */

export type Dialect = 'data-model' | 'schema';

export interface FieldInfo {
  name: string;
  /** The declared type as written, such as `text:email` or `photo`; empty when missing. */
  type: string;
  label: string | undefined;
  element: XmlElement;
}

export interface RelationshipInfo {
  kind: 'belongs-to' | 'has-many';
  /** The relationship's name: its `name` attribute, or the related model's name. */
  name: string;
  /** The related model's name as written, or undefined when the attribute is missing. */
  model: string | undefined;
  element: XmlElement;
}

export type WebhookType = 'ready' | 'update';

export interface WebhookInfo {
  element: XmlElement;
  model: ModelIndex;
  type: string | undefined;
  name: string | undefined;
  receiver: string | undefined;
  action: string | undefined;
  /** The explicit name, or the name the platform gives a webhook without one. */
  effectiveName: string;
  conditions: ConditionInfo[];
}

export interface ConditionInfo {
  element: XmlElement;
  name: string | undefined;
}

export interface ModelIndex {
  dialect: Dialect;
  element: XmlElement;
  name: string;
  label: string | undefined;
  fields: FieldInfo[];
  relationships: RelationshipInfo[];
  webhooks: WebhookInfo[];
  /** Fields and belongs-to relationships by name: what a webhook condition can name. */
  conditionTargets: Map<string, FieldInfo | RelationshipInfo>;
}

export const ATTACHMENT_TYPES: ReadonlySet<string> = new Set(['photo', 'signature', 'attachment']);

/** Element names for each concept, in the current dialect and the legacy `<schema>` one. */
export const ELEMENT_NAMES = {
  'data-model': { model: 'model', field: 'field', belongsTo: 'belongs-to', hasMany: 'has-many' },
  schema: { model: 'object', field: 'attribute', belongsTo: 'belongs_to', hasMany: 'has_many' },
} as const;

export function buildModelIndex(element: XmlElement, dialect: Dialect): ModelIndex {
  const names = ELEMENT_NAMES[dialect];
  const model: ModelIndex = {
    dialect,
    element,
    name: attribute(element, 'name')?.value ?? '',
    label: attribute(element, 'label')?.value,
    fields: [],
    relationships: [],
    webhooks: [],
    conditionTargets: new Map(),
  };

  for (const child of element.children) {
    switch (child.name) {
      case names.field:
        model.fields.push(readField(child));
        break;
      case names.belongsTo:
        model.relationships.push(readRelationship(child, 'belongs-to', dialect));
        break;
      case names.hasMany:
        model.relationships.push(readRelationship(child, 'has-many', dialect));
        break;
      case 'webhook':
        model.webhooks.push(readWebhook(child, model));
        break;
    }
  }

  // The first declaration of a name wins, as later lookups by name would see it.
  for (const field of model.fields) {
    if (field.name !== '' && !model.conditionTargets.has(field.name)) {
      model.conditionTargets.set(field.name, field);
    }
  }
  for (const relationship of model.relationships) {
    const name = relationship.name;
    if (relationship.kind === 'belongs-to' && name !== '' && !model.conditionTargets.has(name)) {
      model.conditionTargets.set(name, relationship);
    }
  }
  return model;
}

export function isAttachment(target: FieldInfo | RelationshipInfo): boolean {
  return 'type' in target && ATTACHMENT_TYPES.has(baseType(target.type));
}

export function isRelationship(target: FieldInfo | RelationshipInfo): target is RelationshipInfo {
  return 'kind' in target;
}

/** Returns the type without its subtype: `text:email` is `text`. */
export function baseType(type: string): string {
  const colon = type.indexOf(':');
  return colon === -1 ? type : type.slice(0, colon);
}

/**
 * Returns the name the platform gives a webhook without a `name`: `<model>_<type>` for an
 * external webhook, `<receiver>_<model>_<type>_<action>` otherwise, with `null` for a part
 * that is missing.
 */
export function defaultWebhookName(
  modelName: string,
  type: string | undefined,
  receiver: string | undefined,
  action: string | undefined,
): string {
  const part = (value: string | undefined) => value ?? 'null';
  if (receiver === undefined) {
    return `${modelName}_${part(type)}`;
  }
  return `${receiver}_${modelName}_${part(type)}_${part(action)}`;
}

function readField(element: XmlElement): FieldInfo {
  return {
    name: attribute(element, 'name')?.value ?? '',
    type: attribute(element, 'type')?.value ?? '',
    label: attribute(element, 'label')?.value,
    element,
  };
}

function readRelationship(
  element: XmlElement,
  kind: RelationshipInfo['kind'],
  dialect: Dialect,
): RelationshipInfo {
  const model = attribute(element, dialect === 'schema' ? 'type' : 'model')?.value;
  const name = attribute(element, 'name')?.value;
  return { kind, name: name ?? model ?? '', model, element };
}

function readWebhook(element: XmlElement, model: ModelIndex): WebhookInfo {
  const type = attribute(element, 'type')?.value;
  const name = attribute(element, 'name')?.value;
  const receiver = attribute(element, 'receiver')?.value;
  const action = attribute(element, 'action')?.value;
  const conditions: ConditionInfo[] = [];

  for (const child of element.children) {
    if (child.name === 'field') {
      conditions.push({ element: child, name: attribute(child, 'name')?.value });
    }
  }
  return {
    element,
    model,
    type,
    name,
    receiver,
    action,
    effectiveName: name ?? defaultWebhookName(model.name, type, receiver, action),
    conditions,
  };
}
