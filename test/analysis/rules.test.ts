import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIAGNOSTIC_CATALOGUE } from '../../server/src/analysis/catalogue';
import {
  ASSET_FIELDS,
  dataModel,
  expectDiagnostic,
  expectNoDiagnostic,
  markedRange,
  validateText,
} from '../helpers/analysis';
import type { AppContext } from '../../server/src/analysis/types';

interface RuleCase {
  code: string;
  /** A document with the expected range marked by `[[` and `]]`. */
  positive: string;
  /** A near-identical document where the rule must stay silent. */
  negative: string;
  app?: AppContext;
  /** Words the message must contain. */
  mentions?: string[];
}

const withFields = (webhooks: string) => dataModel(`${ASSET_FIELDS}\n${webhooks}`);

const CASES: RuleCase[] = [
  {
    code: 'xml-syntax-error',
    positive: dataModel(
      '    <field name="name" type="text" label="x"/>\n    <display>{name}</[[model]]>',
    ),
    negative: dataModel(
      '    <field name="name" type="text" label="x"/>\n    <display>{name}</display>',
    ),
  },
  {
    code: 'xml-syntax-warning',
    positive: dataModel('    <field name="name" type="text" label="[[&nbsp;]]"/>'),
    negative: dataModel('    <field name="name" type="text" label="&amp;"/>'),
  },
  {
    code: 'webhook-outside-model',
    positive: '<data-model>\n  <[[webhook]] type="ready" name="a"/>\n</data-model>\n',
    negative: dataModel('    <webhook type="ready" name="a"/>'),
    mentions: ['direct child of a model'],
  },
  {
    code: 'element-order',
    positive: withFields(
      '    <webhook type="ready" name="a"/>\n    <[[field]] name="late" type="text" label="Late"/>',
    ),
    negative: withFields('    <webhook type="ready" name="a"/>'),
    mentions: ['<field>', 'Fields come first'],
  },
  {
    code: 'webhook-not-last',
    positive: dataModel(
      '    <field name="name" type="text" label="N"/>\n    <[[webhook]] type="ready" name="a"/>\n    <display>{name}</display>',
    ),
    negative: dataModel(
      '    <field name="name" type="text" label="N"/>\n    <display>{name}</display>\n    <webhook type="ready" name="a"/>',
    ),
  },
  {
    code: 'webhook-type-missing',
    positive: withFields('    <[[webhook]] name="a"/>'),
    negative: withFields('    <webhook name="a" type="update"/>'),
  },
  {
    code: 'webhook-type-invalid',
    positive: withFields('    <webhook type="[[Ready]]" name="a"/>'),
    negative: withFields('    <webhook type="ready" name="a"/>'),
    mentions: ['"Ready"', '"ready" or "update"', 'Did you mean "ready"?'],
  },
  {
    code: 'webhook-name-missing',
    positive: withFields('    <[[webhook]] type="ready"/>'),
    negative: withFields('    <webhook type="ready" name="asset_ready"/>'),
    mentions: ['"asset_ready"'],
  },
  {
    code: 'webhook-name-invalid',
    positive: withFields('    <webhook type="ready" name="[[1st hook]]"/>'),
    negative: withFields('    <webhook type="ready" name="first_hook1"/>'),
    mentions: ['"1st hook"'],
  },
  {
    code: 'webhook-name-duplicate',
    positive: withFields(
      '    <webhook type="ready" name="[[sync]]"/>\n    <webhook type="update" name="sync"/>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="sync"/>\n    <webhook type="update" name="sync2"/>',
    ),
    mentions: ['"sync"'],
  },
  {
    code: 'webhook-receiver-invalid',
    positive: withFields(
      '    <webhook type="ready" name="a" receiver="[[CloudCode]]" action="t"/>',
    ),
    negative: withFields('    <webhook type="ready" name="a" receiver="cloudcode" action="t"/>'),
    mentions: ['Did you mean "cloudcode"?'],
  },
  {
    code: 'webhook-action-missing',
    positive: withFields('    <[[webhook]] type="ready" name="a" receiver="pdfmailer"/>'),
    negative: withFields(
      '    <webhook type="ready" name="a" receiver="pdfmailer" action="invoice"/>',
    ),
    mentions: ['PDF template'],
  },
  {
    code: 'webhook-action-without-receiver',
    positive: withFields('    <webhook type="ready" name="a" action="[[notify]]"/>'),
    negative: withFields('    <webhook type="ready" name="a"/>'),
  },
  {
    code: 'webhook-action-unknown-task',
    positive: withFields(
      '    <webhook type="ready" name="a" receiver="cloudcode" action="[[sendmail]]"/>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a" receiver="cloudcode" action="send_mail"/>',
    ),
    app: { cloudCodeTasks: ['send_mail', 'archive'] },
    mentions: ['Did you mean "send_mail"?'],
  },
  {
    code: 'webhook-attribute-unknown',
    positive: withFields(
      '    <webhook type="ready" name="a" [[reciever]]="cloudcode" action="t"/>',
    ),
    negative: withFields('    <webhook type="ready" name="a" receiver="cloudcode" action="t"/>'),
    mentions: ['Did you mean "receiver"?'],
  },
  {
    code: 'webhook-child-unknown',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <[[condition]] name="photo"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>',
    ),
  },
  {
    code: 'webhook-text-stray',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      [[photo is set]]\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <!-- photo is set -->\n    </webhook>',
    ),
    mentions: ['"photo is set"'],
  },
  {
    code: 'condition-name-missing',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <[[field]] required="true"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="name" required="true"/>\n    </webhook>',
    ),
  },
  {
    code: 'condition-field-unknown',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="[[user_id]]"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="user"/>\n    </webhook>',
    ),
    mentions: ['"user_id"', 'did you mean "user"?'],
  },
  {
    code: 'condition-duplicate',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      <field name="[[photo]]" state="uploaded"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      <field name="signature"/>\n    </webhook>',
    ),
  },
  {
    code: 'condition-attribute-unknown',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" [[sate]]="uploaded"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" state="uploaded"/>\n    </webhook>',
    ),
    mentions: ['Did you mean "state"?'],
  },
  {
    code: 'condition-required-invalid',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" required="[[yes]]"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" required=""/>\n    </webhook>',
    ),
  },
  {
    code: 'condition-embed-invalid',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" embed="[[True]]"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" embed="false"/>\n    </webhook>',
    ),
    mentions: ['Did you mean "true"?'],
  },
  {
    code: 'condition-state-invalid',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" state="[[uploading]]"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="photo" state="uploaded"/>\n    </webhook>',
    ),
  },
  {
    code: 'condition-state-not-attachment',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="user" [[state]]="present"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="signature" state="present"/>\n    </webhook>',
    ),
    mentions: ['"user", a belongs-to relationship'],
  },
  {
    code: 'condition-embed-not-applicable',
    positive: withFields(
      '    <webhook type="ready" name="a">\n      <field name="count" [[embed]]="true"/>\n    </webhook>',
    ),
    negative: withFields(
      '    <webhook type="ready" name="a">\n      <field name="user" embed="true"/>\n    </webhook>',
    ),
    mentions: ['"count", an integer field'],
  },
  {
    code: 'relationship-model-unknown',
    positive: dataModel(
      '    <field name="name" type="text" label="N"/>\n    <belongs-to model="[[users]]"/>',
    ),
    negative: dataModel(
      '    <field name="name" type="text" label="N"/>\n    <belongs-to model="user"/>',
    ),
    mentions: ['Did you mean "user"?'],
  },
];

