import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DefinitionTarget, Range, TextEdit } from '../../server/src/analysis/types';
import { service } from '../helpers/analysis';
import { applyEdits, cursorOf, parseMarkers } from '../helpers/markers';

/** An asset model with fields, relationships and webhooks, and a user model. */
const ASSET = `<data-model>
  <model name="asset" label="Asset">
    <field name="name" label="Name" type="text"/>
    <field name="photo" label="Photo" type="photo"/>
    <belongs-to model="user"/>
    <belongs-to model="user" name="owner"/>
    <has-many model="user" name="helpers"/>
    <display>{name} {photo}</display>
    <webhook type="ready" name="asset_ready">
      <field name="photo" state="uploaded"/>
      <field name="owner"/>
    </webhook>
    <webhook type="update" name="asset_update" receiver="cloudcode" action="sync">
      <field name="photo"/>
      <field name="user"/>
    </webhook>
  </model>
  <model name="user" label="User">
    <field name="photo" label="Photo" type="photo"/>
    <webhook type="ready" name="user_ready">
      <field name="photo"/>
    </webhook>
  </model>
</data-model>
`;

/** A value in the document: `value` inside the nth occurrence (from 0) of `context`. */
interface Place {
  context: string;
  value: string;
  occurrence: number;
}

/** Returns the place of `value`, by default the first quoted value in `context`. */
function place(context: string, value = /"([^"]*)"/.exec(context)![1], occurrence = 0): Place {
  return { context, value, occurrence };
}

const FIELD = place('<field name="photo" label');
const USER_FIELD = place('<field name="photo" label', 'photo', 1);
const READY_CONDITION = place('<field name="photo" state');
const UPDATE_CONDITION = place('<field name="photo"/>');
const USER_CONDITION = place('<field name="photo"/>', 'photo', 1);
const OWNER = place('name="owner"/>\n    <has-many');
const OWNER_CONDITION = place('<field name="owner"/>');
const USER_RELATIONSHIP = place('<belongs-to model="user"/>');
const USER_RELATIONSHIP_CONDITION = place('<field name="user"/>');
const OWNER_MODEL = place('<belongs-to model="user" name="owner"');
const HELPERS_MODEL = place('<has-many model="user"');
const HELPERS = place('name="helpers"');
const USER_MODEL = place('<model name="user"');
const ACTION = place('action="sync"');
const WEBHOOK_NAME = place('name="asset_ready"');
const WEBHOOK_TYPE = place('type="ready" name="asset_ready"');

/** Marks the ranges with `[[`/`]]` and puts the `|` cursor two characters into `cursor`. */
function mark(text: string, cursor: Place | undefined, ranges: Place[]): string {
  const inserts: { offset: number; text: string }[] = [];
  for (const range of ranges) {
    const start = offsetOf(text, range);
    inserts.push({ offset: start, text: '[[' }, { offset: start + range.value.length, text: ']]' });
  }
  if (cursor !== undefined) {
    inserts.push({ offset: offsetOf(text, cursor) + 2, text: '|' });
  }
  // Insert from the end so earlier offsets stay valid; at one offset `]]` goes before `[[`.
  inserts.sort((a, b) => b.offset - a.offset || (a.text === '[[' ? -1 : 1));
  let marked = text;
  for (const insert of inserts) {
    marked = marked.slice(0, insert.offset) + insert.text + marked.slice(insert.offset);
  }
  return marked;
}

function offsetOf(text: string, where: Place): number {
  let index = -1;
  for (let count = 0; count <= where.occurrence; count++) {
    index = text.indexOf(where.context, index + 1);
    assert.notEqual(
      index,
      -1,
      `"${where.context}" occurs fewer than ${where.occurrence + 1} times`,
    );
  }
  const inside = where.context.indexOf(where.value);
  assert.notEqual(inside, -1, `"${where.value}" is not in "${where.context}"`);
  return index + inside;
}

function definitionAt(marked: string): { targets: DefinitionTarget[]; expected: Range[] } {
  const parsed = parseMarkers(marked);
  const targets = service.definition(service.parse(parsed.text), cursorOf(parsed));
  return { targets, expected: parsed.ranges };
}

function assertDefinitionIsMarked(marked: string): void {
  const { targets, expected } = definitionAt(marked);
  assert.deepEqual(
    targets,
    expected.map((range) => ({ kind: 'range', range })),
  );
}

