import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocumentSymbol } from '../../server/src/analysis/types';
import { service } from '../helpers/analysis';
import { parseMarkers } from '../helpers/markers';

const SCHEMA = `<data-model>
  <model name="asset" label="Asset">
    <field name="photo" label="Photo" type="photo"/>
    <belongs-to model="user"/>
    <has-many model="user" name="helpers"/>
    <display>{photo}</display>
    <webhook type="ready" name="asset_ready">
      <field name="photo" required="true" state="uploaded"/>
      <field name="user"/>
    </webhook>
    <webhook type="update" receiver="cloudcode" action="sync"/>
  </model>
  <model name="user" label="User">
    <field name="name" type="text"/>
  </model>
</data-model>
`;

/** Returns each symbol as `kind name (detail)`, indented by depth, for a readable comparison. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.kind} ${symbol.name}${symbol.detail === undefined ? '' : ` (${symbol.detail})`}`,
    ...outline(symbol.children, depth + 1),
  ]);
}

function symbolsOf(text: string): DocumentSymbol[] {
  return service.symbols(service.parse(text));
}

describe('document symbols', () => {
  test('models with members in order', () => {
    assert.deepEqual(outline(symbolsOf(SCHEMA)), [
      'model asset (Asset)',
      '  field photo (photo)',
      '  relationship user (belongs-to user)',
      '  relationship helpers (has-many user)',
      '  webhook asset_ready (ready)',
      '    condition photo (required=true state=uploaded)',
      '    condition user',
      '  webhook cloudcode_asset_update_sync (update, cloudcode sync, default name)',
      'model user (User)',
      '  field name (text)',
    ]);
  });

  test('ranges cover the element', () => {
    const marked = parseMarkers(
      SCHEMA.replace(
        '<webhook type="ready" name="asset_ready">',
        '[[<webhook type="ready" name="[[asset_ready]]">',
      ).replace('</webhook>', '</webhook>]]'),
    );
    // The outer marker pair opens first but closes last, so its range is the second.
    const [selection, whole] = marked.ranges;
    const webhook = symbolsOf(marked.text)[0].children[3];
    assert.equal(webhook.name, 'asset_ready');
    assert.deepEqual(webhook.range, whole);
    assert.deepEqual(webhook.selectionRange, selection);
  });

  test('selection falls back to the tag name', () => {
    const marked = parseMarkers(
      SCHEMA.replace('<webhook type="update"', '<[[webhook]] type="update"'),
    );
    const webhook = symbolsOf(marked.text)[0].children[4];
    assert.deepEqual(webhook.selectionRange, marked.ranges[0]);
  });

  test('unnamed belongs-to selects its model', () => {
    const marked = parseMarkers(
      SCHEMA.replace('<belongs-to model="user"/>', '<belongs-to model="[[user]]"/>'),
    );
    const relationship = symbolsOf(marked.text)[0].children[1];
    assert.deepEqual(relationship.selectionRange, marked.ranges[0]);
  });

  test('unnamed elements show their tag', () => {
    const text =
      '<data-model>\n  <model>\n    <field type="text"/>\n    <webhook type="ready">\n      <field/>\n    </webhook>\n  </model>\n</data-model>\n';
    assert.deepEqual(outline(symbolsOf(text)), [
      'model <model>',
      '  field <field> (text)',
      '  webhook _ready (ready, default name)',
      '    condition <field>',
    ]);
  });

  test('half-typed webhook is listed', () => {
    const text =
      '<data-model>\r\n  <model name="asset" label="📷 Asset">\r\n    <field name="photo" type="photo"/>\r\n    <webhook type="rea';
    assert.deepEqual(outline(symbolsOf(text)), [
      'model asset (📷 Asset)',
      '  field photo (photo)',
      '  webhook asset_rea (rea, default name)',
    ]);
  });

  test('selection ranges lie inside ranges', () => {
    const inside = (symbol: DocumentSymbol): boolean => {
      const { range, selectionRange } = symbol;
      const startsAfter =
        selectionRange.start.line > range.start.line ||
        (selectionRange.start.line === range.start.line &&
          selectionRange.start.character >= range.start.character);
      const endsBefore =
        selectionRange.end.line < range.end.line ||
        (selectionRange.end.line === range.end.line &&
          selectionRange.end.character <= range.end.character);
      return startsAfter && endsBefore && symbol.children.every(inside);
    };
    assert.ok(symbolsOf(SCHEMA).every(inside));
  });

  test('other XML has no symbols', () => {
    assert.deepEqual(symbolsOf('<project>\n  <model name="x"/>\n</project>\n'), []);
  });
});
