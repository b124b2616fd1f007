import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/analysis/text';
import type { Range } from '../../server/src/analysis/types';
import { checkWellFormed } from '../../server/src/analysis/wellformed';
import { markedRange } from '../helpers/analysis';

const PROBES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'probes');

interface Reported {
  range: Range;
  message: string;
  severity: string;
}

function problemsOf(text: string): Reported[] {
  const lines = new LineIndex(text);
  return checkWellFormed(text).map((problem) => ({
    range: lines.rangeOf(problem.span),
    message: problem.message,
    severity: problem.severity,
  }));
}

/** Asserts that `marked`, with its `[[...]]` marker removed, has exactly this one problem. */
function expectOnly(marked: string, message: string, severity = 'error'): void {
  const { text, range } = markedRange(marked);
  assert.deepEqual(problemsOf(text), [{ range, message, severity }]);
}

/** Cases that every line-ending and indentation variant below runs again. */
const CORE_CASES: [string, string, string][] = [
  [
    'mismatched end tag',
    '<a>\n  <b>\n  </[[a]]>\n</b>\n',
    'End tag </a> does not match the open element <b>. Expected </b>.',
  ],
  [
    'unclosed root',
    '<[[a]]>\n  <b/>\n',
    'Element <a> is never closed. Expected </a> before the end of the document.',
  ],
  [
    'duplicate attribute',
    '<a>\n  <b x="1"\n    [[x]]="2"/>\n</a>\n',
    'Duplicate attribute "x" on <b>. An attribute may appear only once on an element.',
  ],
  [
    'unescaped < in a value',
    '<a>\n  <b x="1 [[<]] 2"/>\n</a>\n',
    'Attribute "x" contains an unescaped "<". Write it as "&lt;".',
  ],
  [
    'text after the root',
    '<a>\n  <b/>\n</a>\n[[trailing text]]\n',
    'Unexpected text after the end of the root element <a>.',
  ],
  [
    'unclosed start tag',
    '<a>\n  <b>\n    <[[c]] x="1"\n  </b>\n</a>\n',
    'Start tag <c> is not closed. Expected ">" or "/>" before </b>.',
  ],
];

describe('checkWellFormed positions', () => {
  for (const [name, marked, message] of CORE_CASES) {
    test(name, () => expectOnly(marked, message));
  }

  test('g_broken probe', () => {
    const text = readFileSync(join(PROBES, 'g_broken.xml'), 'utf8');
    assert.deepEqual(problemsOf(text), [
      {
        range: { start: { line: 2, character: 5 }, end: { line: 2, character: 10 } },
        message: 'Start tag <field> is not closed. Expected ">" or "/>" before </model>.',
        severity: 'error',
      },
    ]);
  });
});

/**
 * Each variant rewrites a marked LF case, markers included, so the expected range is read
 * from the rewritten text. CRLF and lone CR keep every line and character. A BOM moves
 * line 0 by one character, and a tab replaces each two-space indent step.
 */
const VARIANTS: [string, (text: string) => string][] = [
  ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
  ['lone CR', (text) => text.replace(/\n/g, '\r')],
  ['BOM', (text) => `\uFEFF${text}`],
  ['tabs', (text) => text.replace(/^((?: {2})+)/gm, (indent) => '\t'.repeat(indent.length / 2))],
];

describe('checkWellFormed variants', () => {
  for (const [variant, rewrite] of VARIANTS) {
    for (const [name, marked, message] of CORE_CASES) {
      test(`${name} with ${variant}`, () => expectOnly(rewrite(marked), message));
    }
  }

  test('BOM with CRLF', () => {
    expectOnly(
      '\uFEFF<a>\r\n  <b>\r\n  </[[a]]>\r\n</b>\r\n',
      'End tag </a> does not match the open element <b>. Expected </b>.',
    );
  });

  test('BOM-only document is empty', () => {
    assert.deepEqual(checkWellFormed('\uFEFF'), [
      { span: { start: 1, end: 1 }, message: 'The document is empty.', severity: 'error' },
    ]);
  });
});

