import { attribute } from '../scanner';
import { NAME_PATTERN } from '../rules/webhook-name';
import { WEBHOOK_TYPES } from '../rules/webhook-type';
import {
  documentLineBreak,
  elementLines,
  insertAttribute,
  lineEndAfter,
  removeAttribute,
  replaceSpan,
} from './code-action-edits';
import type { Fix, FixContext } from './code-action-fixes';
import { usedWebhookNames, uniqueName } from './code-action-names';

/**
 * Quick fixes that add, remove or move parts of a `<webhook>`. Attributes go where the
 * documentation writes them: type, name, receiver, action.
 */

/** Offers `type="ready"` and `type="update"`, inserted right after the tag name. */
export function addType(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  if (webhook === undefined || attribute(webhook.element, 'type') !== undefined) {
    return [];
  }
  return WEBHOOK_TYPES.map((type) => ({
    title: `Add type="${type}"`,
    edits: [insertAttribute(context.text, webhook.element, [], 'type', type)],
  }));
}

/** Adds the name the platform would give the webhook, after its type. */
export function addName(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  const name = context.diagnostic.data?.suggestion;
  if (webhook === undefined || name === undefined || !NAME_PATTERN.test(name)) {
    return [];
  }
  return [
    {
      title: `Add name="${name}"`,
      edits: [insertAttribute(context.text, webhook.element, ['type'], 'name', name)],
      preferred: true,
    },
  ];
}

/**
 * Removes an `action` that has no receiver. When the action names a task of the app's
 * `cloudcode/` folder, adding `receiver="cloudcode"` is offered first instead.
 */
export function removeOrCompleteAction(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  const action = webhook === undefined ? undefined : attribute(webhook.element, 'action');
  if (webhook === undefined || action === undefined) {
    return [];
  }
  const isTask = context.app.cloudCodeTasks?.includes(action.value) ?? false;
  const remove: Fix = {
    title: `Remove action="${action.value}"`,
    edits: [removeAttribute(context.text, action)],
    preferred: !isTask,
  };
  if (!isTask) {
    return [remove];
  }
  const addReceiver: Fix = {
    title: 'Add receiver="cloudcode"',
    edits: [
      insertAttribute(context.text, webhook.element, ['name', 'type'], 'receiver', 'cloudcode'),
    ],
    preferred: true,
  };
  return [addReceiver, remove];
}

/** Offers one `action="<task>"` per CloudCode task of the app, after the receiver. */
export function addAction(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  const tasks = context.app.cloudCodeTasks;
  if (webhook === undefined || webhook.receiver !== 'cloudcode' || tasks === undefined) {
    return [];
  }
  return [...tasks].sort().map((task) => ({
    title: `Add action="${task}"`,
    edits: [
      insertAttribute(context.text, webhook.element, ['receiver', 'name', 'type'], 'action', task),
    ],
    preferred: tasks.length === 1,
  }));
}

/**
 * Appends `_2`, `_3` and so on to a duplicate name, choosing the first that no other
 * webhook uses. A webhook without a name gets the new name as a `name` attribute.
 */
export function makeNameUnique(context: FixContext): Fix[] {
  const webhook = context.location.webhook;
  if (webhook === undefined) {
    return [];
  }
  const name = uniqueName(webhook.effectiveName, usedWebhookNames(context.document, webhook));
  if (!NAME_PATTERN.test(name)) {
    return [];
  }
  const explicit = attribute(webhook.element, 'name');
  const edit =
    explicit === undefined
      ? insertAttribute(context.text, webhook.element, ['type'], 'name', name)
      : replaceSpan(explicit.valueSpan, name);
  return [{ title: `Rename webhook to "${name}"`, edits: [edit], preferred: true }];
}

/**
 * Moves a webhook after the last child of its model. The webhook is cut with its own line
 * and pasted on a new line with the same indentation and the file's line break.
 */
export function moveToEnd(context: FixContext): Fix[] {
  const { webhook, model } = context.location;
  if (webhook === undefined || model === undefined || !webhook.element.closed) {
    return [];
  }
  const children = model.element.children;
  const last = children[children.length - 1];
  if (last === webhook.element || !last.closed) {
    return [];
  }

  const text = context.text;
  const cut = elementLines(text, webhook.element);
  const indentation = cut.alone ? cut.indentation : elementLines(text, last).indentation;
  const lineBreak = cut.alone && cut.lineBreak !== '' ? cut.lineBreak : documentLineBreak(text);
  const insertAt = lineEndAfter(text, last);
  const webhookText = text.slice(webhook.element.start, webhook.element.end);

  return [
    {
      title: `Move webhook to the end of model "${model.name}"`,
      edits: [
        replaceSpan(cut.removal, ''),
        replaceSpan({ start: insertAt, end: insertAt }, lineBreak + indentation + webhookText),
      ],
      preferred: true,
    },
  ];
}
