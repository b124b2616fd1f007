import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JsonReport } from '../../cli/src/format-json';
import { runCli } from './run-cli';

/** Every mistake in the example, as `line code` with the 1-based line it is reported on. */
const EXPECTED_MISTAKES = [
  '47 webhook-not-last',
  '49 condition-field-unknown',
  '74 webhook-type-invalid',
  '74 webhook-name-duplicate',
  '77 condition-state-not-attachment',
  '79 condition-required-invalid',
  '85 webhook-name-duplicate',
  '85 webhook-attribute-unknown',
  '85 webhook-action-without-receiver',
  '88 webhook-action-unknown-task',
  '90 condition-field-unknown',
];

async function checkJson(folder: string): Promise<{ status: number | null; report: JsonReport }> {
  const result = await runCli(['check', '--format', 'json', folder]);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
}

describe('example apps', () => {
  test('asset-tracker checks clean', async () => {
    const { status, report } = await checkJson('examples/asset-tracker');

    assert.equal(status, 0);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, 'examples/asset-tracker/schema.xml');
    assert.deepEqual(report.files[0].diagnostics, []);
  });

  test('asset-tracker human output is only the summary', async () => {
    const result = await runCli(['check', 'examples/asset-tracker']);

    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '0 errors, 0 warnings in 1 file\n');
  });

  test('mistakes app reports each mistake', async () => {
    const { status, report } = await checkJson('examples/asset-tracker-with-mistakes');
    const found = report.files[0].diagnostics.map(
      (diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.code}`,
    );

    assert.equal(status, 1);
    assert.deepEqual([...found].sort(), [...EXPECTED_MISTAKES].sort());
  });

  test('mistakes app summary counts all severities', async () => {
    const result = await runCli(['check', 'examples/asset-tracker-with-mistakes']);

    assert.equal(result.stderr, '7 errors, 3 warnings, 1 information in 1 file\n');
  });

  test('mistakes app quiet summary names hidden', async () => {
    const result = await runCli(['check', '-q', 'examples/asset-tracker-with-mistakes']);

    assert.equal(
      result.stderr,
      '7 errors in 1 file (3 warnings, 1 information hidden by --quiet)\n',
    );
  });

  test('mistakes app suggests the fixes', async () => {
    const result = await runCli(['check', 'examples/asset-tracker-with-mistakes']);

    assert.match(result.stdout, /"site_id".*did you mean "site"\?/);
    assert.match(result.stdout, /"reciever"\. Did you mean "receiver"\?/);
    assert.match(result.stdout, /"assets"\. Did you mean "asset"\?/);
  });
});
