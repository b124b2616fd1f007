import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppContext, CompletionItem } from '../../server/src/analysis/types';
import { ASSET_FIELDS, service } from '../helpers/analysis';
import { applyEdits, cursorOf, parseMarkers } from '../helpers/markers';
import { expandSnippet } from '../helpers/snippets';

// Documents mark the cursor with `|`. The asset model has the fields name (text), photo,
// signature and count (integer), a belongs-to `user`, a has-many `helpers` and a display.
const HEAD = `<data-model>\n  <model name="asset" label="Asset">\n${ASSET_FIELDS}\n`;
const TAIL = '  </model>\n</data-model>\n';
const TASKS: AppContext = { cloudCodeTasks: ['notify_manager', 'sync_asset'] };

/** A data model whose asset model ends with `body`. */
const doc = (body: string) => `${HEAD}${body}\n${TAIL}`;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const cursorLine = (marked: string) => marked.slice(0, marked.indexOf('|')).split('\n').length - 1;

/** Puts `comment` after the indentation of line `line`. */
function withCommentOnLine(text: string, line: number, comment: string): string {
  const lines = text.split('\n');
  lines[line] = lines[line].replace(/^(\s*)/, `$1${comment}`);
  return lines.join('\n');
}

function completionsAt(marked: string, app: AppContext = {}, character?: string): CompletionItem[] {
  const parsed = parseMarkers(marked);
  return service.complete(service.parse(parsed.text), cursorOf(parsed), app, { character });
}

const labelsAt = (marked: string, app: AppContext = {}, character?: string) =>
  completionsAt(marked, app, character).map((item) => item.label);

function itemAt(marked: string, label: string, app: AppContext = {}): CompletionItem {
  const items = completionsAt(marked, app);
  const found = items.find((item) => item.label === label);
  assert.ok(found, `no item "${label}" among ${JSON.stringify(items.map((item) => item.label))}`);
  return found;
}

/** Returns the text after accepting the item, with every snippet default taken. */
function accept(marked: string, label: string, app: AppContext = {}): string {
  const { textEdit, snippet } = itemAt(marked, label, app);
  const newText = snippet ? expandSnippet(textEdit.newText) : textEdit.newText;
  return applyEdits(parseMarkers(marked).text, [{ range: textEdit.range, newText }]);
}

describe('element completion', () => {
  test('webhook snippet after the model children', () => {
    const item = itemAt(doc('    |'), 'webhook');
    assert.equal(item.kind, 'snippet');
    assert.equal(item.snippet, true);
    assert.match(item.textEdit.newText, /type="\$\{1\|ready,update\|\}"/);
    assert.match(item.textEdit.newText, /name="\$\{2:asset_\$1\}"/);
    assert.equal(
      accept(doc('    |'), 'webhook'),
      doc('    <webhook type="ready" name="asset_ready">\n      \n    </webhook>'),
    );
  });

  test('webhook snippet not before fields', () => {
    const marked = `${HEAD.replace('    <field name="photo"', '    |\n    <field name="photo"')}${TAIL}`;
    assert.deepEqual(labelsAt(marked), []);
  });

  test('webhook snippet not before a relationship', () => {
    const marked = `${HEAD.replace('    <belongs-to', '    |\n    <belongs-to')}${TAIL}`;
    assert.deepEqual(labelsAt(marked), []);
  });

  test('webhook snippet with a CloudCode task', () => {
    assert.deepEqual(labelsAt(doc('    |'), TASKS), ['webhook', 'webhook with CloudCode task']);
    assert.equal(
      accept(doc('    |'), 'webhook with CloudCode task', TASKS),
      doc(
        '    <webhook type="ready" name="asset_ready_notify_manager" receiver="cloudcode" action="notify_manager">\n      \n    </webhook>',
      ),
    );
  });

  test('webhook snippet follows tab indentation', () => {
    const tabbed = doc('    |').replace(/ {2}/g, '\t');
    assert.equal(
      accept(tabbed, 'webhook'),
      doc('    <webhook type="ready" name="asset_ready">\n      \n    </webhook>').replace(
        / {2}/g,
        '\t',
      ),
    );
  });

  test('less than sign replaced by the snippet', () => {
    const item = completionsAt(doc('    <|'), {}, '<')[0];
    assert.equal(item.label, 'webhook');
    assert.equal(item.filterText, '<webhook');
    assert.equal(
      accept(doc('    <|'), 'webhook'),
      doc('    <webhook type="ready" name="asset_ready">\n      \n    </webhook>'),
    );
  });

  test('half-typed tag replaced by the snippet', () => {
    assert.equal(
      accept(`${HEAD}    <webh|`, 'webhook'),
      `${HEAD}    <webhook type="ready" name="asset_ready">\n      \n    </webhook>`,
    );
  });

  test('field snippet inside a webhook', () => {
    const marked = doc('    <webhook type="ready" name="a">\n      |\n    </webhook>');
    assert.deepEqual(labelsAt(marked), ['field']);
    assert.equal(itemAt(marked, 'field').triggerSuggest, true);
    assert.equal(
      accept(marked, 'field'),
      doc('    <webhook type="ready" name="a">\n      <field name=""/>\n    </webhook>'),
    );
  });

  test('field snippet after a less than sign in a webhook', () => {
    const marked = doc('    <webhook type="ready">\n      <|\n    </webhook>');
    assert.deepEqual(labelsAt(marked, {}, '<'), ['field']);
    assert.equal(
      accept(marked, 'field'),
      doc('    <webhook type="ready">\n      <field name=""/>\n    </webhook>'),
    );
  });

  test('field snippet replaces a half-typed tag', () => {
    const marked = doc('    <webhook type="ready">\n      <fi|\n    </webhook>');
    assert.equal(
      accept(marked, 'field'),
      doc('    <webhook type="ready">\n      <field name=""/>\n    </webhook>'),
    );
  });

  test('less than sign elsewhere offers nothing', () => {
    assert.deepEqual(labelsAt(doc('    <display><|</display>'), {}, '<'), []);
    assert.deepEqual(labelsAt(`<data-model>\n  <|\n</data-model>\n`, {}, '<'), []);
    assert.deepEqual(
      labelsAt(
        doc('    <webhook type="ready">\n      <field name="photo"><|</field>\n    </webhook>'),
        {},
        '<',
      ),
      [],
    );
  });

  test('document that is not a data model', () => {
    assert.deepEqual(labelsAt('<view>\n  <|\n</view>\n'), []);
  });
});

