import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppContext, CodeAction, Diagnostic } from '../../server/src/analysis/types';
import { service } from '../helpers/analysis';
import { applyEdits, cursorOf, parseMarkers } from '../helpers/markers';

interface FixCase {
  name: string;
  /** The document, with `|` inside the range of the diagnostic to fix. */
  before: string;
  code: string;
  title: string;
  /** The whole document after the fix. */
  after: string;
  app?: AppContext;
  /** Other codes the same edit fixes, which may disappear too. */
  alsoFixes?: string[];
  preferred?: boolean;
}

/** An `asset` model with a text field, a photo, a belongs-to and `children` at the end. */
const asset = (children: string) => `<?xml version="1.0" encoding="UTF-8"?>
<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <field name="photo" label="Photo" type="photo"/>
    <belongs-to model="user"/>
${children}
  </model>
  <model name="user" label="User">
    <field name="name" label="Name" type="text"/>
  </model>
</data-model>
`;

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const TASKS: AppContext = { cloudCodeTasks: ['sync', 'notify'] };

const CASES: FixCase[] = [
  {
    name: 'near-miss type',
    before: asset('    <webhook type="Rea|dy" name="a"/>'),
    code: 'webhook-type-invalid',
    title: 'Change type to "ready"',
    after: asset('    <webhook type="ready" name="a"/>'),
    preferred: true,
  },
  {
    name: 'type without suggestion',
    before: asset('    <webhook type="cre|ated" name="a"/>'),
    code: 'webhook-type-invalid',
    title: 'Change type to "update"',
    after: asset('    <webhook type="update" name="a"/>'),
  },
  {
    name: 'near-miss receiver',
    before: asset('    <webhook type="ready" name="a" receiver="cloudcod|" action="sync"/>'),
    code: 'webhook-receiver-invalid',
    title: 'Change receiver to "cloudcode"',
    after: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="sync"/>'),
  },
  {
    name: 'near-miss required',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" required="tr|eu"/>\n    </webhook>',
    ),
    code: 'condition-required-invalid',
    title: 'Change required to "true"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" required="true"/>\n    </webhook>',
    ),
  },
  {
    name: 'near-miss embed',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" embed="|flase"/>\n    </webhook>',
    ),
    code: 'condition-embed-invalid',
    title: 'Change embed to "false"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" embed="false"/>\n    </webhook>',
    ),
  },
  {
    name: 'near-miss state',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" state="uploded|"/>\n    </webhook>',
    ),
    code: 'condition-state-invalid',
    title: 'Change state to "uploaded"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" state="uploaded"/>\n    </webhook>',
    ),
  },
  {
    name: 'near-miss condition name',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="phot|"/>\n    </webhook>',
    ),
    code: 'condition-field-unknown',
    title: 'Change name to "photo"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>',
    ),
  },
  {
    name: 'relationship id as condition',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="user_i|d"/>\n    </webhook>',
    ),
    code: 'condition-field-unknown',
    title: 'Change name to "user"',
    after: asset('    <webhook type="ready" name="a">\n      <field name="user"/>\n    </webhook>'),
  },
  {
    name: 'near-miss related model',
    before: asset('    <has-many model="uzer|" name="helpers"/>'),
    code: 'relationship-model-unknown',
    title: 'Change model to "user"',
    after: asset('    <has-many model="user" name="helpers"/>'),
  },
  {
    name: 'misspelt webhook attribute',
    before: asset('    <webhook type="ready" name="a" recie|ver="cloudcode" action="sync"/>'),
    code: 'webhook-attribute-unknown',
    title: 'Change attribute "reciever" to "receiver"',
    after: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="sync"/>'),
    alsoFixes: ['webhook-action-without-receiver'],
  },
  {
    name: 'misspelt condition attribute',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" |requried="true"/>\n    </webhook>',
    ),
    code: 'condition-attribute-unknown',
    title: 'Change attribute "requried" to "required"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" required="true"/>\n    </webhook>',
    ),
  },
  {
    name: 'missing type, ready',
    before: asset('    <web|hook name="a"/>'),
    code: 'webhook-type-missing',
    title: 'Add type="ready"',
    after: asset('    <webhook type="ready" name="a"/>'),
  },
  {
    name: 'missing type, update',
    before: asset('    <web|hook name="a">\n      <field name="photo"/>\n    </webhook>'),
    code: 'webhook-type-missing',
    title: 'Add type="update"',
    after: asset(
      '    <webhook type="update" name="a">\n      <field name="photo"/>\n    </webhook>',
    ),
  },
  {
    name: 'missing type, single quotes',
    before: asset("    <webhook| name='a'/>"),
    code: 'webhook-type-missing',
    title: 'Add type="ready"',
    after: asset("    <webhook type='ready' name='a'/>"),
  },
  {
    name: 'missing name after type',
    before: asset('    <webhook| type="ready"/>'),
    code: 'webhook-name-missing',
    title: 'Add name="asset_ready"',
    after: asset('    <webhook type="ready" name="asset_ready"/>'),
    preferred: true,
  },
  {
    name: 'missing name of CloudCode webhook',
    before: asset('    <|webhook receiver="cloudcode" type="update" action="sync"/>'),
    code: 'webhook-name-missing',
    title: 'Add name="cloudcode_asset_update_sync"',
    after: asset(
      '    <webhook receiver="cloudcode" type="update" name="cloudcode_asset_update_sync" action="sync"/>',
    ),
  },
  {
    name: 'invalid name',
    before: asset('    <webhook type="ready" name="bad |name"/>'),
    code: 'webhook-name-invalid',
    title: 'Change name to "bad_name"',
    after: asset('    <webhook type="ready" name="bad_name"/>'),
  },
  {
    name: 'invalid name already taken',
    before: asset(
      '    <webhook type="ready" name="bad_name"/>\n    <webhook type="update" name="bad |name"/>',
    ),
    code: 'webhook-name-invalid',
    title: 'Change name to "bad_name_2"',
    after: asset(
      '    <webhook type="ready" name="bad_name"/>\n    <webhook type="update" name="bad_name_2"/>',
    ),
  },
  {
    name: 'empty name',
    before: asset('    <webhook type="update" na|me=""/>'),
    code: 'webhook-name-invalid',
    title: 'Change name to "asset_update"',
    after: asset('    <webhook type="update" name="asset_update"/>'),
  },
  {
    name: 'action without receiver',
    before: asset('    <webhook type="ready" name="a" action="sy|nc"/>'),
    code: 'webhook-action-without-receiver',
    title: 'Remove action="sync"',
    after: asset('    <webhook type="ready" name="a"/>'),
    preferred: true,
  },
  {
    name: 'action on its own line',
    before: asset(
      '    <webhook type="ready"\n             action="sync|"\n             name="a"/>',
    ),
    code: 'webhook-action-without-receiver',
    title: 'Remove action="sync"',
    after: asset('    <webhook type="ready"\n             name="a"/>'),
  },
  {
    name: 'action naming a task',
    before: asset('    <webhook type="ready" name="a" action="sy|nc"/>'),
    code: 'webhook-action-without-receiver',
    title: 'Add receiver="cloudcode"',
    after: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="sync"/>'),
    app: TASKS,
    preferred: true,
  },
  {
    name: 'missing action',
    before: asset('    <webhook| type="ready" name="a" receiver="cloudcode"/>'),
    code: 'webhook-action-missing',
    title: 'Add action="sync"',
    after: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="sync"/>'),
    app: TASKS,
  },
  {
    name: 'unknown task',
    before: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="notfy|"/>'),
    code: 'webhook-action-unknown-task',
    title: 'Change action to "notify"',
    after: asset('    <webhook type="ready" name="a" receiver="cloudcode" action="notify"/>'),
    app: TASKS,
    preferred: true,
  },
  {
    name: 'webhook before display',
    before: asset(
      '    <|webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>\n    <display>{name}</display>',
    ),
    code: 'webhook-not-last',
    title: 'Move webhook to the end of model "asset"',
    after: asset(
      '    <display>{name}</display>\n    <webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>',
    ),
    preferred: true,
  },
  {
    name: 'webhook before display and index',
    before: asset(
      '    <webhook| type="ready" name="a"/>\n    <display>{name}</display>\n    <index on="user"/>  ',
    ),
    code: 'webhook-not-last',
    title: 'Move webhook to the end of model "asset"',
    after: asset(
      '    <display>{name}</display>\n    <index on="user"/>  \n    <webhook type="ready" name="a"/>',
    ),
  },
  {
    name: 'webhook sharing a line',
    before: asset(
      '    <field name="x" type="text"/> <webhook| type="ready" name="a"/>\n    <display>{name}</display>',
    ),
    code: 'webhook-not-last',
    title: 'Move webhook to the end of model "asset"',
    after: asset(
      '    <field name="x" type="text"/>\n    <display>{name}</display>\n    <webhook type="ready" name="a"/>',
    ),
  },
  {
    name: 'duplicate condition',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      <field name="pho|to" state="uploaded"/>\n      <field name="user"/>\n    </webhook>',
    ),
    code: 'condition-duplicate',
    title: 'Remove duplicate condition on "photo"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo"/>\n      <field name="user"/>\n    </webhook>',
    ),
  },
  {
    name: 'duplicate condition on one line',
    before: asset(
      '    <webhook type="ready" name="a"><field name="user"/> <field name="us|er"/></webhook>',
    ),
    code: 'condition-duplicate',
    title: 'Remove duplicate condition on "user"',
    after: asset('    <webhook type="ready" name="a"><field name="user"/></webhook>'),
  },
  {
    name: 'duplicate webhook name',
    before: asset(
      '    <webhook type="ready" name="sy|nc"/>\n    <webhook type="update" name="sync"/>',
    ),
    code: 'webhook-name-duplicate',
    title: 'Rename webhook to "sync_2"',
    after: asset(
      '    <webhook type="ready" name="sync_2"/>\n    <webhook type="update" name="sync"/>',
    ),
  },
  {
    name: 'duplicate name skips taken suffix',
    before: asset(
      '    <webhook type="ready" name="sync"/>\n    <webhook type="update" name="sync_2"/>\n    <webhook type="update" name="sync|"/>',
    ),
    code: 'webhook-name-duplicate',
    title: 'Rename webhook to "sync_3"',
    after: asset(
      '    <webhook type="ready" name="sync"/>\n    <webhook type="update" name="sync_2"/>\n    <webhook type="update" name="sync_3"/>',
    ),
  },
  {
    name: 'duplicate default name',
    before: asset('    <webhook type="ready" name="asset_ready"/>\n    <web|hook type="ready"/>'),
    code: 'webhook-name-duplicate',
    title: 'Rename webhook to "asset_ready_2"',
    after: asset(
      '    <webhook type="ready" name="asset_ready"/>\n    <webhook type="ready" name="asset_ready_2"/>',
    ),
    alsoFixes: ['webhook-name-missing'],
  },
  {
    name: 'state on a text field',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="name" |state="uploaded" required="true"/>\n    </webhook>',
    ),
    code: 'condition-state-not-attachment',
    title: 'Remove state="uploaded"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="name" required="true"/>\n    </webhook>',
    ),
  },
  {
    name: 'embed on a text field',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="name" emb|ed="true"/>\n    </webhook>',
    ),
    code: 'condition-embed-not-applicable',
    title: 'Remove embed="true"',
    after: asset('    <webhook type="ready" name="a">\n      <field name="name"/>\n    </webhook>'),
  },
];

