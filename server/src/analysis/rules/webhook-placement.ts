import { ELEMENT_NAMES } from '../model-index';
import { forEachDescendant, type XmlElement } from '../scanner';
import type { Report } from '../report';
import type { DocumentRule, ModelRule } from './rule';

const MESSAGE = 'A webhook must be a direct child of a model, after its fields and relationships.';

/** Webhooks nested inside a model's other elements are never read by the platform. */
export const nestedWebhookRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const child of model.element.children) {
      // Elements inside a webhook are reported as unknown children instead.
      if (child.name === 'webhook') {
        continue;
      }
      reportWebhooksBelow(child, `<webhook> inside <${child.name}> is ignored.`, report);
    }
  },
};

/** Webhooks anywhere outside a model: under the root or in another element. */
export const webhookOutsideModelRule: DocumentRule = {
  scope: 'document',
  check({ document }, report) {
    const root = document.root;
    if (root === undefined || document.kind === 'other') {
      return;
    }
    const modelName = ELEMENT_NAMES[document.kind].model;
    for (const child of root.children) {
      if (child.name === 'webhook') {
        report({
          code: 'webhook-outside-model',
          span: child.nameSpan,
          message: `<webhook> is outside a model. ${MESSAGE}`,
        });
      } else if (child.name !== modelName) {
        reportWebhooksBelow(child, `<webhook> inside <${child.name}> is outside a model.`, report);
      }
    }
  },
};

function reportWebhooksBelow(element: XmlElement, problem: string, report: Report): void {
  forEachDescendant(element, (descendant) => {
    if (descendant.name === 'webhook') {
      report({
        code: 'webhook-outside-model',
        span: descendant.nameSpan,
        message: `${problem} ${MESSAGE}`,
      });
    }
  });
}