describe('go to definition', () => {
  test('condition to field', () => {
    assertDefinitionIsMarked(mark(ASSET, READY_CONDITION, [FIELD]));
  });

  test('condition to named belongs-to', () => {
    assertDefinitionIsMarked(mark(ASSET, OWNER_CONDITION, [OWNER]));
  });

  test('condition to unnamed belongs-to', () => {
    assertDefinitionIsMarked(mark(ASSET, USER_RELATIONSHIP_CONDITION, [USER_RELATIONSHIP]));
  });

  test('cursor at the end of the value', () => {
    const marked = ASSET.replace('<field name="photo" state', '<field name="photo|" state').replace(
      '<field name="photo" label="Photo" type="photo"/>\n    <belongs-to',
      '<field name="[[photo]]" label="Photo" type="photo"/>\n    <belongs-to',
    );
    assertDefinitionIsMarked(marked);
  });

  test('related model to its model', () => {
    assertDefinitionIsMarked(mark(ASSET, OWNER_MODEL, [USER_MODEL]));
  });

  test('has-many model to its model', () => {
    assertDefinitionIsMarked(mark(ASSET, HELPERS_MODEL, [USER_MODEL]));
  });

  test('CloudCode action to its task', () => {
    const { targets } = definitionAt(mark(ASSET, ACTION, []));
    assert.deepEqual(targets, [{ kind: 'cloudcode-task', task: 'sync' }]);
  });

  test('action without receiver has none', () => {
    const text = ASSET.replace(' receiver="cloudcode" action="sync"', ' action="sy|nc"');
    assert.deepEqual(definitionAt(text).targets, []);
  });

  test('unknown condition name has none', () => {
    const text = ASSET.replace('<field name="owner"/>', '<field name="own|r"/>');
    assert.deepEqual(definitionAt(text).targets, []);
  });

  test('webhook name has none', () => {
    assert.deepEqual(definitionAt(mark(ASSET, WEBHOOK_NAME, [])).targets, []);
  });

  test('field declaration is its own definition', () => {
    assertDefinitionIsMarked(ASSET.replace('<field name="name"', '<field name="[[na|me]]"'));
  });

  test('unclosed webhook while typing', () => {
    const text = [
      '<data-model>',
      '  <model name="asset">',
      '    <field name="[[photo]]" type="photo"/>',
      '    <webhook type="ready" name="a">',
      '      <field name="ph|oto"/>',
      '  </model>',
      '</data-model>',
    ].join('\n');
    assertDefinitionIsMarked(text);
  });

  test('CRLF and emoji earlier on the line', () => {
    const text = [
      '<data-model>',
      '  <model name="asset" label="📷 Assets">',
      '    <field label="📷 Photo 🚀" name="[[photo]]" type="photo"/>',
      '    <webhook type="ready" name="a">',
      '      <!-- 📷 --><field name="pho|to"/>',
      '    </webhook>',
      '  </model>',
      '</data-model>',
    ].join('\r\n');
    assertDefinitionIsMarked(text);
  });

  test('legacy schema dialect', () => {
    const text = [
      '<schema>',
      '  <object name="asset">',
      '    <attribute name="[[photo]]" type="photo"/>',
      '    <webhook type="ready" name="a">',
      '      <field name="ph|oto"/>',
      '    </webhook>',
      '  </object>',
      '</schema>',
    ].join('\n');
    assertDefinitionIsMarked(text);
  });
});

describe('find references', () => {
  const referencesAt = (marked: string, includeDeclaration: boolean) => {
    const parsed = parseMarkers(marked);
    const found = service.references(
      service.parse(parsed.text),
      cursorOf(parsed),
      includeDeclaration,
    );
    return { found, expected: parsed.ranges };
  };

  test('field with its declaration', () => {
    const marked = mark(ASSET, FIELD, [FIELD, READY_CONDITION, UPDATE_CONDITION]);
    const { found, expected } = referencesAt(marked, true);
    assert.deepEqual(found, expected);
  });

  test('field without its declaration', () => {
    const marked = mark(ASSET, FIELD, [READY_CONDITION, UPDATE_CONDITION]);
    const { found, expected } = referencesAt(marked, false);
    assert.deepEqual(found, expected);
  });

  test('from a condition', () => {
    const marked = mark(ASSET, UPDATE_CONDITION, [FIELD, READY_CONDITION, UPDATE_CONDITION]);
    const { found, expected } = referencesAt(marked, true);
    assert.deepEqual(found, expected);
  });

  test('other models stay out', () => {
    const marked = mark(ASSET, USER_CONDITION, [USER_FIELD, USER_CONDITION]);
    const { found, expected } = referencesAt(marked, true);
    assert.deepEqual(found, expected);
  });

  test('named belongs-to', () => {
    const marked = mark(ASSET, OWNER_CONDITION, [OWNER, OWNER_CONDITION]);
    const { found, expected } = referencesAt(marked, true);
    assert.deepEqual(found, expected);
  });

  test('unnamed belongs-to from its model value', () => {
    const marked = mark(ASSET, USER_RELATIONSHIP, [USER_RELATIONSHIP, USER_RELATIONSHIP_CONDITION]);
    const { found, expected } = referencesAt(marked, true);
    assert.deepEqual(found, expected);
  });

  test('has-many has none', () => {
    const { found } = referencesAt(mark(ASSET, HELPERS, []), true);
    assert.deepEqual(found, []);
  });

  test('unknown condition name finds its uses', () => {
    const text = ASSET.replace('<field name="owner"/>', '<field name="[[ow|nr]]"/>');
    const { found, expected } = referencesAt(text, true);
    assert.deepEqual(found, expected);
  });
});