describe('completion in skipped text', () => {
  const cases = [
    ['closed comment', '    <!-- note | -->'],
    ['unclosed comment', '    <!-- <webhook type="|'],
    ['less than in a comment', '    <!-- <|'],
    ['processing instruction', '    <?note <webhook type="| ?>'],
    [
      'comment in a webhook',
      '    <webhook type="ready" name="a"><!-- <field name="| --></webhook>',
    ],
  ];
  for (const [name, body] of cases) {
    test(`nothing offered in ${name}`, () => {
      assert.deepEqual(labelsAt(doc(body)), []);
    });
  }

  // Built without the marker helper, whose `[[` and `]]` mark ranges.
  test('nothing offered in CDATA in a webhook', () => {
    const before = doc('    <webhook type="ready" name="a"><![CDATA[ <field name="');
    const text = before.replace('name="\n', 'name=" ]]></webhook>\n');
    const offset = before.indexOf('name="\n') + 'name="'.length;
    const document = service.parse(text);
    assert.deepEqual(service.complete(document, document.lines.positionAt(offset), {}, {}), []);
  });

  test('offered again after a comment', () => {
    assert.ok(labelsAt(doc('    <!-- note -->\n    |')).includes('webhook'));
  });
});

describe('end tag completion', () => {
  const openWebhook = (line: string) =>
    `${HEAD}    <webhook type="ready" name="a">\n      ${line}\n${TAIL}`;

  test('end tag of an open webhook', () => {
    const marked = openWebhook('</|');
    const item = itemAt(marked, '</webhook>');
    assert.equal(item.kind, 'property');
    assert.equal(item.snippet, false);
    assert.equal(item.filterText, 'webhook');
    assert.deepEqual(labelsAt(marked), ['</webhook>']);
    assert.equal(accept(marked, '</webhook>'), openWebhook('</webhook>'));
  });

  test('replaces the typed part of the name', () => {
    const marked = openWebhook('</web|');
    const cursor = cursorOf(parseMarkers(marked));
    const { range } = itemAt(marked, '</webhook>').textEdit;
    assert.deepEqual(range.start, { ...cursor, character: cursor.character - 3 });
    assert.deepEqual(range.end, cursor);
    assert.equal(accept(marked, '</webhook>'), openWebhook('</webhook>'));
  });

  test('replaces a typed name and its bracket', () => {
    const marked = openWebhook('</we|bh>');
    assert.equal(accept(marked, '</webhook>'), openWebhook('</webhook>'));
  });

  test('offers no element snippets', () => {
    const closed = doc('    <webhook type="ready" name="a">\n      </|\n    </webhook>');
    assert.deepEqual(labelsAt(closed), ['</webhook>']);
    assert.deepEqual(labelsAt(doc('    </|')), ['</model>']);
  });

  test('closes the innermost open element', () => {
    const marked = openWebhook('<field name="photo">\n      </|');
    assert.deepEqual(labelsAt(marked), ['</field>']);
    assert.deepEqual(labelsAt('<view>\n  <heading>\n  </|\n</view>\n'), ['</heading>']);
  });

  test('slash trigger only right after less than', () => {
    assert.deepEqual(labelsAt(openWebhook('</|'), {}, '/'), ['</webhook>']);
    assert.deepEqual(labelsAt(openWebhook('</web|'), {}, '/'), []);
    assert.deepEqual(labelsAt(openWebhook('</|'), {}, '<'), []);
    assert.deepEqual(labelsAt(openWebhook('<field name="photo" /|'), {}, '/'), []);
    assert.deepEqual(labelsAt(doc('    <webhook type="ready" name="a"/|'), {}, '/'), []);
  });

  test('nothing in a start tag without its bracket', () => {
    assert.deepEqual(labelsAt(`${HEAD}    <webhook type="ready"\n      </|\n${TAIL}`), []);
  });

  test('keeps CRLF line breaks', () => {
    const marked = crlf(openWebhook('</|'));
    assert.equal(accept(marked, '</webhook>'), crlf(openWebhook('</webhook>')));
  });
});

