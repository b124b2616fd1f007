import type { AnalysedDocument } from '../document';
import { locate, type Location } from '../locate';
import { defaultWebhookName } from '../model-index';
import { CONDITION_VALUES } from '../rules/condition-values';
import type { XmlAttribute } from '../scanner';
import type { AppContext, Hover, Position, Span } from '../types';
import { attributeOwner, type AttributeOwner } from './cursor';
import {
  describeAttribute,
  describeConditionTarget,
  describeValue,
  inlineCode,
} from './hover-descriptions';
import { conditionSentence, describeWebhook } from './hover-webhook';

/**
 * Returns what the webhook element, condition, attribute or value at `position` means, in
 * short Markdown. Returns undefined elsewhere and on attributes the platform does not know.
 */
export function hover(
  document: AnalysedDocument,
  position: Position,
  app: AppContext,
): Hover | undefined {
  const offset = document.lines.offsetAt(position);
  const location = locate(document, offset);
  const owner = attributeOwner(location);
  if (owner === undefined) {
    return undefined;
  }
  const found = hoverContents(location, owner, app);
  // On the `</` or `>` of an end tag the text is not the name, so there is no hover, as on
  // the `<` of a start tag.
  if (found === undefined || offset < found.span.start || offset > found.span.end) {
    return undefined;
  }
  return { contents: found.contents, range: document.lines.rangeOf(found.span) };
}

function hoverContents(
  location: Location,
  owner: AttributeOwner,
  app: AppContext,
): { contents: string; span: Span } | undefined {
  const element = location.element!;
  const item = location.attribute;

  switch (location.part) {
    case 'tag-name':
      return { contents: describeElement(owner, app), span: element.nameSpan };
    case 'end-tag':
      return element.endTagNameSpan === undefined
        ? undefined
        : { contents: describeElement(owner, app), span: element.endTagNameSpan };
    case 'attribute-name': {
      const contents = item === undefined ? undefined : describeAttributeName(owner, item);
      return contents === undefined ? undefined : { contents, span: item!.nameSpan };
    }
    case 'attribute-value': {
      const contents = item === undefined ? undefined : describeAttributeValue(owner, item, app);
      return contents === undefined ? undefined : { contents, span: item!.valueSpan };
    }
    default:
      return undefined;
  }
}

function describeElement(owner: AttributeOwner, app: AppContext): string {
  if (owner.kind === 'webhook') {
    return describeWebhook(owner.webhook, app);
  }
  const name = owner.condition.name;
  if (name === undefined || name === '') {
    return '**condition** without a name\n\nAdd `name` with a field or belongs-to relationship of the model.';
  }
  return [
    `**condition** ${inlineCode(name)}`,
    describeTarget(owner, name),
    conditionSentence(owner.model, owner.condition),
  ].join('\n\n');
}

function describeAttributeName(owner: AttributeOwner, item: XmlAttribute): string | undefined {
  const description = describeAttribute(owner.kind, item.name);
  if (description === undefined) {
    return undefined;
  }
  const parts = [
    `**${item.name}** (${owner.kind} attribute)`,
    description.meaning,
    `Default: ${description.default}`,
  ];
  if (owner.kind === 'webhook' && item.name === 'name') {
    const { model, webhook } = owner;
    const fallback = defaultWebhookName(model.name, webhook.type, webhook.receiver, webhook.action);
    parts.push(`Without \`name\`, this webhook would be called ${inlineCode(fallback)}.`);
  }
  return parts.join('\n\n');
}

function describeAttributeValue(
  owner: AttributeOwner,
  item: XmlAttribute,
  app: AppContext,
): string | undefined {
  const title = `**${item.name}** ${inlineCode(item.value)}`;

  if (owner.kind === 'condition') {
    if (item.name === 'name') {
      return item.value === '' ? undefined : `${title}\n\n${describeTarget(owner, item.value)}`;
    }
    if (item.name === 'required' || item.name === 'embed' || item.name === 'state') {
      // An empty value counts as the default, which is listed first.
      const value = item.value === '' ? CONDITION_VALUES[item.name][0] : item.value;
      const meaning = describeValue(item.name, value);
      return meaning === undefined ? undefined : `${title}\n\n${meaning}`;
    }
    return undefined;
  }

  switch (item.name) {
    case 'type':
    case 'receiver': {
      const meaning = describeValue(item.name, item.value);
      return meaning === undefined ? undefined : `${title}\n\n${meaning}`;
    }
    case 'action':
      return describeAction(owner, item.value, app);
    case 'name':
      return `**webhook name** ${inlineCode(item.value)}\n\n${describeAttribute('webhook', 'name')!.meaning}`;
    default:
      return undefined;
  }
}

function describeAction(
  owner: Extract<AttributeOwner, { kind: 'webhook' }>,
  action: string,
  app: AppContext,
): string | undefined {
  if (action === '') {
    return undefined;
  }
  const receiver = owner.webhook.receiver;
  if (receiver === 'pdfmailer') {
    return `**PDF template** ${inlineCode(action)}\n\nKept on the server, so it is not checked here.`;
  }
  if (receiver !== 'cloudcode') {
    return undefined;
  }
  const folder = inlineCode(`cloudcode/${action}/`);
  const found = app.cloudCodeTasks === undefined || app.cloudCodeTasks.includes(action);
  const body = found
    ? `Runs the task in the folder ${folder}.`
    : `This app has no folder ${folder}.`;
  return `**CloudCode task** ${inlineCode(action)}\n\n${body}`;
}

function describeTarget(
  owner: Extract<AttributeOwner, { kind: 'condition' }>,
  name: string,
): string {
  const target = owner.model.conditionTargets.get(name);
  if (target !== undefined) {
    return describeConditionTarget(target);
  }
  return `Model ${inlineCode(owner.model.name)} has no field or belongs-to relationship ${inlineCode(name)}.`;
}
