/**
 * Every literal has the type of its storage: code that stores each constant, enum value, flag
 * mask, feature bit, device ID and function ID in a variable of its model type, and compares it
 * with one, compiles under -Wconversion -Wsign-conversion -Wsign-compare as C and C++.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cPrimitive } from '../../generators/c/helpers.ts';
import type { Model, PrimitiveName } from '../../src/model/types.ts';
import { fixtureHeaderSet, projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { COMPILERS, compile, needTool, scratchDir } from './toolchain.ts';

/** (name, C type) for every value the model gives a type (untyped constants: their literal's own type is checked by layout.test.ts). */
function typedValues(model: Model): [string, string][] {
  const out: [string, string][] = [];
  const add = (name: string, type: PrimitiveName | string): void => {
    out.push([name, type.includes(' ') || type.endsWith('_t') ? type : cPrimitive(type as PrimitiveName)]);
  };
  for (const spec of model.specs) {
    for (const g of spec.constants) for (const c of g.constants) if (c.type) add(c.name, c.type);
    for (const e of spec.enums) for (const v of e.values) add(v.name, e.storage.name);
    for (const f of spec.flags) for (const flag of f.flags) add(flag.name, f.storage.name);
    // Feature bits and IDs are used as unsigned numbers (Linux's virtio_has_feature takes unsigned int).
    for (const s of spec.features) for (const f of s.features) add(f.name, 'unsigned int');
    for (const d of spec.devices) {
      add(d.idName, 'uint32_t');
      for (const f of d.features) add(f.name, 'unsigned int');
    }
    for (const h of spec.hypercalls) for (const fn of h.functions) add(fn.idName, h.convention === 'smccc' ? 'uint32_t' : 'uint64_t');
  }
  return out;
}

function usageUnit(sets: HeaderSet[]): string {
  const lines: string[] = [];
  for (const set of sets) for (const h of set.headers) lines.push(`#include "${join(set.dir, h)}"`);
  let n = 0;
  for (const set of sets) {
    for (const [name, type] of typedValues(set.model)) {
      const fn = `hvspec_use_${n++}`;
      lines.push(`extern int ${fn}(${type} v);`, `int ${fn}(${type} v) { ${type} w = ${name}; return v == ${name} && w != v; }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('literal types', () => {
  let dir = '';
  before(async () => {
    const sets = [await projectHeaderSet(), await fixtureHeaderSet('layouts')];
    dir = scratchDir('hvspec-c-usage-');
    const unit = usageUnit(sets);
    writeFileSync(join(dir, 'usage.c'), unit);
    writeFileSync(join(dir, 'usage.cpp'), unit);
  });

  for (const label of ['gcc -std=c99', 'clang -std=c11', 'g++ -std=c++17', 'clang++ -std=c++17']) {
    it(`no conversion or sign warnings (${label})`, (t) => {
      const config = COMPILERS.find((c) => c.label === label)!;
      if (!needTool(t, config.compiler)) return;
      compile(config, join(dir, `usage.${config.language}`), ['-Wconversion', '-Wsign-conversion', '-Wsign-compare', '-fsyntax-only']);
    });
  }
});
