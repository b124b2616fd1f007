import type { AnalysedDocument } from '../document';
import type { WebhookInfo } from '../model-index';

/** Returns the explicit or default name of every webhook in the document but `except`. */
export function usedWebhookNames(document: AnalysedDocument, except?: WebhookInfo): Set<string> {
  const usedNames = new Set<string>();
  for (const entry of document.models) {
    for (const webhook of entry.index.webhooks) {
      if (webhook !== except) {
        usedNames.add(webhook.effectiveName);
      }
    }
  }
  return usedNames;
}

/** Returns the first of `base_2`, `base_3` and so on that is not in `usedNames`. */
export function uniqueName(base: string, usedNames: ReadonlySet<string>): string {
  let suffix = 2;
  while (usedNames.has(`${base}_${suffix}`)) {
    suffix++;
  }
  return `${base}_${suffix}`;
}
