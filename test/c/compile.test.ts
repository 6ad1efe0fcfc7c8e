/**
 * Every generated header (project corpus and fixtures) compiles warning-free as C99, C11 and
 * C++17 with gcc and clang, and for aarch64 — one translation unit per compiler and standard,
 * which also emits every inline function so the call wrappers' asm is checked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtureHeaderSet, projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { COMPILERS, compile, needTool, scratchDir } from './toolchain.ts';
import { allHeadersUnit } from './translation-unit.ts';

describe('generated C headers compile', () => {
  let sets: HeaderSet[] = [];
  let unitDir = '';

  before(async () => {
    sets = [await projectHeaderSet(), await fixtureHeaderSet('layouts'), await fixtureHeaderSet('names'), await fixtureHeaderSet('hostile'), await fixtureHeaderSet('values')];
    unitDir = scratchDir('hvspec-c-unit-');
    // Each set's headers by absolute path; each finds its own hvspec_common.h (identical, one guard).
    const parts = sets.map((s) => allHeadersUnit(s.headers.map((h) => join(s.dir, h))));
    const unit = mergeUnits(parts);
    writeFileSync(join(unitDir, 'all.c'), unit);
    writeFileSync(join(unitDir, 'all.cpp'), unit);
  });

  for (const config of COMPILERS) {
    it(`with ${config.label} -Wall -Wextra -Werror -pedantic`, (t) => {
      if (!needTool(t, config.compiler)) return;
      const stderr = compile(config, join(unitDir, `all.${config.language}`), ['-O2', '-c', '-o', join(unitDir, `${config.label.replace(/\W+/g, '_')}.o`)]);
      assert.equal(stderr.trim(), '', `${config.label} printed diagnostics`);
    });
  }

  it('compiles each header on its own (it includes what it needs)', (t) => {
    for (const config of COMPILERS.filter((c) => c.label === 'gcc -std=c99' || c.label === 'g++ -std=c++17')) {
      if (!needTool(t, config.compiler)) return;
      const sources: string[] = [];
      for (const set of sets) {
        for (const header of set.headers) {
          const source = join(unitDir, `alone-${set.label}-${header.replace(/\W/g, '_')}.${config.language}`);
          writeFileSync(source, `#include "${join(set.dir, header)}"\n`);
          sources.push(source);
        }
      }
      // One compiler run, one translation unit per source file.
      const result = spawnSync(config.compiler, [...config.args, '-fsyntax-only', ...sources], { encoding: 'utf8' });
      assert.equal(result.status, 0, `${config.label}:\n${result.stderr.slice(0, 4000)}`);
    }
  });

  it('rejects a false static assertion in every language mode', (t) => {
    const project = sets[0]!;
    for (const config of COMPILERS.filter((c) => !c.label.includes('aarch64'))) {
      if (!needTool(t, config.compiler)) return;
      for (const [label, line] of [
        ['size', 'HVSPEC_STATIC_ASSERT(sizeof(uint32_t) == 3, "wrong size");'],
        ['alignment', 'HVSPEC_ASSERT_ALIGN(uint64_t, 3);'],
      ] as const) {
        const source = join(unitDir, `false-${label}.${config.language}`);
        writeFileSync(source, `#include "hvspec_common.h"\n${line}\n`);
        const result = spawnSync(config.compiler, [...config.args, `-I${project.dir}`, '-fsyntax-only', source], { encoding: 'utf8' });
        assert.notEqual(result.status, 0, `${config.label} accepted a false ${label} assertion`);
      }
    }
  });

  it("can use Linux's own __le16 types when the includer asks (HVSPEC_USE_LINUX_TYPES)", (t) => {
    const project = sets[0]!;
    for (const config of COMPILERS.filter((c) => c.label === 'gcc -std=c11' || c.label === 'g++ -std=c++17')) {
      if (!needTool(t, config.compiler)) return;
      const source = join(unitDir, `linux-types.${config.language}`);
      writeFileSync(source, [
        '#include <linux/types.h>',
        '#define HVSPEC_USE_LINUX_TYPES 1',
        '#include "virtio-i2c.h"',
        'extern __le16 *address_of_addr(struct virtio_i2c_out_hdr *h);',
        '__le16 *address_of_addr(struct virtio_i2c_out_hdr *h) { return &h->addr; }',
        '',
      ].join('\n'));
      compile(config, source, [`-I${project.dir}`, '-c', '-o', join(unitDir, `linux-types-${config.compiler}.o`)]);
    }
  });

  it('gives the same files for the same model (deterministic output)', async () => {
    const again = await projectHeaderSet();
    assert.deepEqual(again.files, sets[0]!.files);
  });

  it('puts every doc string of the hostile fixture inside comments', (t) => {
    if (!needTool(t, 'gcc')) return;
    const hostile = sets.find((s) => s.label === 'hostile')!;
    const header = join(hostile.dir, 'c-hostile.h');
    const text = readFileSync(header, 'utf8');
    // Not vacuous: the payloads did reach the header (escaped).
    const markers = [...new Set(text.match(/hvspec_injected_\w+/g) ?? [])];
    assert.ok(markers.length >= 20, `expected the hostile doc strings in the header, found ${markers.join(', ')}`);
    // -std=c99 turns trigraphs on; -dD keeps #defines, so an injected one would show.
    const pre = spawnSync('gcc', ['-std=c99', '-E', '-P', '-dD', header], { encoding: 'utf8' });
    assert.equal(pre.status, 0, pre.stderr);
    assert.doesNotMatch(pre.stdout, /injected/i, 'text from a doc string reached the preprocessed header');
  });

  it('writes no control, bidi or line-separator characters, and tags them visibly', () => {
    const hostile = sets.find((s) => s.label === 'hostile')!;
    for (const file of hostile.files) {
      const text = String(file.contents);
      assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\u200E\u200F\u061C\uFEFF]/u, file.path);
      assert.doesNotMatch(text, /\\\n/, `${file.path}: a line ends in a backslash`);
      assert.doesNotMatch(text, /\?\?[=/'()!<>-]/, `${file.path}: a trigraph`);
    }
    const text = String(hostile.files.find((f) => f.path === 'c-hostile.h')!.contents);
    for (const tag of ['[U+202E]', '[U+2066]', '[U+0007]', '[U+001B]', '[U+FEFF]']) assert.ok(text.includes(tag), tag);
  });
});

/**
 * Joins per-set units into one: the includes of all sets first, then the function tables (their
 * names made unique per set).
 */
function mergeUnits(parts: string[]): string {
  const includes: string[] = [];
  const rest: string[] = [];
  parts.forEach((part, index) => {
    for (const line of part.split('\n')) {
      if (line.startsWith('#include')) includes.push(line);
      else if (line.startsWith('typedef void (*hvspec_test_fn)')) {
        if (index === 0) rest.push(line);
      } else rest.push(line.replace(/\bhvspec_test_(common|aarch64|x86_64)\b/g, `hvspec_test_$1_${index}`));
    }
  });
  return [...includes, ...rest].join('\n');
}
