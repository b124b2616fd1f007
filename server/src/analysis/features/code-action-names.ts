import type { AnalysedDocument } from '../document';
import type { WebhookInfo } from '../model-index';

/** Returns the explicit or default name of every webhook in the document but `except`. */
export function takenWebhookNames(document: AnalysedDocument, except?: WebhookInfo): Set<string> {
  const taken = new Set<string>();
  for (const entry of document.models) {
    for (const webhook of entry.index.webhooks) {
      if (webhook !== except) {
        taken.add(webhook.effectiveName);
      }
    }
  }
  return taken;
}

/** Returns `base_2`, `base_3` and so on: the first that is not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let suffix = 2;
  while (taken.has(`${base}_${suffix}`)) {
    suffix++;
  }
  return `${base}_${suffix}`;
}
