import {
  defaultWebhookName,
  isAttachment,
  isRelationship,
  type FieldInfo,
  type RelationshipInfo,
} from '../model-index';
import { CONDITION_VALUES } from '../rules/condition-values';
import { CONDITION_ATTRIBUTES, WEBHOOK_ATTRIBUTES } from '../rules/unknown-attributes';
import { NAME_PATTERN } from '../rules/webhook-name';
import { RECEIVERS } from '../rules/webhook-receiver';
import { WEBHOOK_TYPES } from '../rules/webhook-type';
import { attribute } from '../scanner';
import type { LineIndex } from '../text';
import type { AppContext, CompletionItem, CompletionKind } from '../types';
import type { AttributeNameContext, AttributeOwner, AttributeValueContext } from './cursor';
import {
  describeAttribute,
  describeConditionTarget,
  describeValue,
  summarizeConditionTarget,
} from './hover-descriptions';

/**
 * Returns the attributes the element does not have yet. An item inserts `name="|"` and opens
 * the value list, or only the name when the name under the cursor already has `=`.
 */
export function attributeNameCompletions(
  lines: LineIndex,
  context: AttributeNameContext,
): CompletionItem[] {
  const { owner } = context;
  const element = owner.kind === 'webhook' ? owner.webhook.element : owner.condition.element;
  const present = new Set<string>();
  for (const item of element.attributes) {
    if (item !== context.typed) {
      present.add(item.name);
    }
  }
  const names =
    owner.kind === 'webhook' ? webhookAttributes(present) : conditionAttributes(owner, present);

  return names.map((name, index) => {
    const description = describeAttribute(owner.kind, name)!;
    let newText = context.hasValue ? name : `${name}="$1"`;
    if (context.spaceBefore) {
      newText = ` ${newText}`;
    }
    if (context.spaceAfter) {
      newText = `${newText} `;
    }
    return {
      label: name,
      kind: 'property',
      detail: description.summary,
      documentation: `${description.meaning}\n\nDefault: ${description.default}`,
      textEdit: { range: lines.rangeOf(context.replace), newText },
      snippet: !context.hasValue,
      triggerSuggest: !context.hasValue,
      sortText: sortKey(index),
    };
  });
}

/** Returns the values the attribute under the cursor takes, with what each one does. */
export function attributeValueCompletions(
  lines: LineIndex,
  context: AttributeValueContext,
  app: AppContext,
): CompletionItem[] {
  const candidates = valueCandidates(context, app);
  return candidates.map((candidate, index) => ({
    label: candidate.value,
    kind: candidate.kind,
    detail: candidate.detail,
    documentation: candidate.documentation,
    textEdit: {
      range: lines.rangeOf(context.replace),
      newText: `${context.before}${escapeAttributeValue(candidate.value)}${context.after}`,
    },
    snippet: false,
    sortText: sortKey(index),
    filterText: candidate.value,
  }));
}

interface ValueCandidate {
  value: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
}

/**
 * Returns the webhook attributes not yet present. `action` comes only once there is a
 * `receiver`, because an action without a receiver is an error.
 */
function webhookAttributes(present: ReadonlySet<string>): string[] {
  return WEBHOOK_ATTRIBUTES.filter(
    (name) => !present.has(name) && (name !== 'action' || present.has('receiver')),
  );
}

/**
 * Returns the condition attributes not yet present. `state` comes only for attachments and
 * `embed` only for attachments and belongs-to relationships, unless the name is still unknown.
 */
function conditionAttributes(
  owner: Extract<AttributeOwner, { kind: 'condition' }>,
  present: ReadonlySet<string>,
): string[] {
  const name = owner.condition.name;
  const target = name === undefined ? undefined : owner.model.conditionTargets.get(name);
  return CONDITION_ATTRIBUTES.filter((candidate) => {
    if (present.has(candidate)) {
      return false;
    }
    if (target === undefined) {
      return true;
    }
    if (candidate === 'state') {
      return isAttachment(target);
    }
    if (candidate === 'embed') {
      return isAttachment(target) || isRelationship(target);
    }
    return true;
  });
}

