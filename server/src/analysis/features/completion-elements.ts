import type { AnalysedDocument } from '../document';
import { ELEMENT_NAMES, type ModelIndex } from '../model-index';
import { WEBHOOK_TYPES } from '../rules/webhook-type';
import type { XmlElement } from '../scanner';
import type { AppContext, CompletionItem } from '../types';
import type { ElementContext } from './cursor';

/**
 * Returns the element snippets for a child being typed in a model (`<webhook>`) or in a
 * webhook (a condition `<field>`).
 */
export function elementCompletions(
  document: AnalysedDocument,
  context: ElementContext,
  app: AppContext,
): CompletionItem[] {
  if (context.webhook !== undefined) {
    return [conditionSnippet(document, context)];
  }
  if (!webhookFitsAt(context)) {
    return [];
  }
  const items = [webhookSnippet(document, context, undefined)];
  const tasks = app.cloudCodeTasks ?? [];
  if (tasks.length > 0) {
    items.push(webhookSnippet(document, context, tasks));
  }
  return items;
}

/**
 * Returns whether a webhook fits at the cursor, which is where no field or relationship
 * follows. Before display, notify-user or index it is valid, though by convention
 * webhooks come last.
 */
function webhookFitsAt(context: ElementContext): boolean {
  const names = ELEMENT_NAMES[context.model.dialect];
  const earlier = new Set<string>([names.field, names.belongsTo, names.hasMany]);
  const from = context.replace.end;
  const comesLater = (children: readonly XmlElement[]) =>
    children.some(
      (child) => child !== context.typed && earlier.has(child.name) && child.start >= from,
    );

  // Elements after a half-typed `<webh` are read as its children until the model's end tag.
  return !comesLater(context.model.element.children) && !comesLater(context.typed?.children ?? []);
}

/** Builds the `<webhook>` snippet, with a CloudCode receiver and task choice when `tasks` is set. */
function webhookSnippet(
  document: AnalysedDocument,
  context: ElementContext,
  tasks: readonly string[] | undefined,
): CompletionItem {
  const { base, unit, eol } = layoutAt(document, context.replace.start, context.model);
  const type = `\${1|${WEBHOOK_TYPES.map(escapeChoice).join(',')}|}`;
  const modelPart = escapeSnippetText(context.model.name);
  let attributes: string;
  if (tasks === undefined) {
    const name = modelPart === '' ? '$2' : `\${2:${modelPart}_$1}`;
    attributes = `type="${type}" name="${name}"`;
  } else {
    const name = modelPart === '' ? '$2' : `\${2:${modelPart}_$1_$3}`;
    const action = `\${3|${tasks.map(escapeChoice).join(',')}|}`;
    attributes = `type="${type}" name="${name}" receiver="cloudcode" action="${action}"`;
  }
  const newText = `<webhook ${attributes}>${eol}${base}${unit}$0${eol}${base}</webhook>`;

  return {
    label: tasks === undefined ? 'webhook' : 'webhook with CloudCode task',
    kind: 'snippet',
    detail: tasks === undefined ? 'External webhook' : 'Webhook that runs a CloudCode task',
    documentation:
      tasks === undefined
        ? 'Adds a webhook that sends an HTTP POST to the endpoint set for its name in the backend under Manage Webhooks. `ready` fires once per object, `update` on every save.'
        : 'Adds a webhook that runs a task from the `cloudcode/` folder. `ready` fires once per object, `update` on every save.',
    textEdit: { range: document.lines.rangeOf(context.replace), newText },
    snippet: true,
    sortText: tasks === undefined ? '0' : '1',
    filterText: context.hasOpenBracket ? '<webhook' : 'webhook',
  };
}

/** Builds the condition `<field>` snippet. Accepting it opens the list of names at once. */
function conditionSnippet(document: AnalysedDocument, context: ElementContext): CompletionItem {
  return {
    label: 'field',
    kind: 'snippet',
    detail: 'Webhook condition',
    documentation:
      'Adds a condition: the webhook fires only once the named field or belongs-to relationship is set, unless `required="false"`.',
    textEdit: { range: document.lines.rangeOf(context.replace), newText: '<field name="$1"/>' },
    snippet: true,
    triggerSuggest: true,
    filterText: context.hasOpenBracket ? '<field' : 'field',
  };
}

interface Layout {
  /** The indentation of the line the snippet starts on. */
  base: string;
  /** One level of indentation, as the model's children use it. */
  unit: string;
  eol: string;
}

/** Reads the indentation and line break style around `offset`, so a snippet matches them. */
function layoutAt(document: AnalysedDocument, offset: number, model: ModelIndex): Layout {
  const text = document.text;
  const lines = document.lines;
  const lineStart = lines.lineStart(lines.positionAt(offset).line);
  const leading = leadingWhitespace(text, lineStart);
  const base = offset <= lineStart + leading.length ? text.slice(lineStart, offset) : leading;

  const modelLine = lines.lineStart(lines.positionAt(model.element.start).line);
  const modelIndent = leadingWhitespace(text, modelLine);
  let unit: string;
  if (base.length > modelIndent.length && base.startsWith(modelIndent)) {
    unit = base.slice(modelIndent.length);
  } else if (modelIndent.includes('\t')) {
    unit = '\t';
  } else {
    // A model is usually one level below the root, so its indentation is one level.
    unit = modelIndent === '' ? '  ' : modelIndent;
  }
  return { base, unit, eol: lineBreakOf(text) };
}

function leadingWhitespace(text: string, lineStart: number): string {
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') {
    end++;
  }
  return text.slice(lineStart, end);
}

/** Returns the document's line break, judged by its first line. */
function lineBreakOf(text: string): string {
  const newline = text.indexOf('\n');
  if (newline === -1) {
    return text.includes('\r') ? '\r' : '\n';
  }
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/** Escapes an option of a `${1|a,b|}` choice, where only backslash, comma and pipe are special. */
function escapeChoice(text: string): string {
  return text.replace(/[\\|,]/g, (character) => `\\${character}`);
}
