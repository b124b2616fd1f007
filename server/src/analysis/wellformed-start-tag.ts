// Explanations of xmldom's reports about start tags and their attributes. xmldom gives the
// position of the tag's `<` for all of them, so each one reads the tag to find the attribute.

import type { XmlAttribute, XmlElement } from './scanner';
import type { SyntaxProblem } from './wellformed';
import {
  error,
  span,
  type ExplainContext,
  type Explanation,
  type Handler,
} from './wellformed-report';
import { attributeNameBefore, nameEndAt, quoteAround, startTagAt } from './wellformed-text';

const duplicateAttribute: Explanation = (context, match, _report, at) => {
  const name = match[1];
  const tag = startTagAt(context.text, at, context.limit);
  const repeat = tag?.attributes.filter((item) => item.name === name)[1];
  return error(
    repeat?.nameSpan ?? context.tokenAt(at),
    `Duplicate attribute "${name}" on <${tag?.name ?? ''}>. An attribute may appear only once on an element.`,
  );
};

/** Explains a `<` inside a start tag: in a quoted value, or where the tag was never closed. */
const lessThanInTag: Explanation = (context, _match, _report, at) => {
  const { text } = context;
  const tag = startTagAt(text, at, context.limit);
  if (tag === undefined) {
    return error(context.tokenAt(at), 'Start tag contains an unescaped "<".');
  }
  const lt = nextLessThan(context, at);
  const quote = quoteAround(text, tag.nameSpan.end, lt);
  if (quote === -1) {
    return unclosedStartTag(context, tag, lt);
  }
  // A line break or `>` between the quote and the `<` means the value was meant to end earlier.
  if (/[>\r\n]/.test(text.slice(quote + 1, lt))) {
    return unclosedQuote(context, tag, quote);
  }
  const name = attributeNameBefore(text, quote, tag.nameSpan.end);
  const attribute =
    name === undefined ? 'A value' : `Attribute "${text.slice(name.start, name.end)}"`;
  return error(span(lt, 1), `${attribute} contains an unescaped "<". Write it as "&lt;".`);
};

const attributeWithoutValue: Explanation = (context, match, _report, at) => {
  const name = match[1];
  if (name.includes('<')) {
    // The start tag runs into the next tag, and the fatal error that follows explains it.
    return undefined;
  }
  if (context.nextReport?.message.endsWith(`invalid attribute:${name}`)) {
    // xmldom reports next that the name itself is invalid, which is the better message.
    return undefined;
  }
  const item = attributeAfter(
    context,
    at,
    (candidate) => candidate.name === name && !candidate.hasValue,
  );
  return error(
    item?.nameSpan ?? context.tokenAt(at),
    `Attribute "${name}" has no value. Expected ${name}="…".`,
  );
};

const missingOpeningQuote: Explanation = (context, match, _report, at) => {
  const name = match[1];
  const item = attributeAfter(context, at, (candidate) => candidate.name === name);
  return error(
    item?.nameSpan ?? context.tokenAt(at),
    `The value of attribute "${name}" has no opening quote. Expected ${name}="…".`,
  );
};

const unquotedValue: Explanation = (context, match, _report, at) => {
  const value = match[1];
  if (value.includes('<')) {
    // The start tag runs into the next tag, and the fatal error that follows explains it.
    return undefined;
  }
  const item = attributeAfter(
    context,
    at,
    (candidate) =>
      candidate.hasValue && !isQuote(context.text.charCodeAt(candidate.valueSpan.start - 1)),
  );
  if (item === undefined) {
    return error(context.tokenAt(at), `Attribute value "${value}" is not in quotes.`);
  }
  return error(
    item.valueSpan,
    `The value of attribute "${item.name}" is not in quotes. Expected ${item.name}="${value}".`,
  );
};