describe('attribute name completion', () => {
  test('webhook attributes not yet present', () => {
    assert.deepEqual(labelsAt(doc('    <webhook type="ready" |/>')), ['name', 'receiver']);
    assert.deepEqual(labelsAt(doc('    <webhook receiver="cloudcode" |/>')), [
      'type',
      'name',
      'action',
    ]);
  });

  test('attribute inserted with an empty value', () => {
    const item = itemAt(doc('    <webhook type="ready" |/>'), 'name');
    assert.equal(item.triggerSuggest, true);
    assert.match(item.documentation ?? '', /Default:/);
    assert.equal(
      accept(doc('    <webhook type="ready" |/>'), 'name'),
      doc('    <webhook type="ready" name=""/>'),
    );
  });

  test('half-typed name replaced whole', () => {
    assert.equal(accept(doc('    <webhook rec|/>'), 'receiver'), doc('    <webhook receiver=""/>'));
    assert.equal(
      accept(doc('    <webhook re|ce/>'), 'receiver'),
      doc('    <webhook receiver=""/>'),
    );
  });

  test('name with a value keeps its value', () => {
    assert.equal(
      accept(doc('    <webhook nme|="asset_ready"/>'), 'name'),
      doc('    <webhook name="asset_ready"/>'),
    );
    assert.equal(accept(doc('    <webhook typ|=/>'), 'type'), doc('    <webhook type=/>'));
  });

  test('space added after a closing quote', () => {
    assert.equal(
      accept(doc('    <webhook type="ready"|/>'), 'name'),
      doc('    <webhook type="ready" name=""/>'),
    );
  });

  test('space added before the next attribute', () => {
    assert.equal(
      accept(doc('    <webhook |type="ready"/>'), 'name'),
      doc('    <webhook name="" type="ready"/>'),
    );
  });

  test('condition attributes for an attachment', () => {
    const marked = doc('    <webhook type="ready">\n      <field name="photo" |/>\n    </webhook>');
    assert.deepEqual(labelsAt(marked), ['required', 'embed', 'state']);
  });

  test('condition attributes for a belongs-to', () => {
    const marked = doc('    <webhook type="ready">\n      <field name="user" |/>\n    </webhook>');
    assert.deepEqual(labelsAt(marked), ['required', 'embed']);
  });

  test('condition attributes for a plain field', () => {
    const marked = doc('    <webhook type="ready">\n      <field name="count" |/>\n    </webhook>');
    assert.deepEqual(labelsAt(marked), ['required']);
  });

  test('condition attributes before the name', () => {
    const marked = doc('    <webhook type="ready">\n      <field |/>\n    </webhook>');
    assert.deepEqual(labelsAt(marked), ['name', 'required', 'embed', 'state']);
  });

  test('space trigger only between attributes', () => {
    assert.deepEqual(labelsAt(doc('    <webhook type="ready" |/>'), {}, ' '), ['name', 'receiver']);
    assert.deepEqual(labelsAt(doc('    <webhook name="a |"/>'), {}, ' '), []);
    assert.deepEqual(labelsAt(doc('    <webhook type="ready"/> |'), {}, ' '), []);
  });

  test('attributes of other elements', () => {
    assert.deepEqual(labelsAt(doc('    <display |>{name}</display>')), []);
    assert.deepEqual(
      labelsAt(`${HEAD.replace('<model name="asset"', '<model |name="asset"')}${TAIL}`),
      [],
    );
  });
});

