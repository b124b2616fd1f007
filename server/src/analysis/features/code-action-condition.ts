import { attribute } from '../scanner';
import { elementLines, removeAttribute, replaceSpan } from './code-action-edits';
import type { Fix, FixContext } from './code-action-fixes';

/** Removes a second condition on the same field, with its own line when it has one. */
export function removeDuplicateCondition(context: FixContext): Fix[] {
  const { webhook, element } = context.location;
  const condition = webhook?.conditions.find((candidate) => candidate.element === element);
  if (condition === undefined) {
    return [];
  }
  const name = attribute(condition.element, 'name')?.value ?? '';
  return [
    {
      title: `Remove duplicate condition on "${name}"`,
      edits: [replaceSpan(elementLines(context.text, condition.element).removal, '')],
      preferred: true,
    },
  ];
}

/** Removes a condition attribute that has no effect on the field it names. */
export function removeInapplicableAttribute(context: FixContext): Fix[] {
  const { webhook, element, attribute: item } = context.location;
  const isCondition =
    webhook?.conditions.some((candidate) => candidate.element === element) ?? false;
  if (!isCondition || item === undefined) {
    return [];
  }
  return [
    {
      title: `Remove ${item.name}="${item.value}"`,
      edits: [removeAttribute(context.text, item)],
      preferred: true,
    },
  ];
}
