import type { AnalysedDocument } from '../document';
import { locate, type Location } from '../locate';
import type { ConditionInfo, ModelIndex, WebhookInfo } from '../model-index';
import type { XmlAttribute, XmlElement } from '../scanner';
import type { Span } from '../types';

/** The element whose attributes are being edited: a webhook or one of its condition fields. */
export type AttributeOwner =
  | { kind: 'webhook'; model: ModelIndex; webhook: WebhookInfo }
  | { kind: 'condition'; model: ModelIndex; webhook: WebhookInfo; condition: ConditionInfo };

/** A new child element is being typed directly inside a model or a webhook. */
export interface ElementContext {
  kind: 'element';
  model: ModelIndex;
  /** The webhook the new element goes in, or undefined when it goes in the model. */
  webhook: WebhookInfo | undefined;
  /** The half-typed tag or word that an item replaces, including its `<` when there is one. */
  replace: Span;
  /** True when `replace` starts with `<`. */
  hasOpenBracket: boolean;
  /** The half-typed element when the scanner already read it as one (`<webh`). */
  typed: XmlElement | undefined;
}

/** An attribute name is being typed, or the cursor is between attributes. */
export interface AttributeNameContext {
  kind: 'attribute-name';
  owner: AttributeOwner;
  /** The attribute whose name is under the cursor, undefined between attributes. */
  typed: XmlAttribute | undefined;
  replace: Span;
  /** True when the name under the cursor already has `=`, so only the name is replaced. */
  hasValue: boolean;
  /** True when an inserted attribute needs a space before it, as right after a quote. */
  spaceBefore: boolean;
  /** True when an inserted attribute needs a space after it, to stay apart from the next. */
  spaceAfter: boolean;
}

/** An attribute value is being typed. */
export interface AttributeValueContext {
  kind: 'attribute-value';
  owner: AttributeOwner;
  attribute: XmlAttribute;
  /** The whole half-typed value, up to the closing quote when there is one. */
  replace: Span;
  /** Text to put before the value: a quote when the value has no opening quote yet. */
  before: string;
  /** Text to put after the value: a quote when the value has no closing quote yet. */
  after: string;
  /** True when the cursor is right after the value's opening quote. */
  atValueStart: boolean;
}

export type CursorContext = ElementContext | AttributeNameContext | AttributeValueContext;

/**
 * Finds what is being typed at `offset` in a webhook or its model. Reads the scanned tree and,
 * where the scanner reads only text (a `<` just typed, a word without `<`, a bare `=`), the
 * characters around the cursor. Returns undefined anywhere else.
 */
export function cursorContext(
  document: AnalysedDocument,
  offset: number,
): CursorContext | undefined {
  const location = locate(document, offset);
  const { element, model } = location;
  if (element === undefined || model === undefined) {
    return undefined;
  }
  const text = document.text;

  switch (location.part) {
    case 'tag-name':
      return typedTagContext(element, model);
    case 'content':
      return contentContext(text, element, model, offset);
    case 'attribute-name':
    case 'attribute-value':
    case 'start-tag': {
      const owner = attributeOwner(location);
      return owner === undefined ? undefined : startTagContext(text, location, owner, offset);
    }
    default:
      return undefined;
  }
}

/** Returns the webhook or condition that `location` is in the start tag of, if any. */
export function attributeOwner(location: Location): AttributeOwner | undefined {
  const { element, model, webhook } = location;
  if (element === undefined || model === undefined || webhook === undefined) {
    return undefined;
  }
  if (webhook.element === element) {
    return { kind: 'webhook', model, webhook };
  }
  if (element.parent !== webhook.element) {
    return undefined;
  }
  const condition = webhook.conditions.find((candidate) => candidate.element === element);
  return condition === undefined ? undefined : { kind: 'condition', model, webhook, condition };
}

/** Returns whether a character can be part of an XML name as typed in a data model. */
export function isNameCharacter(character: string | undefined): boolean {
  return character !== undefined && /[A-Za-z0-9_:.-]/.test(character);
}

function isSpace(character: string | undefined): boolean {
  return character === ' ' || character === '\t' || character === '\n' || character === '\r';
}

/** Finds the element typed as `<webh`, which the scanner reads as one with no attributes yet. */
function typedTagContext(element: XmlElement, model: ModelIndex): ElementContext | undefined {
  if (element.startTagClosed || element.attributes.length > 0 || element.parent === undefined) {
    return undefined;
  }
  const webhook = containerWebhook(element.parent, model);
  if (webhook === undefined && element.parent !== model.element) {
    return undefined;
  }
  return {
    kind: 'element',
    model,
    webhook,
    replace: { start: element.start, end: element.nameSpan.end },
    hasOpenBracket: true,
    typed: element,
  };
}