describe('attribute value completion', () => {
  test('type values with what they do', () => {
    const items = completionsAt(doc('    <webhook type="|"/>'));
    assert.deepEqual(
      items.map((item) => item.label),
      ['ready', 'update'],
    );
    assert.match(items[0].documentation ?? '', /once per object/);
    assert.match(items[1].documentation ?? '', /every save/);
  });

  test('receiver values', () => {
    const items = completionsAt(doc('    <webhook type="ready" receiver="|"/>'));
    assert.deepEqual(
      items.map((item) => item.label),
      ['cloudcode', 'pdfmailer'],
    );
    assert.match(items[0].documentation ?? '', /CloudCode task/);
  });

  test('condition values with the default marked', () => {
    const marked = (attribute: string) =>
      doc(
        `    <webhook type="ready">\n      <field name="photo" ${attribute}="|"/>\n    </webhook>`,
      );
    assert.deepEqual(labelsAt(marked('required')), ['true', 'false']);
    assert.deepEqual(labelsAt(marked('embed')), ['true', 'false']);
    assert.deepEqual(labelsAt(marked('state')), ['present', 'uploaded']);
    assert.equal(completionsAt(marked('state'))[0].detail, 'default');
    assert.match(completionsAt(marked('state'))[1].documentation ?? '', /uploaded/);
  });

  test('action lists CloudCode tasks', () => {
    const marked = doc('    <webhook type="ready" receiver="cloudcode" action="|"/>');
    assert.deepEqual(labelsAt(marked, TASKS), ['notify_manager', 'sync_asset']);
    assert.equal(completionsAt(marked, TASKS)[0].kind, 'module');
    assert.deepEqual(labelsAt(marked), []);
  });

  test('action of pdfmailer offers nothing', () => {
    assert.deepEqual(
      labelsAt(doc('    <webhook type="ready" receiver="pdfmailer" action="|"/>'), TASKS),
      [],
    );
  });

  test('webhook name offers the default name', () => {
    assert.deepEqual(labelsAt(doc('    <webhook type="update" name="|"/>')), ['asset_update']);
    assert.deepEqual(
      labelsAt(doc('    <webhook type="ready" receiver="cloudcode" action="sync" name="|"/>')),
      ['cloudcode_asset_ready_sync'],
    );
    assert.deepEqual(labelsAt(doc('    <webhook type="x" name="|"/>')), []);
  });

  test('condition names with type and label', () => {
    const items = completionsAt(
      doc('    <webhook type="ready">\n      <field name="|"/>\n    </webhook>'),
    );
    assert.deepEqual(
      items.map((item) => item.label),
      ['name', 'photo', 'signature', 'count', 'user'],
    );
    assert.equal(items[1].detail, 'photo "Photo"');
    assert.equal(items[1].kind, 'field');
    assert.equal(items[4].detail, 'belongs-to user');
    assert.equal(items[4].kind, 'reference');
  });

  test('condition names leave out used ones', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="photo"/>\n      <field name="na|"/>\n      <field name="user"/>\n    </webhook>',
    );
    assert.deepEqual(labelsAt(marked), ['name', 'signature', 'count']);
  });

  test('condition names put attachments first with state', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field state="uploaded" name="|"/>\n    </webhook>',
    );
    assert.deepEqual(labelsAt(marked), ['photo', 'signature', 'name', 'count', 'user']);
  });

  test('missing quote before the next attribute', () => {
    assert.equal(
      accept(doc('    <webhook type="rea| name="a"/>'), 'ready'),
      doc('    <webhook type="ready" name="a"/>'),
    );
  });

  test('closed value replaced up to the quote', () => {
    assert.equal(
      accept(doc('    <webhook type="rea|dyy"/>'), 'ready'),
      doc('    <webhook type="ready"/>'),
    );
  });

  test('unknown attribute offers no values', () => {
    assert.deepEqual(labelsAt(doc('    <webhook url="|"/>')), []);
    assert.deepEqual(labelsAt(doc('    <field name="x" type="|"/>')), []);
  });

  test('equals sign trigger inserts quotes', () => {
    assert.deepEqual(labelsAt(doc('    <webhook type=|/>'), {}, '='), ['ready', 'update']);
    assert.equal(accept(doc('    <webhook type=|/>'), 'ready'), doc('    <webhook type="ready"/>'));
    assert.equal(
      accept(doc('    <webhook type=| name="a"/>'), 'ready'),
      doc('    <webhook type="ready" name="a"/>'),
    );
    assert.equal(
      accept(doc('    <webhook type=|"upd"/>'), 'update'),
      doc('    <webhook type="update"/>'),
    );
  });

  test('quote trigger only at the value start', () => {
    assert.deepEqual(labelsAt(doc('    <webhook type="|"/>'), {}, '"'), ['ready', 'update']);
    assert.deepEqual(labelsAt(doc('    <webhook type="ready"| />'), {}, '"'), []);
    assert.deepEqual(labelsAt(doc('    <webhook name="a"|/>'), {}, '='), []);
  });
});

