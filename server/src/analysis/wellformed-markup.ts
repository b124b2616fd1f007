// Explanations of xmldom's reports about references, comments, CDATA sections, processing
// instructions, the DOCTYPE and end tags that cannot be read.

import type { Span } from './types';
import {
  error,
  literal,
  span,
  type ExplainContext,
  type Explanation,
  type Handler,
} from './wellformed-report';
import { declaredEntities, findOutsideMarkup, nameEndAt } from './wellformed-text';

const unknownEntity: Explanation = (context, match, _report, at) => {
  const reference = match[1];
  const found = nextReference(context, literal(reference), at);
  const name = reference.slice(1, -1);
  context.declaredEntities ??= declaredEntities(context.text, context.start, context.limit);
  const message = context.declaredEntities.has(name)
    ? `Entity "${reference}" is declared in the DOCTYPE, but entities are not expanded, so its value is not checked.`
    : `Entity "${reference}" is not defined. XML predefines only &lt;, &gt;, &amp;, &quot; and &apos;.`;
  return { span: found ?? context.tokenAt(at), message, severity: 'warning' };
};

const referenceWithoutSemicolon: Explanation = (context, _match, _report, at) => {
  const found = nextReference(context, /&#?\w+(?!;|\w)/g, at);
  const written = found === undefined ? '&' : context.text.slice(found.start, found.end);
  return error(
    found ?? context.tokenAt(at),
    `Entity reference "${written}" has no closing ";". Write a literal "&" as "&amp;".`,
  );
};

const invalidReference: Explanation = (context, match, _report, at) => {
  const reference = match[1];
  const found = nextReference(context, literal(reference), at);
  return error(
    found ?? context.tokenAt(at),
    `Invalid character reference "${reference}". Expected &#NNN; or &#xHHH;.`,
  );
};

const badComment: Explanation = (context, match, _report, at) => {
  const lt = positionIn(context, match, at);
  const close = context.text.indexOf('-->', lt + 4);
  if (close === -1 || close + 3 > context.limit) {
    return error(span(lt, 4), 'Comment is not closed. Expected "-->".');
  }
  const doubleHyphen = context.text.indexOf('--', lt + 4);
  if (doubleHyphen < close) {
    return error(
      span(doubleHyphen, 2),
      'Comment contains "--", which XML does not allow inside a comment.',
    );
  }
  return error(span(lt, 4), 'Comment contains a character that XML does not allow.');
};

const unclosedCdata: Explanation = (context, match, _report, at) =>
  error(span(positionIn(context, match, at), 9), 'CDATA section is not closed. Expected "]]>".');

const cdataOutsideRoot: Explanation = (_context, _match, _report, at) =>
  error(span(at, 9), 'CDATA section outside the root element.');

const lateDeclaration: Explanation = (context, match, _report, at) =>
  error(
    span(positionIn(context, match, at), 5),
    'XML declaration is not at the start of the document. Expected "<?xml" as its first characters.',
  );

const badDeclaration: Explanation = (context, _match, _report, at) => {
  const close = context.text.indexOf('?>', at);
  const end = close === -1 || close >= context.limit ? at + 5 : close + 2;
  return error(
    { start: at, end },
    'XML declaration is not well-formed. Expected <?xml version="1.0"?>.',
  );
};

const unclosedInstruction: Explanation = (context, match, _report, at) => {
  const place = positionIn(context, match, at);
  return error(
    { start: place, end: nameEndAt(context.text, place + 2, context.limit) },
    'Processing instruction is not closed. Expected "?>".',
  );
};

const lateDoctype: Explanation = (context, match, _report, at) =>
  error(
    span(positionIn(context, match, at), 9),
    'DOCTYPE comes after the root element has started. Expected it before the root element.',
  );

const unknownMarkup: Explanation = (context, match, _report, at) => {
  const place = positionIn(context, match, at);
  const end = nameEndAt(context.text, place + 2, context.limit);
  return error(
    { start: place, end },
    `Markup "${context.text.slice(place, end)}" is not a comment, CDATA section or DOCTYPE.`,
  );
};

const endTagWithoutName: Explanation = (context, _match, _report, at) => {
  const found = findOutsideMarkup(context.text, /<\/(?:>|$)/g, at, context.limit);
  const start = found?.index ?? at;
  return error({ start, end: start + (found?.[0].length ?? 2) }, 'End tag has no element name.');
};

const badEndTag: Explanation = (context, match, _report, at) => {
  const raw = match[1];
  const found = findOutsideMarkup(context.text, literal(`</${raw}`), at, context.limit);
  const lt = found?.index ?? at;
  const name = /^[^\s<>"'/=&]*/.exec(raw)![0];
  const nameSpan = { start: lt + 2, end: lt + 2 + name.length };
  // Without a `>` before the next tag, xmldom reads on into that tag.
  if (raw.includes('<') || lt + 2 + raw.length >= context.limit) {
    if (name === '') {
      return error(span(lt, 2), 'End tag has no element name.');
    }
    return error(nameSpan, `End tag </${name}> is not closed. Expected ">".`);
  }
  const written = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const where = { start: lt + 2, end: lt + 2 + raw.length };
  if (name === '') {
    return error(where, `End tag "</${written}>" has no valid element name.`);
  }
  return error(
    where,
    `End tag "</${written}>" has text after the element name. Expected </${name}>.`,
  );
};

const badInstructionInDoctype: Explanation = (context, match, _report, at) =>
  error(
    context.tokenAt(positionIn(context, match, at)),
    'Processing instruction in the DOCTYPE is not well-formed.',
  );

const badDoctype: Explanation = (context, match, _report, at) =>
  error(context.tokenAt(positionIn(context, match, at)), 'DOCTYPE declaration is not well-formed.');

const replacementCharacter: Explanation = (context) => {
  const found = context.text.indexOf('\uFFFD', context.start);
  return {
    span: found === -1 || found >= context.limit ? span(context.start, 0) : span(found, 1),
    message:
      'The text contains the replacement character U+FFFD, which usually means the file was decoded with the wrong encoding.',
    severity: 'warning',
  };
};

/**
 * xmldom's messages about everything but start tags and the element structure, as xmldom 0.9
 * words them. The last pattern takes every other DOCTYPE message, so it stays last.
 */
export const MARKUP_HANDLERS: readonly Handler[] = [
  [/^entity not found:(.*)$/s, unknownEntity],
  [/^EntityRef: expecting ;/, referenceWithoutSemicolon],
  [/^entity not matching Reference production: (.*)$/s, invalidReference],
  [/^comment is not well-formed/, badComment],
  [/^Invalid CDATA/, unclosedCdata],
  [/^CDATA outside of element/, cdataOutsideRoot],
  [/xml declaration which is only at the start|xml declaration is only allowed/, lateDeclaration],
  [/^xml declaration is not well-formed/, badDeclaration],
  [/^Invalid processing instruction/, unclosedInstruction],
  [/^Doctype not allowed inside or after documentElement/, lateDoctype],
  [/^Not well-formed XML starting with "<!"/, unknownMarkup],
  [/^end tag name missing$/, endTagWithoutName],
  [
    /^end tag name (?:contains invalid characters|is followed by a line break and trailing content): "(.*)"$/s,
    badEndTag,
  ],
  [/^Unicode replacement character detected/, replacementCharacter],
  [/^processing instruction is not well-formed/, badInstructionInDoctype],
  [/doctype|internal subset|markup declaration/i, badDoctype],
];

/** Returns the offset that xmldom names with "at position N", or `at` when it names none. */
function positionIn(context: ExplainContext, match: RegExpExecArray, at: number): number {
  const position = /at position (\d+)/.exec(match.input);
  return position === null ? at : context.start + Number(position[1]);
}

/** Finds the next reference after those already reported, skipping comments and the like. */
function nextReference(context: ExplainContext, pattern: RegExp, at: number): Span | undefined {
  const from = Math.max(at, context.referenceCursor);
  const found = findOutsideMarkup(context.text, pattern, from, context.limit);
  if (found === undefined) {
    return undefined;
  }
  const result = { start: found.index, end: found.index + found[0].length };
  context.referenceCursor = result.end;
  return result;
}
