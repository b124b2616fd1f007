import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { AnalysedDocument } from '../../server/src/analysis/document';
import { createWebhookService, type WebhookService } from '../../server/src/analysis/service';
import type { TextChange } from '../../server/src/analysis/types';
import { DocumentStore } from '../../server/src/documents';
import type { Logger } from '../../server/src/logger';

const URI = 'file:///app/schema.xml';

const SCHEMA = `<data-model>
  <model name="asset" label="Asset">
    <webhook type="ready" name="asset_ready"/>
  </model>
</data-model>
`;

describe('document store', () => {
  const cases: Array<{
    name: string;
    text: string;
    changes: TextDocumentContentChangeEvent[];
    expected: string;
  }> = [
    {
      name: 'single range replacement',
      text: 'abc\ndef\n',
      changes: [{ range: range(1, 0, 1, 3), text: 'XYZ' }],
      expected: 'abc\nXYZ\n',
    },
    {
      name: 'second range refers to the first result',
      text: 'abc\ndef\n',
      changes: [
        { range: range(0, 0, 0, 0), text: 'new\n' },
        { range: range(2, 0, 2, 3), text: 'DEF' },
      ],
      expected: 'new\nabc\nDEF\n',
    },
    {
      name: 'ranges on CRLF and lone CR lines',
      text: 'a\r\nb\rc\n',
      changes: [
        { range: range(1, 0, 1, 1), text: 'B' },
        { range: range(2, 0, 2, 1), text: 'C' },
      ],
      expected: 'a\r\nB\rC\n',
    },
    {
      name: 'deletion across lines',
      text: 'one\ntwo\nthree\n',
      changes: [{ range: range(0, 2, 2, 1), text: '' }],
      expected: 'onhree\n',
    },
    {
      name: 'range past the line end is clamped',
      text: 'ab\ncd\n',
      changes: [{ range: range(0, 1, 0, 99), text: 'X' }],
      expected: 'aX\ncd\n',
    },
    {
      name: 'full change then a range',
      text: 'old\n',
      changes: [{ text: 'first\nsecond\n' }, { range: range(1, 0, 1, 6), text: '2nd' }],
      expected: 'first\n2nd\n',
    },
    {
      name: 'astral character counts as two units',
      text: '😀ab\n',
      changes: [{ range: range(0, 2, 0, 3), text: 'A' }],
      expected: '😀Ab\n',
    },
  ];

  for (const { name, text, changes, expected } of cases) {
    test(name, () => {
      const store = new DocumentStore(createWebhookService(), recordingLogger().logger);
      store.open(URI, 1, text);

      const document = store.change(URI, 2, changes);

      assert.equal(document.text, expected);
      assert.equal(document.version, 2);
      assert.equal(store.analysedOf(document).text, expected);
    });
  }

  test('incremental edit matches a full parse', () => {
    const service = createWebhookService();
    const store = new DocumentStore(service, recordingLogger().logger);
    store.open(URI, 1, SCHEMA);

    const start = SCHEMA.indexOf('ready');
    const document = store.change(URI, 2, [{ range: range(2, 19, 2, 24), text: 'readyy' }]);

    const expected = SCHEMA.slice(0, start) + 'readyy' + SCHEMA.slice(start + 'ready'.length);
    assert.equal(document.text, expected);
    assert.deepEqual(
      service.validate(store.analysedOf(document)),
      service.validate(service.parse(expected)),
    );
  });

  test('change to an unopened document throws', () => {
    const store = new DocumentStore(createWebhookService(), recordingLogger().logger);

    assert.throws(
      () => store.change(URI, 2, [{ text: SCHEMA }]),
      /Document file:\/\/\/app\/schema\.xml is not open/,
    );
  });

  test('changes wait for one update', () => {
    let updates = 0;
    const service = createWebhookService();
    const counting = {
      parse: service.parse,
      update: (...args: Parameters<typeof service.update>) => {
        updates++;
        return service.update(...args);
      },
    };
    const store = new DocumentStore(counting, recordingLogger().logger);
    store.open(URI, 1, SCHEMA);

    store.change(URI, 2, [{ range: range(2, 19, 2, 24), text: 'x' }]);
    store.change(URI, 3, [{ range: range(2, 20, 2, 20), text: 'y' }]);
    const document = store.change(URI, 4, [{ range: range(2, 21, 2, 21), text: 'z' }]);
    assert.equal(updates, 0);

    const analysed = store.analysedOf(document);
    assert.equal(updates, 1);
    assert.equal(analysed.text, document.text);
    assert.deepEqual(service.validate(analysed), service.validate(service.parse(document.text)));
    assert.equal(store.analysedOf(document), analysed);
    assert.equal(updates, 1);
  });

  test('close forgets the document', () => {
    const store = new DocumentStore(createWebhookService(), recordingLogger().logger);
    store.open(URI, 1, SCHEMA);

    store.close(URI);

    assert.equal(store.get(URI), undefined);
  });

  test('failing update falls back to a parse', () => {
    const { logger, errors } = recordingLogger();
    const service = faultyService({ updateThrows: true });
    const store = new DocumentStore(service, logger);
    store.open(URI, 1, 'abc');

    const document = store.change(URI, 2, [{ range: range(0, 1, 0, 2), text: 'B' }]);

    assert.equal(store.analysedOf(document).text, 'aBc');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^Failed to update the analysis of file:\/\/\/app\/schema\.xml/);
  });

  test('update with a different text falls back to a parse', () => {
    const { logger, errors } = recordingLogger();
    const store = new DocumentStore(faultyService({ updateText: 'wrong' }), logger);
    store.open(URI, 1, 'abc');

    const document = store.change(URI, 2, [{ range: range(0, 1, 0, 2), text: 'B' }]);

    assert.equal(store.analysedOf(document).text, 'aBc');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /differs from the editor's/);
  });

  test('failing parse keeps the new text', () => {
    const { logger, errors } = recordingLogger();
    const store = new DocumentStore(faultyService({ parseThrows: true }), logger);

    store.open(URI, 1, 'abc');
    const document = store.change(URI, 2, [{ range: range(0, 0, 0, 1), text: 'A' }]);

    assert.equal(document.text, 'Abc');
    assert.equal(document.analysed, undefined);
    assert.equal(errors.length, 1);
    assert.throws(() => store.analysedOf(document), /parse failed/);
  });
});

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
  return {
    start: { line: startLine, character: startCharacter },
    end: { line: endLine, character: endCharacter },
  };
}

function recordingLogger(): { logger: Logger; errors: string[] } {
  const errors: string[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: () => undefined,
    error: (message) => errors.push(message),
  };
  return { logger, errors };
}

/** Creates a service whose documents contain only their text and that fails as requested. */
function faultyService(faults: {
  parseThrows?: boolean;
  updateThrows?: boolean;
  updateText?: string;
}): Pick<WebhookService, 'parse' | 'update'> {
  const documentOf = (text: string) => ({ text }) as AnalysedDocument;
  return {
    parse: (text) => {
      if (faults.parseThrows) {
        throw new Error('parse failed');
      }
      return documentOf(text);
    },
    update: (previous, changes: readonly TextChange[]) => {
      if (faults.updateThrows) {
        throw new Error('update failed');
      }
      if (faults.updateText !== undefined) {
        return documentOf(faults.updateText);
      }
      let text = previous.text;
      for (const change of changes) {
        text = text.slice(0, change.start) + change.text + text.slice(change.end);
      }
      return documentOf(text);
    },
  };
}
