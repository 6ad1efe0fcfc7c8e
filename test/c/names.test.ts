/**
 * Identifiers in C: the headers must use the names existing code uses, so nothing is renamed.
 * C and C++ keywords and reserved names are rejected by the core (HV3007) before any generator
 * runs; keywords of Rust or TypeScript only (`type`, `fn`, `self`, …) reach C unchanged.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileCorpus } from '../../src/compile.ts';
import { headersOf } from './corpus.ts';
import { FIXTURES } from './fixtures.ts';

describe('C identifiers', () => {
  it('C and C++ keywords as names are errors (HV3007) and no model is built', async () => {
    const result = await compileCorpus(join(FIXTURES, 'c-keywords'), { cache: false });
    assert.equal(result.model, null);
    const reserved = result.diagnostics.filter((d) => d.code === 'HV3007').map((d) => `${d.file}:${d.range?.start.line}`);
    assert.deepEqual(reserved, ['standards/keywords.md:13', 'standards/keywords.md:14'], 'one HV3007 each for `int` and `class`, at their lines');
  });

  it('Rust and TypeScript keywords pass through the C generator unchanged', async () => {
    const result = await compileCorpus(join(FIXTURES, 'names'), { cache: false });
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join('\n'));
    const header = String(headersOf(result.model).find((f) => f.path === 'c-names.h')!.contents);
    for (const declaration of ['hvspec_le16 type;', 'hvspec_le16 fn;', 'hvspec_le32 self;', 'hvspec_le32 match;', 'hvspec_le32 interface;', 'hvspec_le32 let;']) {
      assert.ok(header.includes(`\t${declaration}\n`), declaration);
    }
    assert.match(header, /static inline int64_t cn_calls_impl_vmcall\(uint64_t type, uint64_t yield\)/);
    assert.doesNotMatch(header, /r#|\btype_\b|\bself_\b/, 'no Rust or TypeScript escaping in C');
  });
});
