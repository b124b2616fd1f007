import { attribute } from '../scanner';
import { closestMatch, quotedList } from '../suggest';
import type { ModelRule } from './rule';

export const WEBHOOK_TYPES = ['ready', 'update'] as const;

/** A webhook needs `type="ready"` or `type="update"`, matched exactly. */
export const webhookTypeRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      const type = attribute(webhook.element, 'type');
      if (type === undefined) {
        report({
          code: 'webhook-type-missing',
          span: webhook.element.nameSpan,
          message:
            'Webhook has no type. Add type="ready" to fire once per object or type="update" to fire on every save.',
        });
        continue;
      }
      if ((WEBHOOK_TYPES as readonly string[]).includes(type.value)) {
        continue;
      }
      const suggestion = closestMatch(type.value, WEBHOOK_TYPES);
      report({
        code: 'webhook-type-invalid',
        span: type.valueSpan,
        message:
          `Invalid webhook type "${type.value}". Expected ${quotedList(WEBHOOK_TYPES)}.` +
          (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
        data: suggestion === undefined ? undefined : { suggestion },
      });
    }
  },
};
