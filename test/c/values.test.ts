/**
 * Format 2 values in C, proven by the compiler: the values fixture's header gives every constant
 * the value and C type written below by hand (read back with `_Generic`), legacy items vanish
 * under their guard, aliases equal their originals, the accessor macros compute, and the C enum
 * has its tag. The expression evaluator (src/model/expressions.ts) agrees with gcc on C's typing
 * and wrapping rules for a table of expressions.
 *
 * Run: node --import tsx --test test/c/values.test.ts
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { evaluateExpression, parseExpression } from '../../src/model/expressions.ts';
import { fixtureHeaderSet, type HeaderSet } from './fixtures.ts';
import { compile, needTool, run, scratchDir, type CompilerConfig } from './toolchain.ts';

const C11: CompilerConfig[] = [
  { label: 'gcc -std=c11', compiler: 'gcc', args: ['-std=c11', '-w'], language: 'c' },
  { label: 'clang -std=c11', compiler: 'clang', args: ['-std=c11', '-w'], language: 'c' },
];

const TYPE_MACRO = `#define TYPE_OF(x) _Generic((x), int: "int", unsigned int: "unsigned int", long: "long", unsigned long: "unsigned long", \\
  long long: "long long", unsigned long long: "unsigned long long", default: "other")
#define SHOW(x) do { if ((x) < 0) printf("%s %s %lld\\n", #x, TYPE_OF(x), (long long)(x)); \\
  else printf("%s %s %llu\\n", #x, TYPE_OF(x), (unsigned long long)(x)); } while (0)`;

/** What the header must give each name: value and C type, as Linux-style code would see them. */
const EXPECTED: [string, string, string][] = [
  ['VAL_INT', 'int', '4'],
  ['VAL_NEGATIVE', 'int', '-5'],
  ['VAL_BIG_HEX', 'unsigned int', '2214592512'],
  ['VAL_UNSIGNED', 'unsigned int', '4'],
  ['VAL_LONG', 'long', '4'],
  ['VAL_ULONG', 'unsigned long', '1'],
  ['VAL_LLONG', 'long long', '-9223372036854775808'],
  ['VAL_ULLONG', 'unsigned long long', '18446744073709551615'],
  ['VAL_MINOR_MASK', 'unsigned int', '65535'],
  ['VAL_MAJOR_MASK', 'unsigned int', '4294901760'],
  ['VAL_SUM', 'unsigned int', '2214592516'],
  ['VAL_SUM_OLD', 'unsigned int', '2214592516'],
  ['VAL_MIXED', 'int', '258'],
  ['VAL_WIDE', 'unsigned long long', '1099511627776'],
  ['VAL_NEG_EXPR', 'int', '-8'],
  ['VAL_LEGACY', 'int', '7'],
  ['VAL_LEGACY_ALIAS', 'int', '7'],
  ['VALUES_TAGGED_A', 'int', '256'],
  ['VALUES_TAGGED_B', 'int', '257'],
  ['VALUES_TAGGED_B_OLD', 'int', '257'],
  ['VALUES_TAGGED_C', 'int', '64'],
  ['VALUES_TAGGED_D', 'int', '3'],
  ['VALUES_ANON_Y', 'int', '2'],
  ['VALUES_DEF_BIG', 'unsigned int', '4026531840'],
  ['VALUES_DEF_DERIVED', 'unsigned int', '4026531841'],
  ['VALUES_FLAG_LOW', 'unsigned long', '255'],
  ['VALUES_FLAG_MID', 'unsigned long', '3840'],
  ['VALUES_FLAG_MIDDLE', 'unsigned long', '3840'],
  ['VALUES_FLAG_OLD', 'unsigned long', '4096'],
  ['VALUES_FLAG_HIGH', 'unsigned int', '3221225472'],
  ['VALUES_F_NEW', 'int', '28'],
  ['VALUES_F_OLD_NAME', 'int', '28'],
  ['VALUES_LOW(0xABCDu)', 'unsigned long', '205'],
  ['VALUES_MID(0xABCDu)', 'unsigned long', '11'],
  ['VALUES_HIGH(0xC0000000u)', 'unsigned int', '3'],
  ['VALUES_MAKE(3u, 0xAu, 0xBCu)', 'unsigned long', '3221228220'],
];

const LEGACY = ['VAL_LEGACY', 'VAL_LEGACY_ALIAS', 'VALUES_F_LEGACY'];

