import type { ModelRule } from './rule';

/** A webhook holds only `<field>` conditions; the platform silently ignores anything else. */
export const webhookContentRule: ModelRule = {
  scope: 'model',
  check(model, report, text) {
    for (const webhook of model.webhooks) {
      for (const child of webhook.element.children) {
        if (child.name === 'field') {
          continue;
        }
        report({
          code: 'webhook-child-unknown',
          span: child.nameSpan,
          message: `Unknown element <${child.name}> in a webhook, which the platform ignores. A webhook contains only <field> conditions.`,
        });
      }
      for (const span of webhook.element.texts) {
        report({
          code: 'webhook-text-stray',
          span,
          message: `Unexpected text "${excerpt(text.slice(span.start, span.end))}" in a webhook, which the platform ignores. A webhook contains only <field> conditions.`,
        });
      }
    }
  },
};

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
