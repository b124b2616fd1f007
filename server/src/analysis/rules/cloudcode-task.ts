import { attribute } from '../scanner';
import { closestMatch, quotedList } from '../suggest';
import type { DocumentRule } from './rule';

/** A CloudCode webhook's action names a task folder under the app's `cloudcode/`. */
export const cloudCodeTaskRule: DocumentRule = {
  scope: 'document',
  check({ models, app }, report) {
    const tasks = app.cloudCodeTasks;
    if (tasks === undefined) {
      return;
    }
    for (const model of models) {
      for (const webhook of model.webhooks) {
        const action = attribute(webhook.element, 'action');
        if (
          webhook.receiver !== 'cloudcode' ||
          action === undefined ||
          action.value === '' ||
          tasks.includes(action.value)
        ) {
          continue;
        }
        const suggestion = closestMatch(action.value, tasks);
        const expected =
          tasks.length === 0
            ? 'The folder has no tasks.'
            : `Expected ${quotedList([...tasks].sort())}.`;
        report({
          code: 'webhook-action-unknown-task',
          span: action.valueSpan,
          message:
            `CloudCode task "${action.value}" not found in the app's cloudcode/ folder. ${expected}` +
            (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`),
          data: suggestion === undefined ? undefined : { suggestion },
        });
      }
    }
  },
};
