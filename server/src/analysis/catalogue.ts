import type { Severity } from './types';

/**
 * Every diagnostic the analysis can report. A code never changes once published: editors
 * and scripts match on it. The README's table is generated from this list.
 */
export const DIAGNOSTIC_CATALOGUE = [
  entry('xml-syntax-error', 'error', 'The XML is not well-formed.'),
  entry(
    'xml-syntax-warning',
    'warning',
    'The XML parses, but with a problem such as an entity reference that is not expanded.',
  ),
  entry(
    'webhook-outside-model',
    'error',
    'A `<webhook>` is not a direct child of a `<model>`, so the platform ignores it.',
  ),
  entry(
    'element-order',
    'error',
    'A model child comes after a later group: fields, then relationships, then display, notify-user, index and webhook.',
  ),
  entry(
    'webhook-not-last',
    'information',
    'A `<webhook>` comes before other display, notify-user or index elements; by convention webhooks come last.',
  ),
  entry(
    'webhook-type-missing',
    'error',
    'A `<webhook>` has no `type`; it must be `ready` or `update`.',
  ),
  entry(
    'webhook-type-invalid',
    'error',
    'A `type` is neither `ready` nor `update` (values are case-sensitive).',
  ),
  entry(
    'webhook-name-missing',
    'warning',
    'A `<webhook>` has no `name`; the platform gives it a default name, shown in the message.',
  ),
  entry(
    'webhook-name-invalid',
    'error',
    'A webhook `name` does not match `^[a-zA-Z][A-Za-z0-9_]*$`.',
  ),
  entry(
    'webhook-name-duplicate',
    'error',
    'Two webhooks in the file have the same explicit or default name.',
  ),
  entry(
    'webhook-receiver-invalid',
    'error',
    'A `receiver` is neither `cloudcode` nor `pdfmailer`.',
  ),
  entry('webhook-action-missing', 'error', 'A webhook with a `receiver` has no `action`.'),
  entry('webhook-action-without-receiver', 'error', 'A webhook has an `action` but no `receiver`.'),
  entry(
    'webhook-action-unknown-task',
    'warning',
    "A CloudCode webhook names a task with no folder under the app's `cloudcode/`.",
  ),
  entry(
    'webhook-attribute-unknown',
    'warning',
    'A `<webhook>` has an attribute other than `type`, `name`, `receiver` and `action`.',
  ),
  entry(
    'webhook-child-unknown',
    'warning',
    'A `<webhook>` contains an element other than `<field>`, which the platform ignores.',
  ),
  entry(
    'webhook-text-stray',
    'warning',
    'A `<webhook>` contains text, which the platform ignores.',
  ),
  entry('condition-name-missing', 'error', 'A condition `<field>` has no `name`.'),
  entry(
    'condition-field-unknown',
    'error',
    'A condition names no field or belongs-to relationship of its model.',
  ),
  entry('condition-duplicate', 'warning', 'A webhook has two conditions on the same field.'),
  entry(
    'condition-attribute-unknown',
    'warning',
    'A condition `<field>` has an attribute other than `name`, `required`, `embed` and `state`.',
  ),
  entry(
    'condition-required-invalid',
    'error',
    '`required` is neither `true` nor `false`. An empty value means the default.',
  ),
  entry(
    'condition-embed-invalid',
    'error',
    '`embed` is neither `true` nor `false`. An empty value means the default.',
  ),
  entry(
    'condition-state-invalid',
    'error',
    '`state` is neither `present` nor `uploaded`. An empty value means the default.',
  ),
  entry(
    'condition-state-not-attachment',
    'warning',
    '`state` is set on a condition whose field is not a photo, signature or attachment.',
  ),
  entry(
    'condition-embed-not-applicable',
    'warning',
    '`embed` is set on a condition whose field is neither an attachment nor a belongs-to relationship.',
  ),
  entry(
    'relationship-model-unknown',
    'error',
    'A belongs-to or has-many relationship names a model that the data model does not define.',
  ),
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CATALOGUE)[number]['code'];

export interface CatalogueEntry<Code extends string = string> {
  code: Code;
  severity: Severity;
  summary: string;
}

export const DIAGNOSTIC_SOURCE = 'oxide-webhooks';

const SEVERITY_BY_CODE = new Map<string, Severity>(
  DIAGNOSTIC_CATALOGUE.map((item) => [item.code, item.severity]),
);

export function severityOf(code: DiagnosticCode): Severity {
  return SEVERITY_BY_CODE.get(code) ?? 'error';
}

function entry<Code extends string>(
  code: Code,
  severity: Severity,
  summary: string,
): CatalogueEntry<Code> {
  return { code, severity, summary };
}
