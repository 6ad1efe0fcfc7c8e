/** `count:` expressions of counted arrays (docs/format.md, "Counted arrays"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArrayCount } from '../../src/model/array-count.ts';

test('a field name, optionally + N, - N or * N, normalised', () => {
  assert.deepEqual(parseArrayCount('hash_key_length'), { field: 'hash_key_length', scale: 1, add: 0, text: 'hash_key_length' });
  assert.deepEqual(parseArrayCount(' indirection_table_mask+1 '), { field: 'indirection_table_mask', scale: 1, add: 1, text: 'indirection_table_mask + 1' });
  assert.deepEqual(parseArrayCount('len - 0x2'), { field: 'len', scale: 1, add: -2, text: 'len - 2' });
  assert.deepEqual(parseArrayCount('entries * 6'), { field: 'entries', scale: 6, add: 0, text: 'entries * 6' });
});

test('anything else is rejected', () => {
  for (const text of ['', '1 + len', 'len +', 'len * 0', 'a + b', 'len + 99999999999', '(len + 1) * 2']) assert.equal(parseArrayCount(text), null, text);
});