const missingSpaceAfter: Explanation = (context, match, _report, at) => {
  const name = match[1];
  const attributes = startTagAt(context.text, at, context.limit)?.attributes ?? [];
  const index = attributes.findIndex(
    (item, position) => item.name === name && position + 1 < attributes.length,
  );
  if (index === -1) {
    // The scanner read the rest as part of the value, which an earlier problem explains.
    return undefined;
  }
  const next = attributes[index + 1];
  if (/["']/.test(next.name)) {
    // A stray quote, which the report after this one explains.
    return undefined;
  }
  return error(next.nameSpan, `Missing space between attributes "${name}" and "${next.name}".`);
};

const missingEquals: Explanation = (context, _match, _report, at) => {
  const item = attributeAfter(context, at, (candidate) => /["']/.test(candidate.name));
  if (item === undefined) {
    // A quote inside an unquoted value also leads here, and an earlier problem explains it.
    return undefined;
  }
  const name = item.name.replace(/["'].*$/s, '');
  return error(
    { start: item.nameSpan.start, end: item.nameSpan.start + name.length },
    `Attribute "${name}" has no "=" before its value.`,
  );
};

/** Explains `name=` followed by `>` or `/`, with nothing in between. */
const attributeWithEmptyValue: Explanation = (context, _match, _report, at) => {
  const item = attributeAfter(
    context,
    at,
    (candidate) => candidate.hasValue && candidate.value === '',
  );
  if (item === undefined) {
    return error(context.tokenAt(at), 'Attribute has no value after "=".');
  }
  return error(item.nameSpan, `Attribute "${item.name}" has no value. Expected ${item.name}="…".`);
};

const unfinishedStartTag: Explanation = (context, _match, _report, at) => {
  const nameEnd = nameEndAt(context.text, at + 1, context.limit);
  if (nameEnd === at + 1) {
    // A lone `<` at the end: xmldom reports it next as an invalid tag name.
    return undefined;
  }
  const name = context.text.slice(at + 1, nameEnd);
  return error(
    { start: at + 1, end: nameEnd },
    `Start tag <${name}> is not finished. Expected ">" or "/>" before the end of the document.`,
  );
};

/** Explains a start tag xmldom gave up on, after which it reads the `<` as text. */
const unreadableStartTag: Explanation = (context, match, report, at) => {
  const detail = match[1];
  context.brokenTag = { start: at, end: nextLessThan(context, at) };
  const tag = startTagAt(context.text, at, context.limit);
  const tagName = tag?.name ?? '';
  const nameSpan = tag?.nameSpan ?? span(at, 1);
  let found: RegExpExecArray | null;

  if ((found = /^invalid tagName:(.*)$/s.exec(detail))) {
    if (found[1] === '') {
      return error(span(at, 1), 'Unescaped "<" in text. Write it as "&lt;".');
    }
    return error(
      { start: at + 1, end: at + 1 + found[1].length },
      `Element name "${found[1]}" is not a valid XML name.`,
    );
  }
  if ((found = /^invalid attribute:(.*)$/s.exec(detail))) {
    const name = found[1];
    const item = tag?.attributes.find((candidate) => candidate.name === name);
    return error(item?.nameSpan ?? nameSpan, `Attribute name "${name}" is not a valid XML name.`);
  }
  if (detail.startsWith('attribute value no end') && tag !== undefined) {
    const quote = quoteAround(context.text, tag.nameSpan.end, context.limit);
    if (quote === -1) {
      return error(nameSpan, `Start tag <${tagName}> is not well-formed.`);
    }
    return unclosedQuote(context, tag, quote);
  }
  if (detail.startsWith('attribute invalid close char')) {
    return attributeWithEmptyValue(context, match, report, at);
  }
  if (detail.startsWith('unexpected < in tag name') && tag !== undefined) {
    return unclosedStartTag(context, tag, nextLessThan(context, at));
  }
  if (detail.startsWith('attribute equal must after attrName')) {
    return error(nameSpan, `Start tag <${tagName}> has an "=" with no attribute name before it.`);
  }
  if (detail.startsWith("elements closed character '/' and '>'")) {
    return error(nameSpan, `Start tag <${tagName}> has text after "/". Expected "/>".`);
  }
  if (detail.startsWith('attribute value must after "="')) {
    return error(
      nameSpan,
      `Start tag <${tagName}> has a quoted value where an attribute name is expected.`,
    );
  }
  return error(nameSpan, `Start tag <${tagName}> is not well-formed.`);
};

/** xmldom's messages about start tags, as xmldom 0.9 words them. */
export const START_TAG_HANDLERS: readonly Handler[] = [
  [/^Attribute (.*) redefined$/s, duplicateAttribute],
  [/^Unescaped '<' not allowed in attributes values/, lessThanInTag],
  [/^attribute "(.*)" missed value!!/s, attributeWithoutValue],
  [/^attribute "(.*)" missed start quot\(.\)!!$/s, missingOpeningQuote],
  [/^attribute "(.*)" missed quot\(.\)!/s, unquotedValue],
  [/^attribute space is required"(.*)"!!$/s, missingSpaceAfter],
  [/^attribute value must after "="/, missingEquals],
  [/^AttValue: ' or " expected/, attributeWithEmptyValue],
  [/^unexpected end of input/, unfinishedStartTag],
  [/^element parse error: (?:Error: )?(.*)$/s, unreadableStartTag],
];

/** Explains a quote that xmldom pairs with one past the end of the tag, or with none. */
function unclosedQuote(context: ExplainContext, tag: XmlElement, quote: number): SyntaxProblem {
  const name = attributeNameBefore(context.text, quote, tag.nameSpan.end);
  if (name === undefined) {
    return error(
      span(quote, 1),
      `A quote in start tag <${tag.name}> is not closed before the next tag.`,
    );
  }
  const attribute = context.text.slice(name.start, name.end);
  return error(name, `The value of attribute "${attribute}" is missing its closing quote.`);
}

function unclosedStartTag(context: ExplainContext, tag: XmlElement, next: number): SyntaxProblem {
  const { text, limit } = context;
  const nameStart = text.startsWith('</', next) ? next + 2 : next + 1;
  const nextTag = text.slice(next, nameEndAt(text, nameStart, limit)) + '>';
  const before = next < limit ? ` before ${nextTag}` : ' before the end of the document';
  return error(
    tag.nameSpan,
    `Start tag <${tag.name}> is not closed. Expected ">" or "/>"${before}.`,
  );
}

function nextLessThan(context: ExplainContext, at: number): number {
  const next = context.text.indexOf('<', at + 1);
  return next === -1 || next > context.limit ? context.limit : next;
}

/** Finds an attribute of the start tag at `at`, after any problem already reported in it. */
function attributeAfter(
  context: ExplainContext,
  at: number,
  accept: (item: XmlAttribute) => boolean,
): XmlAttribute | undefined {
  const tag = startTagAt(context.text, at, context.limit);
  const previous = context.problems[context.problems.length - 1];
  const after = previous !== undefined && previous.span.start > at ? previous.span.end : at;
  return tag?.attributes.find((item) => item.nameSpan.start >= after && accept(item));
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}