describe('format 2 values in the generated C', () => {
  let values: HeaderSet;
  let dir = '';
  before(async () => {
    values = await fixtureHeaderSet('values');
    dir = scratchDir('hvspec-c-values-');
  });

  for (const config of C11) {
    test(`every value and C type, as written by hand (${config.label})`, (t) => {
      if (!needTool(t, config.compiler)) return;
      const source = join(dir, `values-${config.compiler}.c`);
      writeFileSync(source, [
        '#include <stdio.h>', `#include "${join(values.dir, 'values.h')}"`, TYPE_MACRO,
        'enum values_tagged tagged = VALUES_TAGGED_B;',
        'int main(void) {', ...EXPECTED.map(([name]) => `  SHOW(${name});`), '  return (int)tagged - 257;', '}', ''].join('\n'));
      const binary = join(dir, `values-${config.compiler}`);
      compile(config, source, ['-o', binary]);
      assert.deepEqual(run(binary).trim().split('\n'), EXPECTED.map(([name, type, value]) => `${name} ${type} ${value}`));
    });
  }

  test('legacy items vanish under their guard, the rest stays', (t) => {
    if (!needTool(t, 'gcc')) return;
    const source = join(dir, 'legacy.c');
    const checks = [
      ...LEGACY.map((name) => `#ifdef ${name}\n#error ${name} is legacy and must be hidden\n#endif`),
      '#if VAL_INT != 4 || VALUES_F_NEW != 28\n#error non-legacy values must stay\n#endif',
      'enum { CHECK_ENUMERATOR = VALUES_TAGGED_A };',
      // VALUES_FLAG_OLD has its block's own guard, so VALUES_NO_LEGACY leaves it.
      '#ifndef VALUES_FLAG_OLD\n#error the flags block has its own guard\n#endif',
      'int legacy_enumerator_hidden(void);',
    ];
    writeFileSync(source, [`#define VALUES_NO_LEGACY`, `#include "${join(values.dir, 'values.h')}"`, ...checks, ''].join('\n'));
    compile({ label: 'gcc', compiler: 'gcc', args: ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic'], language: 'c' }, source, ['-fsyntax-only']);
    const enumerator = join(dir, 'legacy-enum.c');
    writeFileSync(enumerator, `#define VALUES_NO_LEGACY\n#include "${join(values.dir, 'values.h')}"\nint x = VALUES_TAGGED_LEGACY;\n`);
    assert.throws(() => compile({ label: 'gcc', compiler: 'gcc', args: ['-std=c99'], language: 'c' }, enumerator, ['-fsyntax-only']), /VALUES_TAGGED_LEGACY/);
  });

  test('the model carries expression, value and C type', () => {
    const constants = values.model.specs[0]!.constants[0]!.constants;
    const major = constants.find((c) => c.name === 'VAL_MAJOR_MASK')!;
    assert.deepEqual([major.expression, major.value, major.cType], ['~VAL_MINOR_MASK', '4294901760', 'unsigned int']);
    const sum = constants.find((c) => c.name === 'VAL_SUM')!;
    assert.deepEqual([sum.expression, sum.aliases, sum.cType], ['(VAL_BIG_HEX + VAL_INT)', ['VAL_SUM_OLD'], 'unsigned int']);
    assert.equal(constants.find((c) => c.name === 'VAL_LEGACY')!.legacy, 'VALUES_NO_LEGACY');
  });
});

/** Expressions whose value and type C's rules decide in ways a naive evaluator gets wrong. */
const EXPRESSIONS = [
  '1 << 8 | 2', '~0', '~0U', '~0UL', '-1 + 0U', '-1 + 0UL', '-1 + 0ULL', '-1L + 0U', '-1LL + 0UL', '0xFFFFFFFF', '4294967295', '2147483648',
  '0x7FFFFFFF + 0', '0x80000000 >> 31', '(1U << 31) >> 31', '1U - 2', '0U - 1 >> 1', '1ULL << 63', '0x8000000000000000', '9223372036854775807',
  '0xFFFFFFFFFFFFFFFF', '5 - 3 - 1', '2 * 3 + 4', '2 + 3 * 4', '1 | 2 ^ 3 & 4', '(1 | 2) ^ (3 & 4)', '-(-2147483647)', '~-1', '100 >> 2 << 1',
  '0x10L | 0x1U', '-8 >> 1', '1LL * 0x100000000', '3U * 0xFFFFFFFF', '0x1p', '1 << -1', '0x7FFFFFFF + 1', '- -1',
];

describe('the expression evaluator agrees with gcc', () => {
  test('value and C type of each expression (LP64)', (t) => {
    if (!needTool(t, 'gcc')) return;
    const ours = EXPRESSIONS.map((text) => {
      const parsed = parseExpression(text);
      if ('error' in parsed) return `${text} invalid`;
      const result = evaluateExpression(parsed.expression, () => undefined);
      if (!result) return `${text} invalid`;
      if ('error' in result) return `${text} ${result.code}`;
      return `${text} ${result.type} ${result.value}`;
    });
    // gcc's answers: the program prints every expression the evaluator accepts; those it refuses
    // must be errors or undefined behaviour, which gcc diagnoses with -Werror=overflow/-Wshift-*.
    const accepted = EXPRESSIONS.filter((_, i) => !/ (invalid|HV41\d\d)$/.test(ours[i]!));
    const dir = scratchDir('hvspec-expr-');
    const source = join(dir, 'expr.c');
    writeFileSync(source, ['#include <stdio.h>', TYPE_MACRO, 'int main(void) {', ...accepted.map((e) => `  SHOW(${e});`), '  return 0;', '}', ''].join('\n'));
    compile({ label: 'gcc', compiler: 'gcc', args: ['-std=c11', '-w'], language: 'c' }, source, ['-o', join(dir, 'expr')]);
    const gcc = run(join(dir, 'expr')).trim().split('\n');
    assert.deepEqual(ours.filter((line) => !/ (invalid|HV41\d\d)$/.test(line)), gcc);
    assert.deepEqual(ours.filter((line) => / (invalid|HV41\d\d)$/.test(line)), ['0x1p invalid', '1 << -1 HV4124', '0x7FFFFFFF + 1 HV4123']);
    for (const refused of ['1 << -1', '0x7FFFFFFF + 1']) {
      const bad = join(dir, 'bad.c');
      writeFileSync(bad, `int x = ${refused};\n`);
      assert.throws(() => compile({ label: 'gcc', compiler: 'gcc', args: ['-std=c11', '-pedantic-errors', '-Werror'], language: 'c' }, bad, ['-fsyntax-only']), /error/, `gcc also refuses ${refused}`);
    }
  });
});
