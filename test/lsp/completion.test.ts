/**
 * Completion contexts on real standards text (no server): which keys and values are offered where.
 * Expected keys are read from the JSON Schemas themselves, not from the completion code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { complete } from '../../src/lsp/completion.ts';

const TOP = path.join(import.meta.dirname, '../..');
const read = (f: string): string => readFileSync(path.join(TOP, f), 'utf8');
const schema = (kind: string): { properties: Record<string, { enum?: unknown[]; items?: { properties?: Record<string, unknown> } }> } =>
  JSON.parse(read(`schemas/${kind}.schema.json`));

/** Labels offered with the cursor `skip` characters into the first `needle` of `text`. */
function labels(text: string, needle: string, skip: number): string[] {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const before = text.slice(0, at + skip);
  const line = before.split('\n').length - 1;
  return complete(text, line, before.length - (before.lastIndexOf('\n') + 1), null).map((i) => i.label).sort();
}

const psci = read('standards/arm-psci.md');
const i2c = read('standards/virtio-i2c.md');

test('top-level keys of a block and of the front matter', () => {
  assert.deepEqual(labels(psci.replace('convention: smccc', 'co'), '\nco', 3), Object.keys(schema('hypercalls').properties).sort());
  assert.deepEqual(labels(psci.replace('title:', 'ti'), '\nti', 3), Object.keys(schema('frontmatter').properties).sort());
});

test('keys of a list item in block style and in a flow mapping', () => {
  const fn = Object.keys(schema('hypercalls').properties.functions!.items!.properties!).sort();
  assert.deepEqual(labels(psci.replace('    number: 3\n    width: 64', '    number: 3\n    wi'), '    wi', 6), fn);
  const arg = (schema('hypercalls').properties.functions!.items!.properties!.args as { items: { properties: object } }).items.properties;
  assert.deepEqual(labels(psci.replace('      - { name: target_cpu, type: u64,', '      - { name: target_cpu, '), '- { name: target_cpu, ', 22),
    Object.keys(arg).filter((k) => k !== 'name').sort());
  const queue = Object.keys((schema('device').properties.virtqueues!.items!.properties!)).filter((k) => k !== 'index' && k !== 'name');
  assert.deepEqual(labels(i2c.replace('{ index: 0, name: requestq, doc:', '{ index: 0, name: requestq, '), '{ index: 0, name: requestq, ', 28), queue.sort());
});

test('enumerated values come from the schema', () => {
  assert.deepEqual(labels(psci.replace('convention: smccc', 'convention: '), 'convention: ', 12), (schema('hypercalls').properties.convention!.enum as string[]).sort());
  assert.deepEqual(labels(psci.replace('status: standard', 'status: '), 'status: ', 8), (schema('frontmatter').properties.status!.enum as string[]).sort());
});

test('block kinds after a fence, nothing in plain prose', () => {
  assert.ok(labels(`${i2c}\n\`\`\`hvspec s\n`, '```hvspec s\n', 11).includes('struct'));
  assert.deepEqual(labels(i2c, 'The virtio I2C adapter gives', 10), []);
});

test('a broken buffer (unclosed block, stray brackets) still completes without throwing', () => {
  const broken = `${i2c}\n\`\`\`hvspec struct\nname: x\nfields:\n  - { name: a, type: [[[\n  - { name: b, `;
  assert.ok(labels(broken, '  - { name: b, ', 15).includes('type'));
});