/** The same fixes in CRLF files, with tab indentation and with emoji earlier on the line. */
const LAYOUT_CASES: FixCase[] = [
  {
    name: 'move webhook, CRLF',
    before: crlf(
      asset(
        '    <|webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>\n    <display>{name}</display>',
      ),
    ),
    code: 'webhook-not-last',
    title: 'Move webhook to the end of model "asset"',
    after: crlf(
      asset(
        '    <display>{name}</display>\n    <webhook type="ready" name="a">\n      <field name="photo"/>\n    </webhook>',
      ),
    ),
  },
  {
    name: 'move webhook, tabs',
    before: asset(
      '\t\t<|webhook type="ready" name="a">\n\t\t\t<field name="photo"/>\n\t\t</webhook>\n\t\t<display>{name}</display>',
    ),
    code: 'webhook-not-last',
    title: 'Move webhook to the end of model "asset"',
    after: asset(
      '\t\t<display>{name}</display>\n\t\t<webhook type="ready" name="a">\n\t\t\t<field name="photo"/>\n\t\t</webhook>',
    ),
  },
  {
    name: 'duplicate condition, CRLF and tabs',
    before: crlf(
      asset(
        '\t\t<webhook type="ready" name="a">\n\t\t\t<field name="photo"/>\n\t\t\t<field name="photo|"/>\n\t\t</webhook>',
      ),
    ),
    code: 'condition-duplicate',
    title: 'Remove duplicate condition on "photo"',
    after: crlf(
      asset('\t\t<webhook type="ready" name="a">\n\t\t\t<field name="photo"/>\n\t\t</webhook>'),
    ),
  },
  {
    name: 'remove action, CRLF',
    before: crlf(asset('    <webhook type="ready"\n      action="sync|"\n      name="a"/>')),
    code: 'webhook-action-without-receiver',
    title: 'Remove action="sync"',
    after: crlf(asset('    <webhook type="ready"\n      name="a"/>')),
  },
  {
    name: 'near-miss type after emoji',
    before: asset('    <!-- 📷 🚀 --><webhook type="Rea|dy" name="a"/>'),
    code: 'webhook-type-invalid',
    title: 'Change type to "ready"',
    after: asset('    <!-- 📷 🚀 --><webhook type="ready" name="a"/>'),
  },
  {
    name: 'missing type after emoji',
    before: asset('    <!-- 📷 --> <webhook| name="a"/>'),
    code: 'webhook-type-missing',
    title: 'Add type="ready"',
    after: asset('    <!-- 📷 --> <webhook type="ready" name="a"/>'),
  },
  {
    name: 'emoji in an invalid name',
    before: asset('    <webhook type="ready" name="📷 photo ready|"/>'),
    code: 'webhook-name-invalid',
    title: 'Change name to "photo_ready"',
    after: asset('    <webhook type="ready" name="photo_ready"/>'),
  },
  {
    name: 'duplicate condition after emoji',
    before: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo"/><!-- 📷 --><field name="pho|to"/>\n    </webhook>',
    ),
    code: 'condition-duplicate',
    title: 'Remove duplicate condition on "photo"',
    after: asset(
      '    <webhook type="ready" name="a">\n      <field name="photo"/><!-- 📷 -->\n    </webhook>',
    ),
  },
  {
    name: 'missing type while typing',
    before:
      '<data-model>\n  <model name="asset">\n    <field name="photo" type="photo"/>\n    <web|hook name="a"',
    code: 'webhook-type-missing',
    title: 'Add type="ready"',
    after:
      '<data-model>\n  <model name="asset">\n    <field name="photo" type="photo"/>\n    <webhook type="ready" name="a"',
  },
  {
    name: 'condition name while typing',
    before:
      '<data-model>\r\n  <model name="asset">\r\n    <field name="photo" type="photo"/>\r\n    <webhook type="ready" name="a">\r\n      <field name="pho|t"/>\r\n      <field name="',
    code: 'condition-field-unknown',
    title: 'Change name to "photo"',
    after:
      '<data-model>\r\n  <model name="asset">\r\n    <field name="photo" type="photo"/>\r\n    <webhook type="ready" name="a">\r\n      <field name="photo"/>\r\n      <field name="',
  },
];

