import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeText, describeFileError } from '../../cli/src/read-text';

function decodeBytes(bytes: number[]): ReturnType<typeof decodeText> {
  return decodeText(Uint8Array.from(bytes));
}

function reasonOf(result: ReturnType<typeof decodeText>): string {
  assert.equal(result.ok, false);
  return result.ok ? '' : result.reason;
}

describe('decodeText', () => {
  test('UTF-8 byte order mark is removed', () => {
    const result = decodeText(Buffer.from('\ufeff<a/>', 'utf8'));

    assert.deepEqual(result, { ok: true, text: '<a/>' });
  });

  test('four-byte UTF-8 is valid', () => {
    const result = decodeText(Buffer.from('<a label="\u{1f600}"/>', 'utf8'));

    assert.deepEqual(result, { ok: true, text: '<a label="\u{1f600}"/>' });
  });

  test('UTF-16LE with byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a/>\u00e9', 'utf16le')]);

    assert.deepEqual(decodeText(bytes), { ok: true, text: '<a/>\u00e9' });
  });

  test('UTF-16BE with byte order mark', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('<a/>', 'utf16le').swap16(),
    ]);

    assert.deepEqual(decodeText(bytes), { ok: true, text: '<a/>' });
  });

  test('unpaired UTF-16 surrogate is rejected', () => {
    const reason = reasonOf(decodeBytes([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x3e, 0x00]));

    assert.match(reason, /not valid UTF-16LE/);
  });

  test('NUL byte is rejected with its line', () => {
    const reason = reasonOf(decodeBytes([0x3c, 0x61, 0x0a, 0x62, 0x00]));

    assert.match(reason, /^the file contains a NUL byte at line 2 \(byte offset 4\)/);
  });

  const invalidCases: [string, number[], number][] = [
    ['lone continuation byte', [0x61, 0x80], 1],
    ['overlong two-byte form', [0x61, 0xc0, 0x80], 1],
    ['overlong three-byte form', [0xe0, 0x80, 0x80], 0],
    ['UTF-16 surrogate in UTF-8', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['lead byte F5', [0xf5, 0x80, 0x80, 0x80], 0],
    ['truncated sequence at the end', [0x61, 0xe2, 0x82], 1],
    ['Latin-1 e acute', [0x43, 0x61, 0x66, 0xe9, 0x0a], 3],
  ];
  for (const [name, bytes, offset] of invalidCases) {
    test(`invalid UTF-8: ${name}`, () => {
      const reason = reasonOf(decodeBytes(bytes));

      assert.equal(
        reason,
        `the file is not valid UTF-8 at line 1 (byte offset ${offset}). Save it as UTF-8 text.`,
      );
    });
  }
});

describe('describeFileError', () => {
  const cases: [string, string][] = [
    ['ENOENT', 'file or folder not found.'],
    ['EACCES', 'permission denied.'],
    ['EPERM', 'permission denied.'],
    ['EISDIR', 'it is a folder, not a file.'],
  ];
  for (const [code, expected] of cases) {
    test(`error code ${code}`, () => {
      const error = Object.assign(new Error(`${code}: failed`), { code });

      assert.equal(describeFileError(error), expected);
    });
  }
});