// An emoji is two UTF-16 code units, and LSP characters count code units.
describe('checkWellFormed with emoji before the error', () => {
  const cases: [string, string, string, string?][] = [
    [
      'mismatched end tag',
      '<a>\n  <b>😀 😀</[[a]]>\n</b>\n',
      'End tag </a> does not match the open element <b>. Expected </b>.',
    ],
    [
      'duplicate attribute',
      '<a label="😀😀" x="1" [[x]]="2"/>\n',
      'Duplicate attribute "x" on <a>. An attribute may appear only once on an element.',
    ],
    [
      'unescaped <',
      '<a x="😀[[<]]"/>\n',
      'Attribute "x" contains an unescaped "<". Write it as "&lt;".',
    ],
    [
      'text after root',
      '<a label="😀"/> [[😀 text]]\n',
      'Unexpected text after the end of the root element <a>.',
    ],
    [
      'unknown entity',
      '<a>\n  <b>😀 [[&y;]]</b>\n</a>\n',
      'Entity "&y;" is not defined. XML predefines only &lt;, &gt;, &amp;, &quot; and &apos;.',
      'warning',
    ],
    [
      'unclosed root',
      '<!-- 😀 --><[[a]]>😀',
      'Element <a> is never closed. Expected </a> before the end of the document.',
    ],
  ];
  for (const [name, marked, message, severity] of cases) {
    test(name, () => expectOnly(marked, message, severity));
  }
});

