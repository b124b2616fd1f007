import type { WebhookInfo } from '../model-index';
import { attribute } from '../scanner';
import type { Span } from '../types';
import type { DocumentRule } from './rule';

/**
 * Webhook names are unique in an app because the backend lists and configures webhooks by
 * name. A webhook without a name takes its default name, so defaults can collide too.
 */
export const webhookNameDuplicateRule: DocumentRule = {
  scope: 'document',
  check({ models }, report) {
    const byName = new Map<string, WebhookInfo[]>();
    for (const model of models) {
      for (const webhook of model.webhooks) {
        const list = byName.get(webhook.effectiveName);
        if (list === undefined) {
          byName.set(webhook.effectiveName, [webhook]);
        } else {
          list.push(webhook);
        }
      }
    }

    for (const [name, webhooks] of byName) {
      if (webhooks.length < 2) {
        continue;
      }
      for (const webhook of webhooks) {
        // Related places are capped so a name repeated thousands of times stays linear.
        const relatedUses = firstOthers(webhooks, webhook);
        const more =
          webhooks.length > relatedUses.length + 1 ? ` It is used ${webhooks.length} times.` : '';
        const implicit = webhook.name === undefined ? ' (the default name of this webhook)' : '';
        report({
          code: 'webhook-name-duplicate',
          span: nameSpan(webhook),
          message: `Duplicate webhook name "${name}"${implicit}. Webhook names must be unique in the app.${more}`,
          related: relatedUses.map((other) => ({
            span: nameSpan(other),
            message:
              other.name === undefined
                ? `"${name}" is also the default name of this webhook.`
                : `"${name}" is also used here.`,
          })),
        });
      }
    }
  },
};

const MAX_RELATED = 5;

function firstOthers(webhooks: WebhookInfo[], webhook: WebhookInfo): WebhookInfo[] {
  const others: WebhookInfo[] = [];
  for (const other of webhooks) {
    if (other !== webhook) {
      others.push(other);
      if (others.length === MAX_RELATED) {
        break;
      }
    }
  }
  return others;
}

function nameSpan(webhook: WebhookInfo): Span {
  const name = attribute(webhook.element, 'name');
  return name === undefined ? webhook.element.nameSpan : name.valueSpan;
}
