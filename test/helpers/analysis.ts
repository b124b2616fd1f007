import assert from 'node:assert/strict';
import { createWebhookService } from '../../server/src/analysis/service';
import { LineIndex } from '../../server/src/analysis/text';
import type { AppContext, Diagnostic, Range } from '../../server/src/analysis/types';

export const service = createWebhookService();

export function validateText(text: string, app: AppContext = {}): Diagnostic[] {
  return service.validate(service.parse(text), app);
}

/**
 * Removes `[[` and `]]` markers from `marked` and returns the text with the range they
 * enclosed, so a test can state where a diagnostic belongs inside the XML itself.
 */
export function markedRange(marked: string): { text: string; range: Range } {
  const open = marked.indexOf('[[');
  const close = marked.indexOf(']]');
  assert.ok(open !== -1 && close > open, 'the case needs one [[...]] marker');
  const text = marked.slice(0, open) + marked.slice(open + 2, close) + marked.slice(close + 2);
  const lines = new LineIndex(text);
  return { text, range: lines.rangeOf({ start: open, end: close - 2 }) };
}

/** Asserts that the marked range carries exactly one diagnostic with `code`, and returns it. */
export function expectDiagnostic(marked: string, code: string, app: AppContext = {}): Diagnostic {
  const { text, range } = markedRange(marked);
  const withCode = validateText(text, app).filter((item) => item.code === code);
  const found = withCode.filter((item) => JSON.stringify(item.range) === JSON.stringify(range));
  assert.equal(
    found.length,
    1,
    `expected one ${code} at ${JSON.stringify(range)}, got ${JSON.stringify(withCode, null, 1)}`,
  );
  return found[0];
}

export function expectNoDiagnostic(text: string, code: string, app: AppContext = {}): void {
  const found = validateText(text, app).filter((item) => item.code === code);
  assert.deepEqual(found, []);
}

export function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((item) => item.severity === 'error');
}

/** Wraps model children in a data model with a `user` model beside it. */
export function dataModel(children: string, modelName = 'asset'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<data-model>',
    `  <model name="${modelName}" label="Asset">`,
    children,
    '  </model>',
    '  <model name="user" label="User">',
    '    <field name="name" label="Name" type="text:name" />',
    '    <display>{name}</display>',
    '  </model>',
    '</data-model>',
    '',
  ].join('\n');
}

/** Standard fields for condition tests: text, photo, signature, integer and a belongs-to. */
export const ASSET_FIELDS = [
  '    <field name="name" label="Name" type="text" />',
  '    <field name="photo" label="Photo" type="photo" />',
  '    <field name="signature" label="Signature" type="signature" />',
  '    <field name="count" label="Count" type="integer" />',
  '    <belongs-to model="user" />',
  '    <has-many model="user" name="helpers" />',
  '    <display>{name}</display>',
].join('\n');
