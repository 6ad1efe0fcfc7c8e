/**
 * src/model/expressions.ts on its own: what the parser refuses and where, how an expression is
 * printed for a C macro, and the C typing rules the evaluator follows (test/c/values.test.ts
 * checks the same rules against gcc).
 *
 * Run: node --import tsx --test test/core/expressions.test.ts
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonCType, evaluateExpression, expressionNames, parseExpression, plainCType, printExpression, sizedCType } from '../../src/model/expressions.ts';

const parse = (text: string) => {
  const result = parseExpression(text);
  assert.ok('expression' in result, `${text} parses`);
  return result.expression;
};

test('errors point at the offending characters', () => {
  const cases: [string, number, number][] = [['(1 << 8', 7, 0], ['1 +', 3, 0], ['1 $ 2', 2, 1], ['010', 0, 3], ['1 2', 2, 1], ['0x1g', 0, 4], ['(((((1)))))', -1, 0]];
  for (const [text, offset, length] of cases) {
    const result = parseExpression(text);
    if (offset < 0) { assert.ok('expression' in result, text); continue; }
    assert.ok('error' in result, `${text} is refused`);
    assert.deepEqual([result.error.offset, result.error.length], [offset, length], text);
  }
  assert.ok('error' in parseExpression(`${'('.repeat(70)}1${')'.repeat(70)}`), 'nesting is limited');
});

test('printing keeps the author\'s text and makes the macro safe', () => {
  assert.equal(printExpression(parse('(1U << SHIFT) - 1')), '((1U << SHIFT) - 1)');
  assert.equal(printExpression(parse('~MASK')), '~MASK');
  assert.equal(printExpression(parse('NAME')), 'NAME');
  assert.equal(printExpression(parse('- -1')), '(- -1)');
  assert.equal(printExpression(parse('a+b*c')), '(a + b * c)');
  assert.deepEqual(expressionNames(parse('A + (B << 2) | ~C')).map((n) => [n.name, n.offset]), [['A', 0], ['B', 5], ['C', 16]]);
});

test('C typing rules (LP64)', () => {
  assert.equal(commonCType('int', 'unsigned int'), 'unsigned int');
  assert.equal(commonCType('long', 'unsigned int'), 'long');
  assert.equal(commonCType('long long', 'unsigned long'), 'unsigned long long');
  assert.equal(plainCType(0x84000000n), 'unsigned int');
  assert.equal(plainCType(-1n), 'int');
  assert.equal(sizedCType('u32', 1n), 'unsigned int');
  assert.equal(sizedCType('u8', 1n), 'int');
  assert.equal(sizedCType('u8', 1n << 40n), 'long long');
  const names = new Map([['MINOR', { value: 0xffffn, type: 'unsigned int' as const }]]);
  const value = evaluateExpression(parse('~MINOR'), (n) => names.get(n));
  assert.deepEqual(value, { value: 0xffff0000n, type: 'unsigned int' });
  const wrapped = evaluateExpression(parse('0U - 1'), () => undefined);
  assert.deepEqual(wrapped, { value: 0xffffffffn, type: 'unsigned int' });
  const big = evaluateExpression(parse('1ULL << 63'), () => undefined);
  assert.deepEqual(big, { value: 9223372036854775808n, type: 'unsigned long long' }, 'exact above 2^53');
  assert.equal(evaluateExpression(parse('UNKNOWN + 1'), () => undefined), undefined);
});