describe('checkWellFormed messages', () => {
  const cases: [string, string, string, string?][] = [
    ['bare attribute', '<a [[x]]/>', 'Attribute "x" has no value. Expected x="…".'],
    ['attribute with empty value', '<a [[x]]=/>', 'Attribute "x" has no value. Expected x="…".'],
    ['attribute with = then >', '<a [[x]]=>', 'Attribute "x" has no value. Expected x="…".'],
    [
      'unquoted value',
      '<a x=[[1]] y="2"/>',
      'The value of attribute "x" is not in quotes. Expected x="1".',
    ],
    ['missing space', '<a x="1"[[y]]="2"/>', 'Missing space between attributes "x" and "y".'],
    ['missing equals', '<a [[x]]"1"/>', 'Attribute "x" has no "=" before its value.'],
    [
      'entity declared in the DOCTYPE',
      '<!DOCTYPE a [<!ENTITY e "text">]><a>[[&e;]]</a>',
      'Entity "&e;" is declared in the DOCTYPE, but entities are not expanded, so its value is not checked.',
      'warning',
    ],
    [
      'unknown entity in an attribute',
      '<a x="[[&nbsp;]]"/>',
      'Entity "&nbsp;" is not defined. XML predefines only &lt;, &gt;, &amp;, &quot; and &apos;.',
      'warning',
    ],
    [
      'entity after a comment that mentions it',
      '<a><!-- &y; --> [[&y;]]</a>',
      'Entity "&y;" is not defined. XML predefines only &lt;, &gt;, &amp;, &quot; and &apos;.',
      'warning',
    ],
    [
      'ampersand without semicolon',
      '<a>AT[[&T]]</a>',
      'Entity reference "&T" has no closing ";". Write a literal "&" as "&amp;".',
    ],
    [
      'invalid character reference',
      '<a>[[&#xZZ;]]</a>',
      'Invalid character reference "&#xZZ;". Expected &#NNN; or &#xHHH;.',
    ],
    ['invalid element name', '<a><[[1b]]/></a>', 'Element name "1b" is not a valid XML name.'],
    ['invalid attribute name', '<a [[1x]]="1"/>', 'Attribute name "1x" is not a valid XML name.'],
    ['lone < in text', '<a>x [[<]] y</a>', 'Unescaped "<" in text. Write it as "&lt;".'],
    [
      'value without closing quote',
      '<a>\n  <b [[x]]="1>\n  <c/>\n</a>',
      'The value of attribute "x" is missing its closing quote.',
    ],
    [
      'start tag cut at the end',
      '<a>\n  <[[webhook]] type="ready"',
      'Start tag <webhook> is not finished. Expected ">" or "/>" before the end of the document.',
    ],
    [
      'start tag runs into the next',
      '<a>\n  <[[b]]<c/>\n</a>',
      'Start tag <b> is not closed. Expected ">" or "/>" before <c>.',
    ],
    [
      'second root element',
      '<a/>\n<[[b]] x="1"/>',
      'Element <b> is outside the root element <a>. A document has exactly one root element.',
    ],
    ['text before the root', '[[hello world]] <a/>', 'Unexpected text before the root element.'],
    ['no root element', '  [[just text]]\n', 'The document has no root element.'],
    ['end tag before the root', '</[[a]]><a/>', 'End tag </a> has no matching start tag.'],
    [
      'end tag after the root',
      '<a></a></[[b]]>',
      'End tag </b> comes after the root element <a> has ended.',
    ],
    [
      'double hyphen in a comment',
      '<a><!-- x [[--]] y --></a>',
      'Comment contains "--", which XML does not allow inside a comment.',
    ],
    ['unclosed comment', '<a>[[<!--]] x </a>', 'Comment is not closed. Expected "-->".'],
    ['unclosed CDATA', '<a>[[<![CDATA[]]x</a>', 'CDATA section is not closed. Expected "]]>".'],
    ['CDATA before the root', '[[<![CDATA[]]x]]><a/>', 'CDATA section outside the root element.'],
    [
      'XML declaration not first',
      '\n[[<?xml]] version="1.0"?><a/>',
      'XML declaration is not at the start of the document. Expected "<?xml" as its first characters.',
    ],
    [
      'unclosed processing instruction',
      '<a>[[<?pi]] x</a>',
      'Processing instruction is not closed. Expected "?>".',
    ],
    [
      'DOCTYPE after the root',
      '<a/>[[<!DOCTYPE]] a>',
      'DOCTYPE comes after the root element has started. Expected it before the root element.',
    ],
    [
      'unknown <! markup',
      '<a>[[<!foo]]></a>',
      'Markup "<!foo" is not a comment, CDATA section or DOCTYPE.',
    ],
    ['end tag without a name', '<a>[[</>]]</a>', 'End tag has no element name.'],
    [
      'end tag with extra text',
      '<a></[[a x]]>',
      'End tag "</a x>" has text after the element name. Expected </a>.',
    ],
    ['end tag cut at the end', '<a></[[a]]', 'End tag </a> is not closed. Expected ">".'],
    [
      'end tag running into the next tag',
      '<a>\n  <b></[[b]]\n  <c/>\n</a>',
      'End tag </b> is not closed. Expected ">".',
    ],
    [
      'end tag without a name before the next tag',
      '<a>[[</]]<b/></a>',
      'End tag has no element name.',
    ],
    [
      'value without opening quote',
      '<a [[x]]=one" y="2"/>',
      'The value of attribute "x" has no opening quote. Expected x="…".',
    ],
    ['invalid name without a value', '<a [[-x]]/>', 'Attribute name "-x" is not a valid XML name.'],
    [
      'undeclared element prefix',
      '<a xmlns:x="urn:x"><[[y:b]]/></a>',
      'Namespace prefix "y" is not declared. Expected an xmlns:y attribute on this element or an ancestor.',
    ],
    [
      'undeclared attribute prefix',
      '<a><b [[q:r]]="1"/></a>',
      'Namespace prefix "q" is not declared. Expected an xmlns:q attribute on this element or an ancestor.',
    ],
    [
      'replacement character',
      '<a>[[\uFFFD]]</a>',
      'The text contains the replacement character U+FFFD, which usually means the file was decoded with the wrong encoding.',
      'warning',
    ],
  ];
  for (const [name, marked, message, severity] of cases) {
    test(name, () => expectOnly(marked, message, severity));
  }

  test('empty document', () => {
    assert.deepEqual(checkWellFormed(''), [
      { span: { start: 0, end: 0 }, message: 'The document is empty.', severity: 'error' },
    ]);
  });

  test('whitespace-only document', () => {
    assert.deepEqual(checkWellFormed(' \n\t '), [
      { span: { start: 0, end: 4 }, message: 'The document is empty.', severity: 'error' },
    ]);
  });

  test('well-formed document has none', () => {
    const text = '<?xml version="1.0"?>\n<!-- c -->\n<a x="&amp;&#x41;"><![CDATA[<]]></a>\n';
    assert.deepEqual(checkWellFormed(text), []);
  });
});

