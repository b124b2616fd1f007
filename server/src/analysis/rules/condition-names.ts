import { isRelationship, type ModelIndex } from '../model-index';
import type { Report } from '../report';
import { attribute } from '../scanner';
import { closestMatch } from '../suggest';
import type { ModelRule } from './rule';

/**
 * Maximum number of unknown condition names given a "did you mean" in one model. Each lookup
 * compares against every field of the model, and a model is checked again on each edit.
 */
const MAX_SUGGESTIONS = 50;

/** Each condition names a field or belongs-to relationship of its model, once per webhook. */
export const conditionNamesRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    const budget = { suggestions: MAX_SUGGESTIONS };
    for (const webhook of model.webhooks) {
      const seen = new Map<string, { start: number; end: number }>();
      for (const condition of webhook.conditions) {
        const name = attribute(condition.element, 'name');
        if (name === undefined || name.value === '') {
          report({
            code: 'condition-name-missing',
            span: name === undefined ? condition.element.nameSpan : name.nameSpan,
            message: `Condition <field> has no name. Name a field or belongs-to relationship of model "${model.name}".`,
          });
          continue;
        }
        const first = seen.get(name.value);
        if (first !== undefined) {
          report({
            code: 'condition-duplicate',
            span: name.valueSpan,
            message: `Duplicate condition on "${name.value}". Each field can have one condition per webhook; merge the two.`,
            related: [{ span: first, message: `The first condition on "${name.value}" is here.` }],
          });
          continue;
        }
        seen.set(name.value, name.valueSpan);
        if (!model.conditionTargets.has(name.value)) {
          reportUnknown(model, name.value, name.valueSpan, report, budget);
        }
      }
    }
  },
};

function reportUnknown(
  model: ModelIndex,
  name: string,
  span: { start: number; end: number },
  report: Report,
  budget: { suggestions: number },
): void {
  const hasMany = model.relationships.find(
    (item) => item.kind === 'has-many' && item.name === name,
  );
  if (hasMany !== undefined) {
    report({
      code: 'condition-field-unknown',
      span,
      message: `"${name}" is a has-many relationship of model "${model.name}". A condition can name only a field or a belongs-to relationship.`,
    });
    return;
  }

  // A condition names the relationship (`user`), not the id field the platform adds (`user_id`).
  const idOf = name.endsWith('_id') ? model.conditionTargets.get(name.slice(0, -3)) : undefined;
  const suggestion =
    idOf !== undefined && isRelationship(idOf)
      ? idOf.name
      : budget.suggestions-- > 0
        ? closestMatch(name, model.conditionTargets.keys())
        : undefined;
  const hint =
    idOf !== undefined && isRelationship(idOf)
      ? ` A condition names the relationship, not its id: did you mean "${suggestion}"?`
      : suggestion === undefined
        ? ''
        : ` Did you mean "${suggestion}"?`;
  report({
    code: 'condition-field-unknown',
    span,
    message: `Model "${model.name}" has no field or belongs-to relationship "${name}".${hint}`,
    data: suggestion === undefined ? undefined : { suggestion },
  });
}
