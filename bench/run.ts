// Measures the analysis against a plain xmldom parse of the same text and prints a table.
// Usage: npm run bench [-- --write]   (--write also saves the table to bench/RESULTS.md)
// The exit code is 0 whatever the results: this is a report, not a gate.

import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { scanXml } from '../server/src/analysis/scanner';
import { createWebhookService } from '../server/src/analysis/service';
import type { AnalysedDocument } from '../server/src/analysis/document';
import type { TextChange } from '../server/src/analysis/types';
import { checkWellFormed } from '../server/src/analysis/wellformed';
import { GENERATED_TASKS, generateDataModel } from './generate';
import { compare, heapUse, time, timeOnce } from './measure';

const service = createWebhookService();
const APP = { cloudCodeTasks: GENERATED_TASKS };
const SIZE = 1_000_000;
const LARGE_SIZE = 10 * 1024 * 1024;
const RUNS = 15;
const SMALL_RUNS = 201;
const LOAD_AT_START = loadavg();

interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: number | undefined;
  /** The highest ratio that passes, or undefined when the row has no target. */
  target: number | undefined;
}

function main(): void {
  const text = generateDataModel(SIZE, 1);
  const parseBaseline = () => new DOMParser().parseFromString(text, 'text/xml');
  const full = compare(() => service.validate(service.parse(text), APP), parseBaseline, RUNS);
  const baseline = full.baseline;
  const rows: Row[] = [
    {
      measure: '(a) parse + validate, 1 MB',
      ours: `${full.ours.toFixed(2)} ms`,
      baseline: `${baseline.toFixed(2)} ms`,
      ratio: full.ratio,
      target: 1.3,
    },
  ];

  // The two parts that do not depend on the model rules, to show where (a) spends its time.
  const wellFormed = compare(() => checkWellFormed(text), parseBaseline, RUNS);
  rows.push({
    measure: '(a) part: well-formedness check alone',
    ours: `${wellFormed.ours.toFixed(2)} ms`,
    baseline: `${wellFormed.baseline.toFixed(2)} ms`,
    ratio: wellFormed.ratio,
    target: undefined,
  });
  const scan = time(() => scanXml(text), RUNS).median;
  rows.push(timed('(a) part: tolerant scan alone', scan, baseline, undefined));

  rows.push(timed('(b) one-character edit: update + validate', measureEdit(text), baseline, 0.15));

  const document = service.parse(text);
  service.validate(document, APP);
  rows.push(completionRow(document, baseline));
  rows.push(hoverRow(document, baseline));

  const ourHeap = heapUse(() => service.parse(text));
  const domHeap = heapUse(parseBaseline);
  rows.push({
    measure: '(d) heap retained by the parsed document',
    ours: megabytes(ourHeap.retained),
    baseline: megabytes(domHeap.retained),
    ratio: ourHeap.retained / domHeap.retained,
    target: undefined,
  });
  rows.push({
    measure: '(d) heap growth right after parsing',
    ours: megabytes(ourHeap.afterBuild),
    baseline: megabytes(domHeap.afterBuild),
    ratio: ourHeap.afterBuild / domHeap.afterBuild,
    target: undefined,
  });

  const large = generateDataModel(LARGE_SIZE, 2);
  const largeOurs = timeOnce(() => service.validate(service.parse(large), APP));
  const largeBaseline = timeOnce(() => new DOMParser().parseFromString(large, 'text/xml'));
  rows.push(timed('10 MB parse + validate, once', largeOurs, largeBaseline, undefined));

  const report = formatReport(rows, text, large);
  process.stdout.write(report);
  if (process.argv.includes('--write')) {
    const path = join(__dirname, '..', '..', 'bench', 'RESULTS.md');
    writeFileSync(path, `# Benchmark results\n\n${report}`);
    process.stdout.write(`\nWritten to ${path}\n`);
  }
}

/**
 * Times a one-character change inside a label value in the middle model, then validation.
 * Each run edits the document the last run returned, flipping the character back and forth,
 * because `update` hands the models of the old document over to the new one.
 */
function measureEdit(text: string): number {
  const anchor = 'label="Field 1 of ';
  const middle = text.indexOf(anchor, text.length / 2);
  const offset = middle + anchor.length;
  const characters = [text.charAt(offset), text.charAt(offset) === '7' ? '8' : '7'];

  let document = service.parse(text);
  service.validate(document, APP);
  let flip = 0;
  return time(() => {
    flip = 1 - flip;
    const change: TextChange = { start: offset, end: offset + 1, text: characters[flip] };
    document = service.update(document, [change]);
    return service.validate(document, APP);
  }, SMALL_RUNS).median;
}

function completionRow(document: AnalysedDocument, baseline: number): Row {
  const measure = '(c) completion in a webhook type value';
  if (typeof service.complete !== 'function') {
    return { measure, ours: 'not measured yet', baseline: '', ratio: undefined, target: 0.05 };
  }
  const offset = document.text.indexOf('type="ready"', document.text.length / 2) + 'type="'.length;
  const position = document.lines.positionAt(offset);
  const items = service.complete(document, position, APP).length;
  const median = time(() => service.complete(document, position, APP), SMALL_RUNS).median;
  return timed(`${measure} (${items} items)`, median, baseline, 0.05);
}

function hoverRow(document: AnalysedDocument, baseline: number): Row {
  const measure = '(c) hover on a condition field name';
  if (typeof service.hover !== 'function') {
    return { measure, ours: 'not measured yet', baseline: '', ratio: undefined, target: 0.05 };
  }
  const anchor = '<field name="';
  const webhook = document.text.indexOf('<webhook type="ready"', document.text.length / 2);
  const offset = document.text.indexOf(anchor, webhook) + anchor.length + 1;
  const position = document.lines.positionAt(offset);
  const found = service.hover(document, position, APP) !== undefined;
  const median = time(() => service.hover(document, position, APP), SMALL_RUNS).median;
  return timed(`${measure}${found ? '' : ' (no hover found)'}`, median, baseline, 0.05);
}

function timed(measure: string, ours: number, baseline: number, target: number | undefined): Row {
  return {
    measure,
    ours: `${ours.toFixed(2)} ms`,
    baseline: `${baseline.toFixed(2)} ms`,
    ratio: ours / baseline,
    target,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatReport(rows: Row[], text: string, large: string): string {
  const lines = [
    'Baseline: a plain xmldom `parseFromString` of the same text, measured in the same run.',
    `Times are medians of ${RUNS} runs (${SMALL_RUNS} for the small operations) after 3 warm-up runs.`,
    'Row (a) and the well-formedness row alternate with the baseline, and their ratio is the',
    'median of the per-run ratios. The other ratios divide by the baseline median from row (a).',
    '',
    '| measure | ours | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(3)}x`;
    const target = row.target === undefined ? '' : `<= ${row.target}x`;
    let result = '';
    if (row.target !== undefined) {
      result = row.ratio !== undefined && row.ratio <= row.target ? 'PASS' : 'FAIL';
    }
    lines.push(
      `| ${row.measure} | ${row.ours} | ${row.baseline} | ${ratio} | ${target} | ${result} |`,
    );
  }
  const models = (text.match(/<model /g) ?? []).length;
  lines.push(
    '',
    `Input: a generated data model of ${text.length} characters and ${models} models, and one of ${large.length} characters for the 10 MB row.`,
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    `Load average at the start: ${LOAD_AT_START.map((value) => value.toFixed(2)).join(', ')} (1, 5 and 15 minutes).`,
    'Command: `npm run bench` (bench/run.ts).',
    '',
  );
  return lines.join('\n');
}

main();