/** Finds the element typed as a lone `<`, a word or nothing between a model's or webhook's children. */
function contentContext(
  text: string,
  element: XmlElement,
  model: ModelIndex,
  offset: number,
): ElementContext | undefined {
  const webhook = containerWebhook(element, model);
  if (webhook === undefined && element !== model.element) {
    return undefined;
  }

  let start = offset;
  while (start > element.startTagEnd && isNameCharacter(text[start - 1])) {
    start--;
  }
  let end = offset;
  while (end < text.length && isNameCharacter(text[end])) {
    end++;
  }
  const hasOpenBracket = text[start - 1] === '<';
  if (hasOpenBracket) {
    start--;
  }
  return {
    kind: 'element',
    model,
    webhook,
    replace: { start, end },
    hasOpenBracket,
    typed: undefined,
  };
}

function containerWebhook(element: XmlElement, model: ModelIndex): WebhookInfo | undefined {
  return model.webhooks.find((candidate) => candidate.element === element);
}

function startTagContext(
  text: string,
  location: Location,
  owner: AttributeOwner,
  offset: number,
): CursorContext | undefined {
  const element = location.element!;
  const typed = location.attribute;

  if (location.part === 'attribute-value' && typed !== undefined) {
    return valueContext(text, owner, typed, offset);
  }
  if (location.part === 'attribute-name' && typed !== undefined && offset > typed.nameSpan.start) {
    return {
      kind: 'attribute-name',
      owner,
      typed,
      replace: typed.nameSpan,
      hasValue: typed.hasValue,
      spaceBefore: false,
      spaceAfter: false,
    };
  }

  // The scanner reads `type=` followed by nothing, or by a quote after the cursor, as a
  // value that does not hold the cursor, so find the `=` before the cursor in the text.
  let before = offset - 1;
  while (before > element.nameSpan.end && isSpace(text[before])) {
    before--;
  }
  if (text[before] === '=') {
    const named = attributeBefore(element, before);
    return named === undefined ? undefined : bareValueContext(text, owner, named, offset);
  }
  if (text[offset - 1] === '/') {
    return undefined;
  }
  const next = text[offset];
  return {
    kind: 'attribute-name',
    owner,
    typed: undefined,
    replace: { start: offset, end: offset },
    hasValue: false,
    spaceBefore: !isSpace(text[offset - 1]),
    spaceAfter:
      next !== undefined && !isSpace(next) && next !== '>' && next !== '/' && next !== '<',
  };
}

function valueContext(
  text: string,
  owner: AttributeOwner,
  item: XmlAttribute,
  offset: number,
): AttributeValueContext {
  const quote = text[item.valueSpan.start - 1];
  const quoted = (quote === '"' || quote === "'") && item.valueSpan.start - 1 > item.nameSpan.end;
  if (!quoted) {
    return {
      kind: 'attribute-value',
      owner,
      attribute: item,
      replace: item.valueSpan,
      before: '"',
      after: '"',
      atValueStart: false,
    };
  }

  // An unclosed value runs on to the next `<`, past line breaks, so replace only the word.
  // A value typed without its closing quote before another attribute, as in
  // `type="rea name="x"`, ends at that attribute's opening quote: the same applies.
  const word = wordEnd(text, offset, item.valueSpan.end);
  const closed =
    item.valueClosed && !SWALLOWED_ATTRIBUTE.test(text.slice(word, item.valueSpan.end));
  return {
    kind: 'attribute-value',
    owner,
    attribute: item,
    replace: { start: item.valueSpan.start, end: closed ? item.valueSpan.end : word },
    before: '',
    after: closed ? '' : quote,
    atValueStart: offset === item.valueSpan.start,
  };
}

/** The end of a value that took in the name and `=` of the attribute after it. */
const SWALLOWED_ATTRIBUTE = /^\s+[A-Za-z_:][\w.:-]*\s*=\s*$/;

/** Builds the value context for a cursor after `=` with no opening quote before it. */
function bareValueContext(
  text: string,
  owner: AttributeOwner,
  item: XmlAttribute,
  offset: number,
): AttributeValueContext {
  let end = offset;
  const quote = text[offset];
  if (quote === '"' || quote === "'") {
    // A quoted value follows the cursor: replace it with its quotes.
    end = item.valueClosed ? item.valueSpan.end + 1 : wordEnd(text, offset + 1, item.valueSpan.end);
  }
  return {
    kind: 'attribute-value',
    owner,
    attribute: item,
    replace: { start: offset, end },
    before: '"',
    after: '"',
    atValueStart: false,
  };
}

/** Returns the attribute whose `=` is at `equals`. */
function attributeBefore(element: XmlElement, equals: number): XmlAttribute | undefined {
  let found: XmlAttribute | undefined;
  for (const item of element.attributes) {
    if (item.hasValue && item.nameSpan.end <= equals) {
      found = item;
    }
  }
  return found;
}

function wordEnd(text: string, from: number, limit: number): number {
  let end = from;
  while (end < limit && !isSpace(text[end]) && !'"\'<>/'.includes(text[end])) {
    end++;
  }
  return end;
}
