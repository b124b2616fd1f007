// Prints the diagnostic catalogue (server/src/analysis/catalogue.ts) as a Markdown table.
// Usage: node scripts/catalogue-table.mjs [--write]
// With --write, replaces the table between the catalogue markers in README.md instead.
import * as esbuild from 'esbuild';
import * as prettier from 'prettier';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const START_MARKER = '<!-- catalogue:start -->';
const END_MARKER = '<!-- catalogue:end -->';

const catalogue = await loadCatalogue();
// Prettier pads the columns as it would when formatting README.md itself.
const table = await prettier.format(formatTable(catalogue), { parser: 'markdown' });

if (process.argv.includes('--write')) {
  await writeIntoReadme(table);
} else {
  process.stdout.write(table);
}

/** Bundles the TypeScript catalogue in memory and imports it, so no build step is needed. */
async function loadCatalogue() {
  const result = await esbuild.build({
    entryPoints: [`${root}server/src/analysis/catalogue.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const source = result.outputFiles[0].text;
  const module = await import(
    `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
  );
  return module.DIAGNOSTIC_CATALOGUE;
}

function formatTable(entries) {
  const rows = entries.map(
    (entry) => `| \`${entry.code}\` | ${entry.severity} | ${escapeCell(entry.summary)} |`,
  );
  return ['| Code | Severity | Meaning |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

function escapeCell(text) {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

async function writeIntoReadme(table) {
  const readmePath = `${root}README.md`;
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end < start) {
    throw new Error(`README.md has no ${START_MARKER} ... ${END_MARKER} section to replace.`);
  }
  const before = readme.slice(0, start + START_MARKER.length);
  const after = readme.slice(end);
  await writeFile(readmePath, `${before}\n\n${table}\n${after}`);
}
