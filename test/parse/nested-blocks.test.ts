import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Report } from '../../src/diagnostics/report.ts';
import { parseDocument } from '../../src/parse/document.ts';

/*
 * hvspec blocks inside list items and block quotes (issue 11, item 3): an opening fence in a list
 * item used to give HV9001 "Cannot read properties of null". They are read like top-level blocks,
 * with YAML positions mapped through the container prefixes.
 */
const FRONT = '---\nspec: nested\ntitle: Nested\nversion: 1.0.0\nstatus: draft\n---\n\n';

function parse(body: string): { report: Report; codes: string[]; doc: ReturnType<typeof parseDocument> } {
  const report = new Report();
  const doc = parseDocument(FRONT + body, 'standards/nested.md', report);
  return { report, doc, codes: report.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.column}`) };
}

describe('hvspec blocks in containers', () => {
  test('a list item holding only an opening fence is an unclosed block, not an internal error', () => {
    assert.deepEqual(parse('- ```hvspec struct\n').codes, ['HV1012@8:3']);
    assert.deepEqual(parse('- ```hvspec struct\n  name: s\n\nAfter the list.\n').codes, ['HV1012@8:3']);
    assert.deepEqual(parse('> ```hvspec struct\n> name: s\n\nAfter the quote.\n').codes, ['HV1012@8:3']);
    assert.deepEqual(parse('1. > - ~~~~hvspec enum\n').codes, ['HV1012@8:8']);
  });

  test('a closed block in a block quote is read, with YAML positions in file columns', () => {
    const { codes, doc } = parse('> ```hvspec struct\n> name: s\n> fields:\n>   - { name: x, type: u8 }\n> ```\n');
    assert.deepEqual(codes, []);
    assert.equal(doc!.blocks.length, 1);
    assert.deepEqual(doc!.blocks[0]!.yaml.data, { name: 's', fields: [{ name: 'x', type: 'u8' }] });
    // `type: u8` is on file line 11; `u8` starts at column 24 (2 columns of `> ` before the YAML).
    assert.deepEqual(doc!.blocks[0]!.yaml.positions.get('fields/0/type')!.value.start, { line: 11, column: 24 });
    assert.deepEqual(doc!.blocks[0]!.kindRange.start, { line: 8, column: 13 });
  });

  test('a block in a list item is read; an unevenly prefixed quote still maps each line', () => {
    const item = parse('- Item:\n\n  ```hvspec struct\n  name: t\n  fields:\n    - { name: y, type: u16 }\n  ```\n');
    assert.deepEqual(item.codes, []);
    assert.deepEqual(item.doc!.blocks[0]!.yaml.positions.get('fields/0/type')!.value.start, { line: 13, column: 24 });
    const uneven = parse('> ```hvspec struct\n>name: s\n> fields:\n>   - { name: x, type: u8 }\n> ```\n');
    assert.deepEqual(uneven.codes, []);
    assert.deepEqual(uneven.doc!.blocks[0]!.yaml.positions.get('name')!.value.start, { line: 9, column: 8 });
  });

  test('YAML errors inside a quoted block point into the file', () => {
    assert.deepEqual(parse('> ```hvspec struct\n> name: s\n> name: t\n> ```\n').codes, ['HV1021@10:3']);
  });

  test('a fence that is only backticks shorter than the opening does not close it', () => {
    assert.deepEqual(parse('- ````hvspec struct\n  name: s\n  ```\n').codes, ['HV1012@8:3']);
  });
});
