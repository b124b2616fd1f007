import { NAME_PATTERN } from '../rules/webhook-name';
import { defaultWebhookName } from '../model-index';
import { replaceSpan } from './code-action-edits';
import type { Fix, FixBuilder, FixContext } from './code-action-fixes';
import { usedWebhookNames, uniqueName } from './code-action-names';

/**
 * Quick fixes that replace one value or attribute name with the one the diagnostic
 * suggests, such as `Ready` with `ready` or `reciever` with `receiver`.
 */

/** Replaces the value under the diagnostic with its suggestion. */
export function replaceWithSuggestion(context: FixContext): Fix[] {
  const suggestion = context.diagnostic.data?.suggestion;
  if (suggestion === undefined) {
    return [];
  }
  return [changeValue(context, suggestion, true)];
}

/**
 * Returns a builder for an attribute with a fixed set of values: it replaces the value with
 * the suggestion, or offers each allowed value when none is close.
 */
export function replaceWithAllowedValue(values: readonly string[]): FixBuilder {
  return (context) => {
    const suggestion = context.diagnostic.data?.suggestion;
    if (suggestion !== undefined) {
      return [changeValue(context, suggestion, true)];
    }
    return values.map((value) => changeValue(context, value, false));
  };
}

/** Replaces an unknown CloudCode task with each task of the app, the closest one first. */
export function replaceCloudCodeTask(context: FixContext): Fix[] {
  const suggestion = context.diagnostic.data?.suggestion;
  const tasks = [...(context.app.cloudCodeTasks ?? [])].sort();
  const ordered =
    suggestion === undefined ? tasks : [suggestion, ...tasks.filter((task) => task !== suggestion)];
  return ordered.map((task) => changeValue(context, task, task === suggestion));
}

/** Renames an unknown attribute to the suggested one, unless the element already has it. */
export function renameAttribute(context: FixContext): Fix[] {
  const suggestion = context.diagnostic.data?.suggestion;
  const { element, attribute } = context.location;
  if (suggestion === undefined || element === undefined || attribute === undefined) {
    return [];
  }
  if (element.attributes.some((item) => item.name === suggestion)) {
    return [];
  }
  return [
    {
      title: `Change attribute "${attribute.name}" to "${suggestion}"`,
      edits: [replaceSpan(context.span, suggestion)],
      preferred: true,
    },
  ];
}

/**
 * Replaces an invalid webhook name with the suggested valid one, or an empty name with the
 * platform's default name. A number is appended when another webhook uses that name.
 */
export function replaceInvalidName(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  const item = context.location.attribute;
  if (webhook === undefined || item === undefined || item.name !== 'name') {
    return [];
  }
  const model = webhook.model;
  const base =
    context.diagnostic.data?.suggestion ??
    (item.value === ''
      ? defaultWebhookName(model.name, webhook.type, webhook.receiver, webhook.action)
      : undefined);
  if (base === undefined || !NAME_PATTERN.test(base)) {
    return [];
  }
  const usedNames = usedWebhookNames(context.document, webhook);
  const name = usedNames.has(base) ? uniqueName(base, usedNames) : base;
  return [
    {
      title: `Change name to "${name}"`,
      edits: [replaceSpan(item.valueSpan, name)],
      preferred: true,
    },
  ];
}

function changeValue(context: FixContext, value: string, preferred: boolean): Fix {
  const attributeName = context.location.attribute?.name;
  const title =
    attributeName === undefined ? `Change to "${value}"` : `Change ${attributeName} to "${value}"`;
  return { title, edits: [replaceSpan(context.span, value)], preferred };
}
