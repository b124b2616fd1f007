import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppContext, Hover } from '../../server/src/analysis/types';
import { ASSET_FIELDS, service } from '../helpers/analysis';
import { cursorOf, parseMarkers } from '../helpers/markers';

// Documents mark the cursor with `|` and the expected hover range with `[[...]]`. The asset
// model has the fields name (text), photo, signature and count (integer) and a belongs-to `user`.
const HEAD = `<data-model>\n  <model name="asset" label="Asset">\n${ASSET_FIELDS}\n`;
const TAIL = '  </model>\n</data-model>\n';
const doc = (body: string) => `${HEAD}${body}\n${TAIL}`;

/** A data model whose only model has `field` and a ready webhook with `condition`. */
const dataModelWith = (field: string, condition: string) =>
  `<data-model>\n  <model name="job" label="Job">\n${field}\n    <webhook type="ready" name="job_ready">\n${condition}\n    </webhook>\n${TAIL}`;

function hoverAt(marked: string, app: AppContext = {}): Hover | undefined {
  const parsed = parseMarkers(marked);
  return service.hover(service.parse(parsed.text), cursorOf(parsed), app);
}

/** Asserts a hover over the marked range and returns its Markdown. */
function hoverText(marked: string, app: AppContext = {}): string {
  const found = hoverAt(marked, app);
  assert.ok(found, 'expected a hover');
  const { ranges } = parseMarkers(marked);
  if (ranges.length > 0) {
    assert.deepEqual(found.range, ranges[0]);
  }
  return found.contents;
}

/** Returns the paragraph of a hover that describes when the webhook fires. */
const firing = (marked: string, app: AppContext = {}) =>
  hoverText(marked, app)
    .split('\n\n')
    .find((paragraph) => paragraph.startsWith('Fires') || paragraph.startsWith('Cannot fire'));

describe('end tag hover', () => {
  const webhook = (endTag: string) =>
    doc(`    <webhook type="ready" name="a">\n      <field name="photo"/>\n    ${endTag}`);

  test('on the end tag name', () => {
    const found = hoverAt(webhook('</web|hook>'));
    assert.ok(found !== undefined);
    assert.match(found.contents, /Fires once/);
  });

  for (const [name, endTag] of [
    ['less than', '|</webhook>'],
    ['slash', '<|/webhook>'],
    ['closing bracket', '</webhook|>'.replace('|>', '>|')],
  ]) {
    test(`none on the ${name}`, () => {
      assert.equal(hoverAt(webhook(endTag)), undefined);
    });
  }
});

