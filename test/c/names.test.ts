/**
 * Identifiers in C: the headers must use the names existing code uses, so nothing is renamed.
 * C keywords, reserved names and C++ keywords other than field names are rejected by the core
 * (HV3007) before any generator runs; a C++ keyword field is spelled `<name>_` under
 * __cplusplus. Keywords of Rust or TypeScript only (`type`, `fn`, `self`, …) reach C unchanged.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileCorpus } from '../../src/compile.ts';
import { headersOf } from './corpus.ts';
import { FIXTURES } from './fixtures.ts';

describe('C identifiers', () => {
  it('C keywords, and C++ keywords other than field names, are errors (HV3007) and no model is built', async () => {
    const result = await compileCorpus(join(FIXTURES, 'c-keywords'), { cache: false });
    assert.equal(result.model, null);
    const reserved = result.diagnostics.filter((d) => d.code === 'HV3007').map((d) => `${d.file}:${d.range?.start.line}`).sort();
    assert.deepEqual(reserved, ['standards/keywords.md:13', 'standards/keywords.md:18'], 'HV3007 for the field `int` and the struct `delete`, none for the field `class`');
  });

  it('a C++ keyword field keeps its Linux name in C and is spelled <name>_ under __cplusplus', async () => {
    const result = await compileCorpus(join(FIXTURES, 'cxx-field'), { cache: false });
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join('\n'));
    const header = String(headersOf(result.model).find((f) => f.path === 'cxx-field.h')!.contents);
    for (const name of ['class', 'new']) {
      assert.ok(header.includes(`#if defined(__cplusplus)\n\tuint8_t ${name}_;\n#else\n\tuint8_t ${name};\n#endif\n`), name);
      assert.match(header, new RegExp(`HVSPEC_CXX_NAME\\(${name}, ${name}_\\)`), `${name}: assertions name both spellings`);
    }
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