describe('quick fixes', () => {
  for (const fixCase of [...CASES, ...LAYOUT_CASES]) {
    test(fixCase.name, () => {
      const { text, action, diagnostics } = fixAt(fixCase);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.diagnostics.length, 1);
      assert.equal(action.diagnostics[0].code, fixCase.code);
      if (fixCase.preferred !== undefined) {
        assert.equal(action.isPreferred === true, fixCase.preferred);
      }

      const fixed = applyEdits(text, action.edits);
      assert.equal(fixed, fixCase.after);

      const remaining = codesOf(service.validate(service.parse(fixed), fixCase.app ?? {}));
      assert.ok(
        !remaining.includes(fixCase.code),
        `${fixCase.code} remains: ${remaining.join(', ')}`,
      );
      const fixedCodes = new Set([fixCase.code, ...(fixCase.alsoFixes ?? [])]);
      const others = codesOf(diagnostics).filter((code) => !fixedCodes.has(code));
      assert.deepEqual(remaining, others, 'other diagnostics stay as they were');
    });
  }
});

describe('quick fix offers', () => {
  test('missing type offers both types', () => {
    assert.deepEqual(titlesAt(asset('    <web|hook name="a"/>'), 'webhook-type-missing'), [
      'Add type="ready"',
      'Add type="update"',
    ]);
  });

  test('missing action offers each task', () => {
    const marked = asset('    <webhook| type="ready" name="a" receiver="cloudcode"/>');
    assert.deepEqual(titlesAt(marked, 'webhook-action-missing', TASKS), [
      'Add action="notify"',
      'Add action="sync"',
    ]);
  });

  test('unknown task offers closest first', () => {
    const marked = asset(
      '    <webhook type="ready" name="a" receiver="cloudcode" action="synk|"/>',
    );
    assert.deepEqual(titlesAt(marked, 'webhook-action-unknown-task', TASKS), [
      'Change action to "sync"',
      'Change action to "notify"',
    ]);
  });

  test('action naming a task offers both', () => {
    const marked = asset('    <webhook type="ready" name="a" action="sync|"/>');
    assert.deepEqual(titlesAt(marked, 'webhook-action-without-receiver', TASKS), [
      'Add receiver="cloudcode"',
      'Remove action="sync"',
    ]);
  });

  test('required without near miss offers both', () => {
    const marked = asset(
      '    <webhook type="ready" name="a">\n      <field name="photo" required="ye|s"/>\n    </webhook>',
    );
    assert.deepEqual(titlesAt(marked, 'condition-required-invalid'), [
      'Change required to "true"',
      'Change required to "false"',
    ]);
  });

  test('no attribute rename onto an existing one', () => {
    const marked = asset('    <webhook type="ready" name="a" tpye|="update"/>');
    assert.deepEqual(titlesAt(marked, 'webhook-attribute-unknown'), []);
  });

  test('no action fix for pdfmailer', () => {
    const marked = asset('    <webhook| type="ready" name="a" receiver="pdfmailer"/>');
    assert.deepEqual(titlesAt(marked, 'webhook-action-missing', TASKS), []);
  });

  test('no action fix without cloudcode folder', () => {
    const marked = asset('    <webhook| type="ready" name="a" receiver="cloudcode"/>');
    assert.deepEqual(titlesAt(marked, 'webhook-action-missing'), []);
  });

  test('no fix for a condition without name', () => {
    const marked = asset(
      '    <webhook type="ready" name="a">\n      <fi|eld required="true"/>\n    </webhook>',
    );
    assert.deepEqual(titlesAt(marked, 'condition-name-missing'), []);
  });

  test('diagnostics outside the range are skipped', () => {
    const { text, cursor } = parseMarkers(
      asset('    <webhook type="Ready" name="a"/>\n    <webhook| type="ready"/>'),
    );
    const document = service.parse(text);
    const diagnostics = service.validate(document);
    const actions = service.codeActions(document, { start: cursor!, end: cursor! }, diagnostics);
    assert.deepEqual(
      actions.map((action) => action.diagnostics[0].code),
      ['webhook-name-missing'],
    );
  });
});