describe('diagnostic rules', () => {
  for (const item of CASES) {
    test(`${item.code} reported at the token`, () => {
      const diagnostic = expectDiagnostic(item.positive, item.code, item.app);
      assert.equal(diagnostic.source, 'oxide-webhooks');
      assert.match(diagnostic.message, /\.$|\?$/);
      for (const words of item.mentions ?? []) {
        assert.ok(diagnostic.message.includes(words), `"${diagnostic.message}" lacks ${words}`);
      }
    });
    test(`${item.code} silent when correct`, () => {
      expectNoDiagnostic(item.negative, item.code, item.app);
    });
  }

  test('catalogue codes each have a case', () => {
    const covered = new Set(CASES.map((item) => item.code));
    const missing = DIAGNOSTIC_CATALOGUE.map((item) => item.code).filter(
      (code) => !covered.has(code),
    );
    assert.deepEqual(missing, []);
  });

  test('severity follows the catalogue', () => {
    for (const item of CASES) {
      const { text } = markedRange(item.positive);
      const entry = DIAGNOSTIC_CATALOGUE.find((candidate) => candidate.code === item.code)!;
      const found = validateText(text, item.app ?? {}).find(
        (diagnostic) => diagnostic.code === item.code,
      )!;
      assert.equal(found.severity, entry.severity, item.code);
    }
  });
});

