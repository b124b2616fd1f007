import type { AnalysedDocument } from './document';
import type { ModelIndex, WebhookInfo } from './model-index';
import type { XmlAttribute, XmlElement } from './scanner';

/** The innermost element at an offset, the part of it there and, in a start tag, the attribute. */
export interface Location {
  element: XmlElement | undefined;
  /** The part of the element the offset is in. */
  part:
    | 'tag-name'
    | 'attribute-name'
    | 'attribute-value'
    | 'start-tag'
    | 'content'
    | 'end-tag'
    | 'outside';
  attribute: XmlAttribute | undefined;
  model: ModelIndex | undefined;
  webhook: WebhookInfo | undefined;
}

/**
 * Finds what is at `offset`. Offsets at a token's end count as inside it, so a cursor just
 * after `type="rea` is in the value. Works on half-typed text because the scanner's tree does.
 */
export function locate(document: AnalysedDocument, offset: number): Location {
  const element = innermostElement(document.roots, offset);
  const model = element === undefined ? undefined : enclosingModel(document, element);
  const webhook = model === undefined ? undefined : enclosingWebhook(model, element!);
  const location: Location = { element, part: 'outside', attribute: undefined, model, webhook };
  if (element === undefined) {
    return location;
  }

  if (offset >= element.nameSpan.start && offset <= element.nameSpan.end) {
    location.part = 'tag-name';
  } else if (
    offset < element.startTagEnd ||
    (!element.startTagClosed && offset <= element.startTagEnd)
  ) {
    location.part = 'start-tag';
    for (const item of element.attributes) {
      if (offset >= item.nameSpan.start && offset <= item.nameSpan.end) {
        location.part = 'attribute-name';
        location.attribute = item;
      } else if (
        item.hasValue &&
        offset >= item.valueSpan.start &&
        offset <= item.valueSpan.end &&
        valueOpen(item, offset)
      ) {
        location.part = 'attribute-value';
        location.attribute = item;
      }
    }
  } else if (element.endTagNameSpan !== undefined && offset >= element.endTagNameSpan.start - 2) {
    location.part = 'end-tag';
  } else {
    location.part = 'content';
  }
  return location;
}

/** Returns the innermost element whose extent contains `offset`. A tag's own `<` does not count. */
export function innermostElement(
  roots: readonly XmlElement[],
  offset: number,
): XmlElement | undefined {
  let found: XmlElement | undefined;
  let children: readonly XmlElement[] = roots;

  for (;;) {
    const child = childAt(children, offset);
    if (child === undefined) {
      return found;
    }
    found = child;
    children = child.children;
  }
}

function childAt(children: readonly XmlElement[], offset: number): XmlElement | undefined {
  // Children are in document order, so a binary search finds the last one starting before.
  let low = 0;
  let high = children.length - 1;
  let candidate: XmlElement | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (children[middle].start < offset) {
      candidate = children[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (candidate === undefined) {
    return undefined;
  }
  const inside = candidate.closed ? offset < candidate.end : offset <= candidate.end;
  return inside ? candidate : undefined;
}

function valueOpen(item: XmlAttribute, offset: number): boolean {
  // After a closing quote the cursor is back in the tag, not in the value.
  return !(item.valueClosed && offset > item.valueSpan.end);
}

function enclosingModel(document: AnalysedDocument, element: XmlElement): ModelIndex | undefined {
  let current: XmlElement | undefined = element;
  while (current !== undefined) {
    const entry = document.models.find((candidate) => candidate.index.element === current);
    if (entry !== undefined) {
      return entry.index;
    }
    current = current.parent;
  }
  return undefined;
}

function enclosingWebhook(model: ModelIndex, element: XmlElement): WebhookInfo | undefined {
  let current: XmlElement | undefined = element;
  while (current !== undefined && current !== model.element) {
    const webhook = model.webhooks.find((candidate) => candidate.element === current);
    if (webhook !== undefined) {
      return webhook;
    }
    current = current.parent;
  }
  return undefined;
}
