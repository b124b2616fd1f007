import { attribute } from '../scanner';
import type { DiagnosticCode } from '../catalogue';
import { closestMatch, quotedList } from '../suggest';
import type { ModelRule } from './rule';

/** The values `required`, `embed` and `state` accept on a condition, the default first. */
export const CONDITION_VALUES = {
  required: ['true', 'false'],
  embed: ['true', 'false'],
  state: ['present', 'uploaded'],
} as const;

/**
 * The platform treats an empty value as the default, so only a non-empty value outside the
 * list is a mistake.
 */
const ALLOWED: { name: string; values: readonly string[]; code: DiagnosticCode }[] = [
  { name: 'required', values: CONDITION_VALUES.required, code: 'condition-required-invalid' },
  { name: 'embed', values: CONDITION_VALUES.embed, code: 'condition-embed-invalid' },
  { name: 'state', values: CONDITION_VALUES.state, code: 'condition-state-invalid' },
];

export const conditionValuesRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      for (const condition of webhook.conditions) {
        for (const { name, values, code } of ALLOWED) {
          const item = attribute(condition.element, name);
          if (item === undefined || item.value === '' || values.includes(item.value)) {
            continue;
          }
          const suggestion = closestMatch(item.value, values);
          report({
            code,
            span: item.valueSpan,
            message:
              `Invalid ${name} value "${item.value}". Expected ${quotedList(values)}.` +
              (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
            data: suggestion === undefined ? undefined : { suggestion },
          });
        }
      }
    }
  },
};
