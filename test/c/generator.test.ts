/**
 * What the generator decides beyond printing: order of structs, names it invents, and what it does
 * when an invented name is already taken (test/c/fixtures/collisions).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateC } from '../../generators/c/index.ts';
import { modelOf } from './corpus.ts';
import { FIXTURES } from './fixtures.ts';
import { COMPILERS, compile, needTool, writeFiles } from './toolchain.ts';

describe('C generator decisions', () => {
  it('defines a shift once when the standard spells it, and leaves out wrappers whose names are taken', async (t) => {
    const model = await modelOf(join(FIXTURES, 'collisions'));
    const warnings: string[] = [];
    const files = generateC(model, (w) => warnings.push(w));
    const header = String(files.find((f) => f.path === 'c-collisions.h')!.contents);

    assert.equal(header.match(/#define CX_FIELD_SHIFT\b/g)?.length, 1, 'the standard’s own CX_FIELD_SHIFT only');
    assert.match(header, /#define CX_OTHER_SHIFT 8\n/, 'derived shift of a multi-bit field');
    assert.ok(header.indexOf('struct cx_inner {') < header.indexOf('struct cx_outer {'), 'contained struct first');
    assert.deepEqual(warnings, ['C: hypercalls cx_calls would define cx_calls_result, which struct cx_calls_result in c-collisions already defines; left out']);
    assert.doesNotMatch(header, /static inline/, 'no wrappers without their result struct');
    assert.match(header, /#define CX_HC_PING 1\n/, 'the function ID is still defined');

    const config = COMPILERS.find((c) => c.label === 'gcc -std=c11')!;
    if (!needTool(t, config.compiler)) return;
    const dir = writeFiles(files);
    const source = join(dir, 'unit.c');
    writeFileSync(source, '#include "c-collisions.h"\n');
    compile(config, source, ['-fsyntax-only', `-I${dir}`]);
  });
});
