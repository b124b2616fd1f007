import { attribute } from '../scanner';
import { closestMatch, quotedList } from '../suggest';
import type { ModelRule } from './rule';

export const RECEIVERS = ['cloudcode', 'pdfmailer'] as const;

/** `receiver` must be known, and `action` goes with a receiver and only with one. */
export const webhookReceiverRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      const receiver = attribute(webhook.element, 'receiver');
      const action = attribute(webhook.element, 'action');

      if (receiver !== undefined && !(RECEIVERS as readonly string[]).includes(receiver.value)) {
        const suggestion = closestMatch(receiver.value, RECEIVERS);
        report({
          code: 'webhook-receiver-invalid',
          span: receiver.value === '' ? receiver.nameSpan : receiver.valueSpan,
          message:
            `Invalid receiver "${receiver.value}". Expected ${quotedList(RECEIVERS)}, or no receiver for an external webhook.` +
            (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
          data: suggestion === undefined ? undefined : { suggestion },
        });
      }

      if (receiver !== undefined && action === undefined) {
        const actionTarget =
          receiver.value === 'pdfmailer' ? 'the PDF template to use' : 'the CloudCode task to run';
        report({
          code: 'webhook-action-missing',
          span: webhook.element.nameSpan,
          message: `Webhook with receiver "${receiver.value}" has no action. Add action="..." naming ${actionTarget}.`,
        });
      }

      if (receiver === undefined && action !== undefined) {
        report({
          code: 'webhook-action-without-receiver',
          span: action.value === '' ? action.nameSpan : action.valueSpan,
          message: `Action "${action.value}" is not allowed without a receiver. Add receiver="cloudcode" to run a CloudCode task, or remove the action for an external webhook.`,
        });
      }
    }
  },
};
