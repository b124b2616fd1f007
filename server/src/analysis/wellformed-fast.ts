import { DOMParser } from '@xmldom/xmldom';

/**
 * Returns true when xmldom reads `source` without any error or warning, building almost no
 * DOM on the way. Most of an xmldom parse is spent creating nodes and attributes. The reader
 * underneath it checks the syntax alone, so a document that passes here needs no full parse.
 * Anything this pass cannot vouch for (a report, a second top-level element, a namespace
 * prefix that only the DOM would check) returns false, and the caller parses fully.
 */
export function parsesCleanly(source: string): boolean {
  let clean = true;
  const parser = new DOMParser({
    normalizeLineEndings: (text: string) => text,
    onError() {
      clean = false;
    },
    domHandler: SyntaxOnlyHandler,
  } as ConstructorParameters<typeof DOMParser>[0]);
  try {
    parser.parseFromString(source, 'text/xml');
  } catch {
    return false;
  }
  return clean && !lastHandler.needsFullParse;
}

// NOTE: `domHandler` and `__DOMHandler` are xmldom 0.9's own extension points, documented as
// internal. The tests compare this pass with a full parse on generated and mutated documents,
// so a change in xmldom that breaks it fails them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { __DOMHandler: DOMHandler } = require('@xmldom/xmldom/lib/dom-parser') as {
  __DOMHandler: new (options: unknown) => DomHandlerBase;
};

interface DomHandlerBase {
  doc: {
    documentElement: unknown;
    createElementNS(ns: string | null, name: string): unknown;
    appendChild(node: unknown): void;
  };
  currentElement: unknown;
}

interface SaxAttributes {
  length: number;
  getQName(index: number): string;
}

/** The handler of the last parse; parses are synchronous, so it is the current one. */
let lastHandler: SyntaxOnlyHandler;

/**
 * Stands in for xmldom's DOM builder. The root element is real, because xmldom checks for it
 * at the end. Every element below it is a two-field record, which is all the reader's end-tag
 * checks need, and text, comments and processing instructions are dropped.
 */
class SyntaxOnlyHandler extends DOMHandler {
  needsFullParse = false;

  constructor(options: unknown) {
    super(options);
    lastHandler = this;
  }

  startElement(
    namespace: string | null,
    localName: string,
    qName: string,
    attributes: SaxAttributes,
  ): void {
    const name = qName || localName;
    if (name.includes(':') || hasPrefixedAttribute(attributes)) {
      this.needsFullParse = true;
    }
    if (this.doc.documentElement == null) {
      const root = this.doc.createElementNS(namespace, name);
      this.doc.appendChild(root);
      this.currentElement = root;
      return;
    }
    if (this.currentElement === this.doc || this.currentElement == null) {
      // A second top-level element: the DOM would reject it with its own message.
      this.needsFullParse = true;
    }
    this.currentElement = { tagName: name, parentNode: this.currentElement };
  }

  characters(): void {}

  comment(): void {}

  startCDATA(): void {}

  endCDATA(): void {}

  processingInstruction(): void {}
}

function hasPrefixedAttribute(attributes: SaxAttributes): boolean {
  for (let index = 0; index < attributes.length; index++) {
    if (attributes.getQName(index).includes(':')) {
      return true;
    }
  }
  return false;
}
