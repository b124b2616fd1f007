import {
  isAttachment,
  isRelationship,
  type ConditionInfo,
  type ModelIndex,
  type WebhookInfo,
} from '../model-index';
import { NAME_PATTERN } from '../rules/webhook-name';
import { attribute, type XmlElement } from '../scanner';
import { quotedList } from '../suggest';
import { WEBHOOK_TYPES } from '../rules/webhook-type';
import type { AppContext } from '../types';
import { inlineCode } from './hover-descriptions';

/**
 * Describes a webhook in Markdown: its effective name, when it fires (one sentence built from
 * its type and required conditions) and what handles it.
 */
export function describeWebhook(webhook: WebhookInfo, app: AppContext): string {
  const title =
    webhook.name === undefined
      ? `**webhook** ${inlineCode(webhook.effectiveName)} (default name)`
      : `**webhook** ${inlineCode(webhook.name)}`;
  return [title, firingSentence(webhook), handlerSentence(webhook, app)].join('\n\n');
}

/**
 * Returns when the webhook fires, such as "Fires once, when photo is uploaded and user is
 * set." A condition with `required="false"` does not hold it back, so it is left out.
 */
export function firingSentence(webhook: WebhookInfo): string {
  const type = webhook.type;
  if (type === undefined) {
    return 'Cannot fire: it has no type. Add `type="ready"` or `type="update"`.';
  }
  if (!(WEBHOOK_TYPES as readonly string[]).includes(type)) {
    return `Cannot fire: its type "${type}" is not ${quotedList(WEBHOOK_TYPES)}.`;
  }

  const phrases = conditionPhrases(webhook);
  if (type === 'ready') {
    return phrases.length === 0
      ? 'Fires once, when an object is created.'
      : `Fires once, when ${joinWithAnd(phrases)}.`;
  }
  return phrases.length === 0
    ? 'Fires on every save.'
    : `Fires on every save while ${joinWithAnd(phrases)}.`;
}

/** Describes what a condition waits for and whether the request embeds its value. */
export function conditionSentence(model: ModelIndex, condition: ConditionInfo): string {
  const conditionName = condition.name ?? '';
  const name = readableName(conditionName);
  const target = model.conditionTargets.get(conditionName);
  const sentences = [
    attribute(condition.element, 'required')?.value === 'false'
      ? `The webhook does not wait for ${name}.`
      : `The webhook waits until ${statePhrase(name, condition.element)}.`,
  ];
  if (target !== undefined && (isAttachment(target) || isRelationship(target))) {
    const embedded = attribute(condition.element, 'embed')?.value !== 'false';
    sentences.push(embedded ? 'The request embeds it.' : 'The request does not embed it.');
  }
  return sentences.join(' ');
}

function handlerSentence(webhook: WebhookInfo, app: AppContext): string {
  const { receiver, action } = webhook;
  if (receiver === undefined) {
    return (
      `Sends an HTTP POST to the endpoint set for ${inlineCode(webhook.effectiveName)} in the backend ` +
      'under Manage Webhooks. It does not fire until that endpoint is set.'
    );
  }
  if (receiver === 'cloudcode') {
    if (action === undefined || action === '') {
      return 'Runs a CloudCode task, but has no `action` naming it.';
    }
    const missing = app.cloudCodeTasks !== undefined && !app.cloudCodeTasks.includes(action);
    return (
      `Runs the CloudCode task ${inlineCode(action)}.` +
      (missing ? ` This app has no folder ${inlineCode(`cloudcode/${action}/`)}.` : '')
    );
  }
  if (receiver === 'pdfmailer') {
    return action === undefined || action === ''
      ? 'Uses the legacy pdfmailer receiver, but has no `action` naming a PDF template.'
      : `Uses the PDF template ${inlineCode(action)} through the legacy pdfmailer receiver.`;
  }
  return `Cannot run: its receiver "${receiver}" is not "cloudcode" or "pdfmailer".`;
}

/**
 * Returns one phrase per field that the webhook waits for, in the order of each field's first
 * required condition. All conditions must hold, so a field named twice is waited for when
 * either condition is required, and must be uploaded when a required one has
 * `state="uploaded"`. A name that is no field or belongs-to relationship of the model is
 * marked as unknown.
 * NOTE: whether the platform checks both conditions on a repeated field is not documented.
 */
function conditionPhrases(webhook: WebhookInfo): string[] {
  const mustUpload = new Map<string, boolean>();
  for (const condition of webhook.conditions) {
    const name = condition.name;
    if (name === undefined || name === '') {
      continue;
    }
    if (attribute(condition.element, 'required')?.value === 'false') {
      continue;
    }
    const uploaded = attribute(condition.element, 'state')?.value === 'uploaded';
    mustUpload.set(name, (mustUpload.get(name) ?? false) || uploaded);
  }

  const phrases: string[] = [];
  for (const [name, uploaded] of mustUpload) {
    const readable = readableName(name);
    const phrase = uploaded ? `${readable} is uploaded` : `${readable} is set`;
    const known = webhook.model.conditionTargets.has(name);
    phrases.push(known ? phrase : `${phrase} (unknown field)`);
  }
  return phrases;
}

function statePhrase(name: string, element: XmlElement): string {
  return attribute(element, 'state')?.value === 'uploaded'
    ? `${name} is uploaded`
    : `${name} is set`;
}

/** Returns a name as plain words when it matches the platform's name pattern, else as code. */
function readableName(name: string): string {
  return NAME_PATTERN.test(name) ? name : inlineCode(name);
}

function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) {
    return parts.join('');
  }
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
