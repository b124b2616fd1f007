import type { DiagnosticCode } from '../catalogue';
import type { Report } from '../report';
import type { XmlElement } from '../scanner';
import { closestMatch } from '../suggest';
import type { ModelRule } from './rule';

export const WEBHOOK_ATTRIBUTES = ['type', 'name', 'receiver', 'action'] as const;
export const CONDITION_ATTRIBUTES = ['name', 'required', 'embed', 'state'] as const;

/** Attributes the platform does not know on `<webhook>` and on its condition `<field>`s. */
export const unknownAttributesRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      checkElement(webhook.element, WEBHOOK_ATTRIBUTES, 'webhook-attribute-unknown', report);
      for (const condition of webhook.conditions) {
        checkElement(
          condition.element,
          CONDITION_ATTRIBUTES,
          'condition-attribute-unknown',
          report,
        );
      }
    }
  },
};

function checkElement(
  element: XmlElement,
  allowed: readonly string[],
  code: DiagnosticCode,
  report: Report,
): void {
  const owner = code === 'webhook-attribute-unknown' ? 'webhook' : 'condition';
  for (const item of element.attributes) {
    if (allowed.includes(item.name) || item.name.startsWith('xmlns')) {
      continue;
    }
    const suggestion = closestMatch(item.name, allowed);
    const expected = `Expected ${allowed.join(', ')}.`;
    report({
      code,
      span: item.nameSpan,
      message:
        `Unknown ${owner} attribute "${item.name}".` +
        (suggestion === undefined ? ` ${expected}` : ` Did you mean "${suggestion}"?`) +
        (owner === 'webhook' && suggestion === undefined ? ENDPOINT_NOTE : ''),
      data: suggestion === undefined ? undefined : { suggestion },
    });
  }
}

const ENDPOINT_NOTE =
  ' An external webhook\'s endpoint and secret are set in the backend under "Manage Webhooks", not in the data model.';
