import type { AnalysedDocument } from '../document';
import { innermostElement } from '../locate';
import type { CompletionItem, Span } from '../types';
import { isNameCharacter } from './cursor';

/** An end tag being typed: `</` and the part of a name typed after it. */
export interface EndTagContext {
  /** Offset of the `<` of `</`. */
  start: number;
  /** The typed name around the cursor, and the `>` right after it when there is one. */
  replace: Span;
}

/**
 * Returns the end tag context when the cursor follows `</` and part of a name, as in `</` or
 * `</webh`. Returns undefined anywhere else.
 */
export function endTagContext(text: string, offset: number): EndTagContext | undefined {
  let nameStart = offset;
  while (nameStart > 0 && isNameCharacter(text[nameStart - 1])) {
    nameStart--;
  }
  if (text[nameStart - 1] !== '/' || text[nameStart - 2] !== '<') {
    return undefined;
  }

  let end = offset;
  while (end < text.length && isNameCharacter(text[end])) {
    end++;
  }
  if (text[end] === '>') {
    end++;
  }
  return { start: nameStart - 2, replace: { start: nameStart, end } };
}

/**
 * Offers the end tag of the innermost element whose content contains the `</`, such as
 * `webhook>` in an open `<webhook>`. Offers nothing when the `</` is not in an element's content,
 * as inside a start tag whose `>` is missing.
 */
export function endTagCompletions(
  document: AnalysedDocument,
  context: EndTagContext,
): CompletionItem[] {
  const element = innermostElement(document.roots, context.start);
  if (element === undefined || !element.startTagClosed || context.start < element.startTagEnd) {
    return [];
  }
  return [
    {
      label: `</${element.name}>`,
      kind: 'property',
      detail: 'End tag',
      textEdit: {
        range: document.lines.rangeOf(context.replace),
        newText: `${element.name}>`,
      },
      snippet: false,
      // The editor matches what is typed after `</` against this.
      filterText: element.name,
    },
  ];
}