describe('webhook names', () => {
  test('default names collide with explicit ones', () => {
    const text = withFields(
      '    <webhook type="ready"/>\n    <webhook type="update" name="asset_ready"/>',
    );
    const duplicates = validateText(text).filter((item) => item.code === 'webhook-name-duplicate');
    assert.equal(duplicates.length, 2);
    assert.ok(duplicates.some((item) => item.message.includes('default name')));
    assert.equal(duplicates[0].related?.length, 1);
  });

  test('duplicates across models point at each other', () => {
    const text = dataModel(
      '    <field name="name" type="text" label="N"/>\n    <webhook type="ready" name="sync"/>',
    ).replace(
      '    <display>{name}</display>\n  </model>\n</data-model>',
      '    <display>{name}</display>\n    <webhook type="update" name="sync"/>\n  </model>\n</data-model>',
    );
    const duplicates = validateText(text).filter((item) => item.code === 'webhook-name-duplicate');
    assert.equal(duplicates.length, 2);
    assert.deepEqual(duplicates[0].related?.[0].range, duplicates[1].range);
    assert.deepEqual(duplicates[1].related?.[0].range, duplicates[0].range);
  });

  // The timeout guards against a hang: listing every other use on each of them is quadratic.
  test('one name used 100,000 times', { timeout: 60_000 }, () => {
    const text = withFields('    <webhook type="ready" name="same"/>\n'.repeat(100_000));
    const duplicates = validateText(text).filter((item) => item.code === 'webhook-name-duplicate');
    assert.equal(duplicates.length, 100_000);
    assert.equal(duplicates[0].related?.length, 5);
    assert.match(duplicates[0].message, /used 100000 times/);
  });

  // The timeout guards against a hang: each unknown model is compared with every model name.
  test('20,000 unknown related models', { timeout: 60_000 }, () => {
    const models = Array.from(
      { length: 20_000 },
      (_, index) => `<model name="m${index}"><belongs-to model="nope${index}"/></model>`,
    );
    const text = `<data-model>\n${models.join('\n')}\n</data-model>\n`;
    const unknown = validateText(text).filter((item) => item.code === 'relationship-model-unknown');
    assert.equal(unknown.length, 20_000);
    assert.match(unknown[0].message, /Unknown model "nope0"/);
  });

  test('receiver webhooks get receiver default names', () => {
    const text = withFields('    <webhook type="ready" receiver="cloudcode" action="sync"/>');
    const missing = validateText(text).find((item) => item.code === 'webhook-name-missing');
    assert.equal(missing?.data?.suggestion, 'cloudcode_asset_ready_sync');
  });
});

describe('cloudcode tasks', () => {
  test('unchecked without a cloudcode folder', () => {
    const text = withFields(
      '    <webhook type="ready" name="a" receiver="cloudcode" action="anything"/>',
    );
    expectNoDiagnostic(text, 'webhook-action-unknown-task', {});
  });

  test('pdfmailer templates are not checked', () => {
    const text = withFields(
      '    <webhook type="ready" name="a" receiver="pdfmailer" action="invoice"/>',
    );
    expectNoDiagnostic(text, 'webhook-action-unknown-task', { cloudCodeTasks: [] });
  });
});

describe('legacy schema dialect', () => {
  test('webhooks inside objects are checked', () => {
    const text = [
      '<schema>',
      '  <object name="asset" label="Asset">',
      '    <attribute name="photo" label="Photo" type="attachment" media="image/jpeg"/>',
      '    <belongs_to type="person"/>',
      '    <webhook type="ready" name="a">',
      '      <field name="photo" state="uploaded"/>',
      '      <field name="person"/>',
      '      <field name="missing"/>',
      '    </webhook>',
      '  </object>',
      '  <object name="person" label="Person">',
      '    <attribute name="name" label="Name" type="string"/>',
      '  </object>',
      '</schema>',
    ].join('\n');
    const codes = validateText(text).map((item) => item.code);
    assert.deepEqual(codes, ['condition-field-unknown']);
  });
});

describe('field descriptions in messages', () => {
  const cases: Array<{ field: string; type: string; described: string }> = [
    { field: 'count', type: 'integer', described: '"count", an integer field' },
    { field: 'name', type: 'text', described: '"name", a text field' },
    { field: 'when', type: 'datetime', described: '"when", a datetime field' },
    { field: 'mail', type: 'text:email', described: '"mail", a text:email field' },
    { field: 'spot', type: 'location', described: '"spot", a location field' },
    { field: 'kind', type: 'single-choice', described: '"kind", a single-choice field' },
  ];

  for (const { field, type, described } of cases) {
    test(`article before ${type}`, () => {
      const text = dataModel(
        [
          `    <field name="${field}" type="${type}" label="L"/>`,
          '    <webhook type="ready" name="a">',
          `      <field name="${field}" [[state]]="present"/>`,
          '    </webhook>',
        ].join('\n'),
      );
      const diagnostic = expectDiagnostic(text, 'condition-state-not-attachment');
      assert.equal(
        diagnostic.message,
        `state has no effect on ${described}. It applies only to photo, signature and attachment fields.`,
      );
    });
  }
});

describe('other XML', () => {
  test('non data model gets nothing', () => {
    assert.deepEqual(validateText('<application><webhook type="x"/></application>'), []);
  });
});
