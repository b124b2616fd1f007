import { attribute } from '../scanner';
import { closestMatch } from '../suggest';
import type { DocumentRule } from './rule';

/**
 * Maximum number of unknown models given a "did you mean". This rule runs on every edit, and
 * each lookup compares against every model name.
 */
const MAX_SUGGESTIONS = 50;

/** A belongs-to or has-many relationship must name a model of this data model. */
export const relationshipModelRule: DocumentRule = {
  scope: 'document',
  check({ models }, report) {
    const modelNames = new Set(models.map((model) => model.name));
    let suggestionsLeft = MAX_SUGGESTIONS;
    for (const model of models) {
      for (const relationship of model.relationships) {
        if (relationship.model === undefined || modelNames.has(relationship.model)) {
          continue;
        }
        const item = attribute(
          relationship.element,
          model.dialect === 'schema' ? 'type' : 'model',
        )!;
        const suggestion =
          suggestionsLeft-- > 0 ? closestMatch(relationship.model, modelNames) : undefined;
        report({
          code: 'relationship-model-unknown',
          span: item.value === '' ? item.nameSpan : item.valueSpan,
          message:
            `Unknown model "${relationship.model}" in <${relationship.element.name}>. No model with that name is defined in this data model.` +
            (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
          data: suggestion === undefined ? undefined : { suggestion },
        });
      }
    }
  },
};
