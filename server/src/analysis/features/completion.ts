import type { AnalysedDocument } from '../document';
import type { AppContext, CompletionItem, CompletionTrigger, Position } from '../types';
import { attributeNameCompletions, attributeValueCompletions } from './completion-attributes';
import { elementCompletions } from './completion-elements';
import { endTagCompletions, endTagContext } from './completion-end-tag';
import { cursorContext, type CursorContext } from './cursor';

/**
 * Returns the completions at `position` in a webhook or its model: element snippets, attribute
 * names and attribute values. After `</` it returns only the end tag of the element that is
 * open there, in any element. Works on half-typed text, and reads only the enclosing model.
 */
export function complete(
  document: AnalysedDocument,
  position: Position,
  app: AppContext,
  trigger: CompletionTrigger,
): CompletionItem[] {
  const offset = document.lines.offsetAt(position);
  if (insideMarkup(document.text, offset)) {
    return [];
  }
  const endTag = endTagContext(document.text, offset);
  if (endTag !== undefined) {
    // Typing the `/` of `</` opens the list. The other trigger characters cannot follow `</`.
    const fits =
      trigger.character === undefined ||
      (trigger.character === '/' && endTag.replace.start === offset);
    return fits ? endTagCompletions(document, endTag) : [];
  }

  const context = cursorContext(document, offset);
  if (context === undefined || !triggerFits(document.text, context, offset, trigger.character)) {
    return [];
  }

  switch (context.kind) {
    case 'element':
      return elementCompletions(document, context, app);
    case 'attribute-name':
      return attributeNameCompletions(document.lines, context);
    case 'attribute-value':
      return attributeValueCompletions(document.lines, context, app);
  }
}

/** Pairs that open and close text the scanner skips: nothing in them is markup to complete. */
const SKIPPED_SECTIONS: readonly (readonly [string, string])[] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

/**
 * Returns whether `offset` is inside a comment, CDATA section or processing instruction,
 * closed or not. It looks back for the nearest opener of each kind and checks that its closer
 * does not come before `offset`.
 */
function insideMarkup(text: string, offset: number): boolean {
  for (const [open, close] of SKIPPED_SECTIONS) {
    const start = text.lastIndexOf(open, offset - open.length);
    if (start === -1) {
      continue;
    }
    const end = text.indexOf(close, start + open.length);
    if (end === -1 || end + close.length > offset) {
      return true;
    }
  }
  return false;
}

/**
 * Returns whether the character that started the request starts something to complete here:
 * `<` a child element, a space the next attribute, `"` a value, `=` a value still unquoted.
 * Typing a space inside a value or `"` to close one, for example, opens no list.
 */
function triggerFits(
  text: string,
  context: CursorContext,
  offset: number,
  character: string | undefined,
): boolean {
  switch (character) {
    case undefined:
      return true;
    case '<':
      return (
        context.kind === 'element' && context.hasOpenBracket && context.replace.start === offset - 1
      );
    case ' ':
      return context.kind === 'attribute-name' && context.typed === undefined;
    case '"':
      return context.kind === 'attribute-value' && context.atValueStart;
    case '=':
      return (
        context.kind === 'attribute-value' && context.before !== '' && text[offset - 1] === '='
      );
    default:
      return false;
  }
}
