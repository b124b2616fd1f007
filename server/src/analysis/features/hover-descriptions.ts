// Descriptions of each webhook attribute and value, in Markdown, for hover and completion.

import { isRelationship, type FieldInfo, type RelationshipInfo } from '../model-index';
import type { CONDITION_VALUES } from '../rules/condition-values';
import type { CONDITION_ATTRIBUTES, WEBHOOK_ATTRIBUTES } from '../rules/unknown-attributes';
import type { RECEIVERS } from '../rules/webhook-receiver';
import type { WEBHOOK_TYPES } from '../rules/webhook-type';
import { indefiniteArticle } from '../suggest';

type WebhookAttribute = (typeof WEBHOOK_ATTRIBUTES)[number];
type ConditionAttribute = (typeof CONDITION_ATTRIBUTES)[number];

export interface AttributeDescription {
  /** A few words for a completion list, such as the values it takes. */
  summary: string;
  /** The attribute's meaning: the behaviour it sets. */
  meaning: string;
  /** The default, or what happens when the attribute is missing. */
  default: string;
}

export const WEBHOOK_ATTRIBUTE_DESCRIPTIONS: Record<WebhookAttribute, AttributeDescription> = {
  type: {
    summary: 'ready or update, required',
    meaning: 'When the webhook fires: `ready` once per object, `update` on every save.',
    default: 'None. A webhook without a valid type is an error.',
  },
  name: {
    summary: 'unique webhook name',
    meaning:
      'The name the backend lists and configures the webhook by, unique in the app. An external webhook sends it as `event` in the request.',
    default:
      '`<model>_<type>` for an external webhook, `<receiver>_<model>_<type>_<action>` with a receiver.',
  },
  receiver: {
    summary: 'cloudcode or pdfmailer',
    meaning:
      'What handles the webhook: `cloudcode` runs a CloudCode task, `pdfmailer` uses a PDF template.',
    default:
      'None: an external webhook, sent as an HTTP POST to the endpoint set for its name in the backend under Manage Webhooks.',
  },
  action: {
    summary: 'task or template name',
    meaning:
      'The CloudCode task (a folder under `cloudcode/`) or the PDF template that the receiver uses.',
    default: 'None. Required with a `receiver`, and not allowed without one.',
  },
};

export const CONDITION_ATTRIBUTE_DESCRIPTIONS: Record<ConditionAttribute, AttributeDescription> = {
  name: {
    summary: 'field or belongs-to name',
    meaning: 'The field or belongs-to relationship of the model that this condition is about.',
    default: 'None. A condition without a name is an error.',
  },
  required: {
    summary: 'true (default) or false',
    meaning: 'Whether the webhook waits until this field is set.',
    default: '`true`, also when the value is empty.',
  },
  embed: {
    summary: 'true (default) or false',
    meaning:
      'Whether the request embeds the related object or the attachment. Applies to belongs-to relationships and photo, signature and attachment fields.',
    default: '`true`, also when the value is empty.',
  },
  state: {
    summary: 'present (default) or uploaded',
    meaning:
      'For photo, signature and attachment fields: whether the attachment must be uploaded or only present.',
    default: '`present`, also when the value is empty.',
  },
};

type ConditionValues = typeof CONDITION_VALUES;

/** The meaning of each value of the attributes that take a fixed set of values. */
export const VALUE_DESCRIPTIONS: {
  type: Record<(typeof WEBHOOK_TYPES)[number], string>;
  receiver: Record<(typeof RECEIVERS)[number], string>;
  required: Record<ConditionValues['required'][number], string>;
  embed: Record<ConditionValues['embed'][number], string>;
  state: Record<ConditionValues['state'][number], string>;
} = {
  type: {
    ready: 'Fires once per object, the first time all its conditions hold.',
    update:
      'Fires on every save of an object while all its conditions hold. A CloudCode task that saves an object of the same model triggers it again.',
  },
  receiver: {
    cloudcode:
      'Runs the CloudCode task that `action` names, from the folder `cloudcode/<action>/`.',
    pdfmailer:
      'A legacy built-in receiver. `action` names a PDF template kept on the server, which is not checked here.',
  },
  required: {
    true: 'The webhook fires only once this field is set. This is the default.',
    false: 'The webhook can fire while this field is empty.',
  },
  embed: {
    true: 'The request embeds the related object or the attachment. This is the default.',
    false: 'The request does not embed the related object or the attachment.',
  },
  state: {
    present: 'The attachment must exist, uploaded or not. This is the default.',
    uploaded: 'The attachment must be uploaded.',
  },
};

export type DescribedAttribute = keyof typeof VALUE_DESCRIPTIONS;

/** Returns the meaning of `value` for `attribute`, or undefined when either is not known. */
export function describeValue(attribute: string, value: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(VALUE_DESCRIPTIONS, attribute)) {
    return undefined;
  }
  const values = VALUE_DESCRIPTIONS[attribute as DescribedAttribute] as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(values, value) ? values[value] : undefined;
}

/** Returns the description of an attribute of a webhook or of a condition. */
export function describeAttribute(
  owner: 'webhook' | 'condition',
  attribute: string,
): AttributeDescription | undefined {
  const table: Record<string, AttributeDescription> =
    owner === 'webhook' ? WEBHOOK_ATTRIBUTE_DESCRIPTIONS : CONDITION_ATTRIBUTE_DESCRIPTIONS;
  return Object.prototype.hasOwnProperty.call(table, attribute) ? table[attribute] : undefined;
}

/** Describes what a condition names, in one Markdown sentence. */
export function describeConditionTarget(target: FieldInfo | RelationshipInfo): string {
  if (isRelationship(target)) {
    return target.model === undefined
      ? 'A belongs-to relationship without a model.'
      : `A belongs-to relationship to model ${inlineCode(target.model)}.`;
  }
  const article = indefiniteArticle(target.type) === 'an' ? 'An' : 'A';
  const type =
    target.type === '' ? 'A field without a type' : `${article} ${inlineCode(target.type)} field`;
  return target.label === undefined ? `${type}.` : `${type} labelled "${target.label}".`;
}

/** Summarises what a condition names for a completion list: `photo "Photo"`, `belongs-to user`. */
export function summarizeConditionTarget(target: FieldInfo | RelationshipInfo): string {
  if (isRelationship(target)) {
    return `belongs-to ${target.model ?? ''}`.trim();
  }
  const type = target.type === '' ? 'no type' : target.type;
  return target.label === undefined ? type : `${type} "${target.label}"`;
}

/** Formats text as Markdown inline code, with a longer fence when the text has a backtick. */
export function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