/** Validates the case's document and returns the action titled as the case expects. */
function fixAt(fixCase: FixCase): { text: string; action: CodeAction; diagnostics: Diagnostic[] } {
  const marked = parseMarkers(fixCase.before);
  const actions = actionsAt(fixCase.before, fixCase.code, fixCase.app);
  const action = actions.find((candidate) => candidate.title === fixCase.title);
  assert.ok(
    action !== undefined,
    `no "${fixCase.title}" among ${JSON.stringify(actions.map((item) => item.title))}`,
  );
  const diagnostics = service.validate(service.parse(marked.text), fixCase.app ?? {});
  return { text: marked.text, action, diagnostics };
}

/** Returns the quick fixes at the cursor for the one diagnostic with `code` there. */
function actionsAt(before: string, code: string, app: AppContext = {}): CodeAction[] {
  const marked = parseMarkers(before);
  const cursor = cursorOf(marked);
  const document = service.parse(marked.text);
  const diagnostics = service.validate(document, app);
  const here = diagnostics.filter((item) => item.code === code && contains(item, cursor));
  assert.equal(
    here.length,
    1,
    `expected one ${code} at the cursor, got ${JSON.stringify(diagnostics, null, 1)}`,
  );
  const actions = service.codeActions(document, { start: cursor, end: cursor }, diagnostics, app);
  return actions.filter((action) => action.diagnostics[0] === here[0]);
}

function titlesAt(before: string, code: string, app?: AppContext): string[] {
  return actionsAt(before, code, app).map((action) => action.title);
}

function contains(diagnostic: Diagnostic, position: { line: number; character: number }): boolean {
  const { start, end } = diagnostic.range;
  const afterStart =
    position.line > start.line ||
    (position.line === start.line && position.character >= start.character);
  const beforeEnd =
    position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}

function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((item) => item.code).sort();
}