describe('completion on half-typed text', () => {
  // Each case runs as written, with CRLF line breaks, and with an emoji earlier on the
  // cursor's line. `line` is the cursor's line, which the expected text shares.
  const variants: [string, (text: string, line: number) => string][] = [
    ['LF', (text) => text],
    ['CRLF', (text) => crlf(text)],
    ['emoji', (text, line) => withCommentOnLine(text, line, '<!-- 📷 -->')],
  ];

  for (const [variant, shape] of variants) {
    test(`webhook attributes at the end of the file (${variant})`, () => {
      const marked = `${HEAD}    <webhook |`;
      const line = cursorLine(marked);
      assert.deepEqual(labelsAt(shape(marked, line), {}, ' '), ['type', 'name', 'receiver']);
      assert.equal(accept(shape(marked, line), 'type'), shape(`${HEAD}    <webhook type=""`, line));
    });

    test(`type value without a closing quote (${variant})`, () => {
      const atEnd = `${HEAD}    <webhook type="rea|`;
      const line = cursorLine(atEnd);
      assert.deepEqual(labelsAt(shape(atEnd, line)), ['ready', 'update']);
      assert.equal(
        accept(shape(atEnd, line), 'ready'),
        shape(`${HEAD}    <webhook type="ready"`, line),
      );

      const beforeMore = doc(
        '    <webhook type="rea|\n      <field name="photo"/>\n    </webhook>',
      );
      assert.equal(
        accept(shape(beforeMore, line), 'ready'),
        shape(doc('    <webhook type="ready"\n      <field name="photo"/>\n    </webhook>'), line),
      );
    });

    test(`empty line in an unclosed webhook (${variant})`, () => {
      const marked = doc(
        '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      |',
      );
      const line = cursorLine(marked);
      assert.deepEqual(labelsAt(shape(marked, line)), ['field']);
      assert.equal(
        accept(shape(marked, line), 'field'),
        shape(
          doc(
            '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      <field name=""/>',
          ),
          line,
        ),
      );
    });

    test(`condition name in an unclosed webhook (${variant})`, () => {
      const marked = `${HEAD}    <webhook type="ready">\n      <field name="pho|`;
      const line = cursorLine(marked);
      assert.deepEqual(labelsAt(shape(marked, line)).slice(0, 2), ['name', 'photo']);
      assert.equal(
        accept(shape(marked, line), 'photo'),
        shape(`${HEAD}    <webhook type="ready">\n      <field name="photo"`, line),
      );
    });
  }

  test('webhook snippet keeps CRLF line breaks', () => {
    assert.equal(
      accept(crlf(doc('    |')), 'webhook'),
      crlf(doc('    <webhook type="ready" name="asset_ready">\n      \n    </webhook>')),
    );
  });

  test('ranges count UTF-16 code units after an emoji', () => {
    const item = itemAt(doc('    <!-- 📷 --><webhook type="rea|'), 'ready');
    assert.deepEqual(item.textEdit.range.start, { line: 9, character: 30 });
    assert.deepEqual(item.textEdit.range.end, { line: 9, character: 33 });
  });
});