function valueCandidates(context: AttributeValueContext, app: AppContext): ValueCandidate[] {
  const name = context.attribute.name;
  const { owner } = context;

  if (owner.kind === 'condition') {
    if (name === 'name') {
      return conditionNameCandidates(owner);
    }
    if (name === 'required' || name === 'embed' || name === 'state') {
      return fixedValues(name, CONDITION_VALUES[name]);
    }
    return [];
  }

  const webhook = owner.webhook;
  switch (name) {
    case 'type':
      return fixedValues(name, WEBHOOK_TYPES);
    case 'receiver':
      return fixedValues(name, RECEIVERS);
    case 'action':
      // A pdfmailer action names a template kept on the server, which cannot be listed here.
      if (webhook.receiver === 'pdfmailer') {
        return [];
      }
      return (app.cloudCodeTasks ?? []).map((task) => ({
        value: task,
        kind: 'module',
        detail: 'CloudCode task',
        documentation: `Runs the task in the folder \`cloudcode/${task}/\`.`,
      }));
    case 'name':
      return defaultNameCandidate(owner);
    default:
      return [];
  }
}

function fixedValues(attributeName: string, values: readonly string[]): ValueCandidate[] {
  return values.map((value, index) => ({
    value,
    kind: 'value',
    detail:
      index === 0 && attributeName !== 'type' && attributeName !== 'receiver'
        ? 'default'
        : undefined,
    documentation: describeValue(attributeName, value),
  }));
}

/** Offers the name the platform would give the webhook, once its type is valid. */
function defaultNameCandidate(
  owner: Extract<AttributeOwner, { kind: 'webhook' }>,
): ValueCandidate[] {
  const { webhook, model } = owner;
  if (!(WEBHOOK_TYPES as readonly string[]).includes(webhook.type ?? '')) {
    return [];
  }
  const name = defaultWebhookName(model.name, webhook.type, webhook.receiver, webhook.action);
  if (!NAME_PATTERN.test(name)) {
    return [];
  }
  return [
    {
      value: name,
      kind: 'value',
      detail: 'default name',
      documentation: 'The name the platform gives this webhook when `name` is missing.',
    },
  ];
}

/**
 * Offers the model's fields and belongs-to relationships that no other condition of the
 * webhook names yet. With `state` on the condition, attachments come first.
 */
function conditionNameCandidates(
  owner: Extract<AttributeOwner, { kind: 'condition' }>,
): ValueCandidate[] {
  const used = new Set<string>();
  for (const condition of owner.webhook.conditions) {
    if (condition !== owner.condition && condition.name !== undefined) {
      used.add(condition.name);
    }
  }
  const targets: [string, FieldInfo | RelationshipInfo][] = [];
  for (const entry of owner.model.conditionTargets) {
    if (!used.has(entry[0])) {
      targets.push(entry);
    }
  }
  if (attribute(owner.condition.element, 'state') !== undefined) {
    // Array.prototype.sort is stable, so the model's order is kept within each group.
    targets.sort((a, b) => Number(isAttachment(b[1])) - Number(isAttachment(a[1])));
  }

  return targets.map(([name, target]) => ({
    value: name,
    kind: isRelationship(target) ? 'reference' : 'field',
    detail: summarizeConditionTarget(target),
    documentation: describeConditionTarget(target),
  }));
}

function sortKey(index: number): string {
  return index.toString().padStart(3, '0');
}

const ENTITY_REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '"': '&quot;' };

/** Escapes the characters that would end or break a double-quoted attribute value. */
function escapeAttributeValue(value: string): string {
  return value.replace(/[&<"]/g, (character) => ENTITY_REFERENCES[character]);
}