describe('webhook hover', () => {
  test('ready webhook with conditions', () => {
    const marked = doc(
      [
        '    <[[web|hook]] type="ready" name="asset_ready">',
        '      <field name="photo" state="uploaded"/>',
        '      <field name="user" embed="false"/>',
        '    </webhook>',
      ].join('\n'),
    );
    const text = hoverText(marked);
    assert.match(text, /^\*\*webhook\*\* `asset_ready`/);
    assert.match(text, /Fires once, when photo is uploaded and user is set\./);
    assert.match(text, /HTTP POST to the endpoint set for `asset_ready`/);
  });

  test('update webhook without conditions', () => {
    assert.equal(firing(doc('    <[[webhook|]] type="update" name="a"/>')), 'Fires on every save.');
  });

  test('ready webhook without conditions', () => {
    assert.equal(
      firing(doc('    <[[webhook|]] type="ready" name="a"/>')),
      'Fires once, when an object is created.',
    );
  });

  test('condition with required false left out', () => {
    const marked = doc(
      '    <[[webhook|]] type="update">\n      <field name="count" required="false"/>\n      <field name="name"/>\n    </webhook>',
    );
    assert.equal(firing(marked), 'Fires on every save while name is set.');
  });

  test('three conditions joined with commas', () => {
    const marked = doc(
      '    <[[w|ebhook]] type="ready">\n      <field name="photo"/>\n      <field name="signature" state="uploaded"/>\n      <field name="user"/>\n    </webhook>',
    );
    assert.equal(
      firing(marked),
      'Fires once, when photo is set, signature is uploaded and user is set.',
    );
  });

  test('field named by two conditions', () => {
    const webhookWith = (conditions: string[]) =>
      doc(
        [
          '    <[[web|hook]] type="ready" name="a">',
          ...conditions.map((condition) => `      ${condition}`),
          '    </webhook>',
        ].join('\n'),
      );
    const cases: Array<{ conditions: string[]; sentence: string }> = [
      {
        conditions: ['<field name="name" required="false"/>', '<field name="name"/>'],
        sentence: 'Fires once, when name is set.',
      },
      {
        conditions: ['<field name="name"/>', '<field name="name" required="false"/>'],
        sentence: 'Fires once, when name is set.',
      },
      {
        conditions: ['<field name="photo"/>', '<field name="photo" state="uploaded"/>'],
        sentence: 'Fires once, when photo is uploaded.',
      },
      {
        conditions: [
          '<field name="photo" state="uploaded" required="false"/>',
          '<field name="photo"/>',
        ],
        sentence: 'Fires once, when photo is set.',
      },
      {
        conditions: ['<field name="user"/>', '<field name="name"/>', '<field name="user"/>'],
        sentence: 'Fires once, when user is set and name is set.',
      },
    ];

    for (const { conditions, sentence } of cases) {
      assert.equal(firing(webhookWith(conditions)), sentence, conditions.join(' '));
    }
  });

  test('unknown condition field marked', () => {
    const marked = doc(
      '    <[[webhook|]] type="update" name="a">\n      <field name="nope"/>\n      <field name="photo"/>\n      <field name="helpers"/>\n      <field name="gone" required="false"/>\n    </webhook>',
    );
    assert.equal(
      firing(marked),
      'Fires on every save while nope is set (unknown field), photo is set and helpers is set (unknown field).',
    );
  });

  test('default name shown in the title', () => {
    assert.match(
      hoverText(doc('    <[[webhook|]] type="update"/>')),
      /^\*\*webhook\*\* `asset_update` \(default name\)/,
    );
  });

  test('missing and invalid type', () => {
    assert.match(firing(doc('    <[[webhook|]] name="a"/>')) ?? '', /^Cannot fire: it has no type/);
    assert.match(
      firing(doc('    <[[webhook|]] type="Ready"/>')) ?? '',
      /"Ready" is not "ready" or "update"/,
    );
  });

  test('CloudCode task found and missing', () => {
    const marked = doc(
      '    <[[webhook|]] type="ready" name="a" receiver="cloudcode" action="sync"/>',
    );
    assert.match(
      hoverText(marked, { cloudCodeTasks: ['sync'] }),
      /Runs the CloudCode task `sync`\.$/,
    );
    assert.match(
      hoverText(marked, { cloudCodeTasks: [] }),
      /This app has no folder `cloudcode\/sync\/`/,
    );
  });

  test('pdfmailer template', () => {
    const marked = doc(
      '    <[[webhook|]] type="ready" name="a" receiver="pdfmailer" action="report"/>',
    );
    assert.match(hoverText(marked), /PDF template `report`/);
  });

  test('end tag of a webhook', () => {
    const marked = doc('    <webhook type="update" name="a">\n    </[[web|hook]]>');
    assert.match(hoverText(marked), /Fires on every save/);
  });
});

describe('attribute hover', () => {
  test('webhook attribute with its default', () => {
    const text = hoverText(doc('    <webhook [[rece|iver]]="cloudcode" action="a" type="ready"/>'));
    assert.match(text, /^\*\*receiver\*\* \(webhook attribute\)/);
    assert.match(text, /Default: None: an external webhook/);
  });

  test('name attribute with the fallback name', () => {
    const text = hoverText(doc('    <webhook type="update" [[na|me]]="x"/>'));
    assert.match(text, /Without `name`, this webhook would be called `asset_update`\./);
  });

  test('condition attribute with its default', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="photo" [[st|ate]]="uploaded"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /Default: `present`/);
  });

  test('unknown attribute has no hover', () => {
    assert.equal(hoverAt(doc('    <webhook type="ready" u|rl="x"/>')), undefined);
  });
});