describe('rename', () => {
  const renameAt = (marked: string, newName: string) => {
    const parsed = parseMarkers(marked);
    return {
      text: parsed.text,
      result: service.rename(service.parse(parsed.text), cursorOf(parsed), newName),
    };
  };
  const editsOf = (result: TextEdit[] | { error: string }): TextEdit[] => {
    assert.ok(Array.isArray(result), `rename failed: ${JSON.stringify(result)}`);
    return result;
  };

  test('field renames its conditions only', () => {
    const { text, result } = renameAt(mark(ASSET, FIELD, []), 'picture');
    const renamed = applyEdits(text, editsOf(result));
    const expected = ASSET.replace('<field name="photo" label', '<field name="picture" label')
      .replace('<field name="photo" state', '<field name="picture" state')
      .replace('<field name="photo"/>', '<field name="picture"/>');
    assert.equal(renamed, expected);
    assert.deepEqual(service.validate(service.parse(renamed)), []);
  });

  test('from a condition', () => {
    const { text, result } = renameAt(mark(ASSET, OWNER_CONDITION, []), 'custodian');
    const renamed = applyEdits(text, editsOf(result));
    assert.equal(renamed, ASSET.replace(/"owner"/g, '"custodian"'));
  });

  test('same name changes nothing', () => {
    const { result } = renameAt(mark(ASSET, FIELD, []), 'photo');
    assert.deepEqual(result, []);
  });

  test('invalid name is rejected', () => {
    const { result } = renameAt(mark(ASSET, FIELD, []), '2photo');
    assert.deepEqual(result, {
      error:
        'Invalid name "2photo". A name starts with a letter and contains only letters, digits and underscores.',
    });
  });

  test('name in use is rejected', () => {
    const { result } = renameAt(mark(ASSET, FIELD, []), 'helpers');
    assert.deepEqual(result, {
      error:
        'Model "asset" already has a field or relationship named "helpers". Choose another name.',
    });
  });

  test('unnamed belongs-to is rejected', () => {
    const { result } = renameAt(mark(ASSET, USER_RELATIONSHIP_CONDITION, []), 'person');
    assert.ok('error' in result);
    assert.match(result.error, /has no name attribute/);
  });

  test('webhook name is rejected', () => {
    const { result } = renameAt(mark(ASSET, WEBHOOK_NAME, []), 'other');
    assert.ok('error' in result);
    assert.match(result.error, /^Nothing to rename here\./);
  });

  test('CRLF and emoji earlier on the line', () => {
    const before = [
      '<data-model>',
      '  <model name="asset">',
      '    <field label="📷 Photo" name="pho|to" type="photo"/>',
      '    <webhook type="ready" name="a">',
      '      <!-- 🚀 --><field name="photo" state="uploaded"/>',
      '    </webhook>',
      '  </model>',
      '</data-model>',
      '',
    ].join('\r\n');
    const { text, result } = renameAt(before, 'picture');
    assert.equal(
      applyEdits(text, editsOf(result)),
      text.replace(/name="photo"/g, 'name="picture"'),
    );
  });
});

describe('prepare rename', () => {
  const prepareAt = (marked: string) => {
    const parsed = parseMarkers(marked);
    return {
      result: service.prepareRename(service.parse(parsed.text), cursorOf(parsed)),
      ranges: parsed.ranges,
    };
  };

  test('field name gives range and text', () => {
    const { result, ranges } = prepareAt(
      ASSET.replace('<field name="photo" label', '<field name="[[p|hoto]]" label'),
    );
    assert.deepEqual(result, { range: ranges[0], placeholder: 'photo' });
  });

  test('condition name gives its own range', () => {
    const { result, ranges } = prepareAt(
      ASSET.replace('<field name="owner"/>', '<field name="[[owner|]]"/>'),
    );
    assert.deepEqual(result, { range: ranges[0], placeholder: 'owner' });
  });

  test('other positions are rejected', () => {
    const places = [
      WEBHOOK_TYPE,
      HELPERS,
      WEBHOOK_NAME,
      OWNER_MODEL,
      USER_RELATIONSHIP_CONDITION,
      ACTION,
    ];
    for (const cursor of places) {
      assert.equal(prepareAt(mark(ASSET, cursor, [])).result, undefined, cursor.context);
    }
  });
});