describe('checkWellFormed reporting', () => {
  test('problems before the fatal one', () => {
    const text = '<a>\n  <b x y="1"/>\n  &z;\n</c>\n</a>';
    const reported = problemsOf(text).map(
      (item) => `${item.range.start.line}:${item.range.start.character}`,
    );
    assert.deepEqual(reported, ['1:5', '2:2', '3:2']);
  });

  test('stray quote running into the next tag', () => {
    const text = '<a>\n  <b x="1" y" />\n  <c z="2"/>\n</a>';
    assert.deepEqual(problemsOf(text), [
      {
        range: { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } },
        message: 'Attribute "y" has no "=" before its value.',
        severity: 'error',
      },
      {
        range: { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } },
        message: 'A quote in start tag <b> is not closed before the next tag.',
        severity: 'error',
      },
    ]);
  });

  test('only the first fatal error', () => {
    const problems = checkWellFormed('<a><b></c></d></a>');
    assert.equal(problems.length, 1);
  });

  test('two entities with one name', () => {
    const text = '<a>&y; and &y;</a>';
    const spans = checkWellFormed(text).map((item) => text.slice(item.span.start, item.span.end));
    assert.deepEqual(spans, ['&y;', '&y;']);
    assert.deepEqual(
      checkWellFormed(text).map((item) => item.span.start),
      [3, 11],
    );
  });

  test('end tag in a run of same-name end tags', () => {
    expectOnly(
      '<y><x><z/></x></[[x]]></x></y>',
      'End tag </x> does not match the open element <y>. Expected </y>.',
    );
  });

  test('end tag after a comment that mentions it', () => {
    expectOnly(
      '<a><b><!-- </a> --></[[a]]>',
      'End tag </a> does not match the open element <b>. Expected </b>.',
    );
  });

  test('slice offsets point into the whole text', () => {
    const text = 'ignored <model>\n  <field x="1" x="2"/>\n</model> ignored';
    const from = text.indexOf('<model>');
    const to = text.indexOf(' ignored', from);
    const problems = checkWellFormed(text, from, to);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].span.start, text.indexOf('x="2"'));
    assert.equal(problems[0].span.end, text.indexOf('x="2"') + 1);
  });

  test('slice starting with a BOM', () => {
    const text = 'xx\uFEFF<a><b></a>';
    const problems = checkWellFormed(text, 2);
    assert.equal(problems.length, 1);
    assert.equal(text.slice(problems[0].span.start, problems[0].span.end), 'a');
    assert.equal(problems[0].span.start, text.lastIndexOf('a'));
  });

  test('external entity is never read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wellformed-'));
    const marker = 'MARKER-external-entity-5e1c';
    const secret = join(folder, 'secret.txt');
    writeFileSync(secret, marker);
    try {
      const text = [
        `<!DOCTYPE data-model [<!ENTITY secret SYSTEM "${pathToFileURL(secret).href}">]>`,
        '<data-model><model name="a" label="&secret;"/>&secret;</data-model>',
      ].join('\n');
      const problems = checkWellFormed(text);
      assert.ok(!JSON.stringify(problems).includes(marker));
      assert.equal(problems.length, 2);
      assert.ok(problems.every((item) => item.severity === 'warning'));
      assert.ok(
        problems.every((item) => text.slice(item.span.start, item.span.end) === '&secret;'),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

// xmldom 0.9 accepts these, although XML 1.0 does not. The tests pin today's behaviour.
describe('checkWellFormed known limitations', () => {
  test('known limitation: extra end tag after the root', () => {
    assert.deepEqual(checkWellFormed('<a></a></a>'), []);
  });

  test('known limitation: bare ampersand before a space', () => {
    assert.deepEqual(checkWellFormed('<a>salt & pepper</a>'), []);
  });

  test('known limitation: NUL character in text', () => {
    assert.deepEqual(checkWellFormed('<a>\u0000</a>'), []);
  });
});