describe('value hover', () => {
  test('type value', () => {
    const text = hoverText(doc('    <webhook type="[[upd|ate]]" name="a"/>'));
    assert.match(text, /^\*\*type\*\* `update`/);
    assert.match(text, /every save/);
  });

  test('state value', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="photo" state="[[upl|oaded]]"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /The attachment must be uploaded\./);
  });

  test('empty required value means the default', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="photo" required="[[|]]"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /fires only once this field is set/);
  });

  test('condition name of a field', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="[[pho|to]]"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /A `photo` field labelled "Photo"\./);
  });

  test('condition name of an integer field', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="[[cou|nt]]"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /An `integer` field labelled "Count"\./);
  });

  test('condition name of an attachment field', () => {
    const marked = dataModelWith(
      '    <field name="report" label="Report" type="attachment" media="application/pdf"/>',
      '      <field name="[[rep|ort]]"/>',
    );
    assert.match(hoverText(marked), /An `attachment` field labelled "Report"\./);
  });

  test('condition name of a belongs-to', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="[[us|er]]"/>\n    </webhook>',
    );
    assert.match(hoverText(marked), /A belongs-to relationship to model `user`\./);
  });

  test('condition name not in the model', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <field name="[[fot|o]]"/>\n    </webhook>',
    );
    assert.match(
      hoverText(marked),
      /Model `asset` has no field or belongs-to relationship `foto`\./,
    );
  });

  test('action value', () => {
    const marked = doc('    <webhook type="ready" receiver="cloudcode" action="[[sy|nc]]"/>');
    assert.match(
      hoverText(marked, { cloudCodeTasks: ['sync'] }),
      /Runs the task in the folder `cloudcode\/sync\/`\./,
    );
  });
});

describe('condition hover', () => {
  test('condition tag with target and effect', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <[[fi|eld]] name="photo" state="uploaded" embed="false"/>\n    </webhook>',
    );
    const text = hoverText(marked);
    assert.match(text, /^\*\*condition\*\* `photo`/);
    assert.match(text, /A `photo` field labelled "Photo"\./);
    assert.match(
      text,
      /The webhook waits until photo is uploaded\. The request does not embed it\./,
    );
  });

  test('plain field says nothing about embedding', () => {
    const marked = doc(
      '    <webhook type="ready">\n      <[[fi|eld]] name="count" required="false"/>\n    </webhook>',
    );
    const text = hoverText(marked);
    assert.match(text, /The webhook does not wait for count\.$/);
  });
});

describe('hover elsewhere', () => {
  test('model field and model tag', () => {
    assert.equal(
      hoverAt(`${HEAD.replace('<field name="photo"', '<fi|eld name="photo"')}${TAIL}`),
      undefined,
    );
    assert.equal(hoverAt(`${HEAD.replace('<model name', '<mo|del name')}${TAIL}`), undefined);
  });

  test('webhook content between conditions', () => {
    assert.equal(
      hoverAt(doc('    <webhook type="ready">\n   |   <field name="photo"/>\n    </webhook>')),
      undefined,
    );
  });
});

describe('hover on half-typed text', () => {
  const variants: [string, (text: string) => string][] = [
    ['LF', (text) => text],
    ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
    ['emoji', (text) => text.replace('    <webhook', '    <!-- 📷 --><webhook')],
  ];

  for (const [variant, shape] of variants) {
    test(`attribute of an unclosed tag at the end (${variant})`, () => {
      const marked = shape(`${HEAD}    <webhook [[ty|pe]]="rea`);
      assert.match(hoverText(marked), /^\*\*type\*\*/);
    });

    test(`unclosed webhook tag (${variant})`, () => {
      const marked = shape(
        `${HEAD}    <webhook type="ready">\n      <field name="photo" state="uploaded"/>\n      <[[fi|eld]] name="user"`,
      );
      assert.match(hoverText(marked), /The webhook waits until user is set\./);
      const tag = shape(
        `${HEAD}    <[[webh|ook]] type="ready">\n      <field name="photo" state="uploaded"/>\n`,
      );
      assert.match(hoverText(tag), /Fires once, when photo is uploaded\./);
    });
  }
});
