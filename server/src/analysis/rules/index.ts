import { cloudCodeTaskRule } from './cloudcode-task';
import { conditionApplicabilityRule } from './condition-applicability';
import { conditionNamesRule } from './condition-names';
import { conditionValuesRule } from './condition-values';
import { elementOrderRule } from './element-order';
import { relationshipModelRule } from './relationship-model';
import type { DocumentRule, ModelRule } from './rule';
import { unknownAttributesRule } from './unknown-attributes';
import { webhookContentRule } from './webhook-content';
import { webhookNameRule } from './webhook-name';
import { webhookNameDuplicateRule } from './webhook-name-duplicate';
import { nestedWebhookRule, webhookOutsideModelRule } from './webhook-placement';
import { webhookReceiverRule } from './webhook-receiver';
import { webhookTypeRule } from './webhook-type';

/** Every rule that reads one model at a time. */
export const MODEL_RULES: readonly ModelRule[] = [
  elementOrderRule,
  nestedWebhookRule,
  webhookTypeRule,
  webhookNameRule,
  webhookReceiverRule,
  unknownAttributesRule,
  webhookContentRule,
  conditionNamesRule,
  conditionValuesRule,
  conditionApplicabilityRule,
];

/** Every rule that looks across models or at the app. */
export const DOCUMENT_RULES: readonly DocumentRule[] = [
  webhookOutsideModelRule,
  webhookNameDuplicateRule,
  relationshipModelRule,
  cloudCodeTaskRule,
];
