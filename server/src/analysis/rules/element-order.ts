import type { XmlElement } from '../scanner';
import type { ModelRule } from './rule';

/**
 * The platform requires a model's children in three groups: fields, then relationships,
 * then display, notify-user, index and webhook in any order among themselves. An element that
 * goes back to an earlier group is an error on its tag name, as the platform reports it.
 * Webhooks placed before other elements of the last group are allowed, but by convention
 * come last, which this rule notes with a lower severity.
 */
const GROUP_OF: Record<string, number> = {
  field: 0,
  attribute: 0,
  'belongs-to': 1,
  'has-many': 1,
  belongs_to: 1,
  has_many: 1,
  display: 2,
  'notify-user': 2,
  index: 2,
  webhook: 2,
};

const ORDER =
  'Fields come first, then relationships (belongs-to, has-many), then display, notify-user, index and webhook.';

export const elementOrderRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    let highest = 0;
    let highestElement: XmlElement | undefined;
    let webhooksBefore: XmlElement[] = [];

    for (const child of model.element.children) {
      const group = GROUP_OF[child.name];
      if (group === undefined) {
        continue;
      }
      if (group < highest && highestElement !== undefined) {
        report({
          code: 'element-order',
          span: child.nameSpan,
          message: `<${child.name}> is out of order: it comes after <${highestElement.name}>. ${ORDER}`,
          related: [
            {
              span: highestElement.nameSpan,
              message: `<${highestElement.name}> comes earlier here.`,
            },
          ],
        });
        continue;
      }
      if (group > highest) {
        highest = group;
        highestElement = child;
      }
      if (child.name === 'webhook') {
        webhooksBefore.push(child);
      } else if (group === 2) {
        for (const webhook of webhooksBefore) {
          report({
            code: 'webhook-not-last',
            span: webhook.nameSpan,
            message: `Webhook comes before <${child.name}>. By convention webhooks are the last elements of a model.`,
            related: [
              { span: child.nameSpan, message: `<${child.name}> follows the webhook here.` },
            ],
          });
        }
        webhooksBefore = [];
      }
    }
  },
};
