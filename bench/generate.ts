// Builds large, realistic data models for the benchmark and the robustness tests. The same
// seed always gives the same text, so runs compare like with like.

/** Mulberry32: a small seeded generator with a period of 2^32. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** CloudCode task names that generated webhooks use as `action`. */
export const GENERATED_TASKS = ['notify_office', 'sync_erp', 'make_report'];

const PLAIN_TYPES = [
  'text',
  'text:email',
  'text:name',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'location',
];
const CHOICE_TYPES = [
  'single-choice',
  'single-choice-integer',
  'multiple-choice',
  'multiple-choice-integer',
];
const ATTACHMENT_TYPES = ['photo', 'signature', 'attachment'];

/**
 * Returns a data model of at least `targetLength` characters, with no mistakes: many models
 * with fields of every type, belongs-to and has-many relationships, display, index and
 * webhooks with conditions, external and CloudCode.
 */
export function generateDataModel(targetLength: number, seed = 1): string {
  const random = seededRandom(seed);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<data-model>'];
  let length = 0;
  let index = 0;

  while (length < targetLength) {
    const model = generateModel(index, random);
    parts.push(model);
    length += model.length;
    index++;
  }
  parts.push('</data-model>', '');
  return parts.join('\n');
}

function generateModel(index: number, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const name = `model_${index}`;
  const lines = [`  <model name="${name}" label="Model ${index}">`];
  const plain: string[] = [];
  const attachments: string[] = [];

  const fieldCount = 6 + Math.floor(random() * 10);
  for (let field = 0; field < fieldCount; field++) {
    const roll = random();
    const fieldName = `field_${field}`;
    const label = `Field ${field} of ${index}`;
    if (roll < 0.6) {
      lines.push(`    <field name="${fieldName}" label="${label}" type="${pick(PLAIN_TYPES)}" />`);
      plain.push(fieldName);
    } else if (roll < 0.8) {
      lines.push(`    <field name="${fieldName}" label="${label}" type="${pick(CHOICE_TYPES)}">`);
      lines.push('      <option key="a">First &amp; best</option>');
      lines.push('      <option key="b">Second</option>');
      lines.push('    </field>');
      plain.push(fieldName);
    } else {
      const type = pick(ATTACHMENT_TYPES);
      const media = type === 'attachment' ? ' media="application/pdf"' : '';
      lines.push(`    <field name="${fieldName}" label="${label}" type="${type}"${media} />`);
      attachments.push(fieldName);
    }
  }

  // Relationships point at earlier models, which always exist.
  const relationships: string[] = [];
  if (index > 0) {
    const target = `model_${Math.floor(random() * index)}`;
    lines.push(`    <belongs-to model="${target}" />`);
    relationships.push(target);
    if (random() < 0.5) {
      const other = `model_${Math.floor(random() * index)}`;
      lines.push(`    <belongs-to model="${other}" name="owner" />`);
      relationships.push('owner');
    }
    lines.push(`    <has-many model="model_${Math.floor(random() * index)}" name="children" />`);
  }

  lines.push(`    <display>{${plain[0] ?? 'id'}} ({${plain[1] ?? plain[0] ?? 'id'}})</display>`);
  if (plain.length > 0) {
    lines.push(`    <index on="${plain[0]}" />`);
  }

  lines.push(`    <webhook type="ready" name="${name}_ready">`);
  for (const attachment of attachments.slice(0, 2)) {
    lines.push(
      `      <field name="${attachment}" required="true" embed="true" state="uploaded" />`,
    );
  }
  for (const relationship of relationships.slice(0, 1)) {
    lines.push(`      <field name="${relationship}" embed="false" />`);
  }
  if (plain.length > 0) {
    lines.push(`      <field name="${plain[0]}" required="true" />`);
  }
  lines.push('    </webhook>');
  if (random() < 0.5) {
    const task = pick(GENERATED_TASKS);
    lines.push(
      `    <webhook type="update" name="${name}_${task}" receiver="cloudcode" action="${task}" />`,
    );
  }

  lines.push('  </model>');
  return lines.join('\n');
}
