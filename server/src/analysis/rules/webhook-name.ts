import { attribute } from '../scanner';
import type { ModelRule } from './rule';

export const NAME_PATTERN = /^[a-zA-Z][A-Za-z0-9_]*$/;

/** A webhook should have a valid, explicit name: the backend configures webhooks by name. */
export const webhookNameRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      const name = attribute(webhook.element, 'name');
      if (name === undefined) {
        report({
          code: 'webhook-name-missing',
          span: webhook.element.nameSpan,
          message: `Webhook has no name, so the platform names it "${webhook.effectiveName}". Add name="${webhook.effectiveName}" to keep that name if the webhook changes.`,
          data: { suggestion: webhook.effectiveName },
        });
        continue;
      }
      if (NAME_PATTERN.test(name.value)) {
        continue;
      }
      const suggestion = validNameFrom(name.value);
      const problem =
        name.value === '' ? 'Webhook name is empty.' : `Invalid webhook name "${name.value}".`;
      report({
        code: 'webhook-name-invalid',
        span: name.value === '' ? name.nameSpan : name.valueSpan,
        message: `${problem} A name starts with a letter and contains only letters, digits and underscores.`,
        data: suggestion === undefined ? undefined : { suggestion },
      });
    }
  },
};

/** Turns `bad name` into `bad_name`; returns undefined when nothing valid remains. */
function validNameFrom(value: string): string | undefined {
  const replaced = value.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return NAME_PATTERN.test(replaced) ? replaced : undefined;
}
