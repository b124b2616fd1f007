import { isAttachment, isRelationship } from '../model-index';
import { attribute } from '../scanner';
import { describeTarget, type ModelRule } from './rule';

/** `state` means something only for attachments; `embed` only for attachments and belongs-to. */
export const conditionApplicabilityRule: ModelRule = {
  scope: 'model',
  check(model, report) {
    for (const webhook of model.webhooks) {
      for (const condition of webhook.conditions) {
        const target =
          condition.name === undefined ? undefined : model.conditionTargets.get(condition.name);
        if (target === undefined || isAttachment(target)) {
          continue;
        }
        const described = describeTarget(
          target.name,
          isRelationship(target) ? undefined : target.type,
        );
        const state = attribute(condition.element, 'state');
        if (state !== undefined) {
          report({
            code: 'condition-state-not-attachment',
            span: state.nameSpan,
            message: `state has no effect on ${described}. It applies only to photo, signature and attachment fields.`,
          });
        }
        const embed = attribute(condition.element, 'embed');
        if (embed !== undefined && !isRelationship(target)) {
          report({
            code: 'condition-embed-not-applicable',
            span: embed.nameSpan,
            message: `embed has no effect on ${described}. It applies only to attachments and belongs-to relationships.`,
          });
        }
      }
    }
  },
};
