/**
 * Derived values (format 2): integer expressions over literals and constant names, evaluated
 * exactly as a C compiler on an LP64 ABI (aarch64, x86-64 Linux) evaluates the macro, so the
 * model's value and C type are the ones `#define X (expression)` has in the generated header.
 *
 * Three steps: `parseExpression` (text → tree, or the offset where it goes wrong),
 * `evaluateExpression` (tree → value and C type; names are looked up by the caller, which also
 * detects cycles) and `printExpression` (tree → the C text the header prints).
 */
import type { CTypeName, PrimitiveName } from './types.ts';

// -------------------------------------------------------------------------------------------------
// C integer types (LP64)

interface CTypeInfo { bits: 32 | 64; signed: boolean; rank: 1 | 2 | 3 }

const C_TYPES: Record<CTypeName, CTypeInfo> = {
  int: { bits: 32, signed: true, rank: 1 },
  'unsigned int': { bits: 32, signed: false, rank: 1 },
  long: { bits: 64, signed: true, rank: 2 },
  'unsigned long': { bits: 64, signed: false, rank: 2 },
  'long long': { bits: 64, signed: true, rank: 3 },
  'unsigned long long': { bits: 64, signed: false, rank: 3 },
};

const UNSIGNED_OF: Record<CTypeName, CTypeName> = {
  int: 'unsigned int', 'unsigned int': 'unsigned int', long: 'unsigned long', 'unsigned long': 'unsigned long',
  'long long': 'unsigned long long', 'unsigned long long': 'unsigned long long',
};

/** Smallest and largest value of a C type. */
export function cTypeRange(type: CTypeName): { min: bigint; max: bigint } {
  const { bits, signed } = C_TYPES[type];
  return signed ? { min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n } : { min: 0n, max: (1n << BigInt(bits)) - 1n };
}

export function fitsCType(value: bigint, type: CTypeName): boolean {
  const { min, max } = cTypeRange(type);
  return value >= min && value <= max;
}

const PLAIN_ORDER: CTypeName[] = ['int', 'unsigned int', 'long long', 'unsigned long long'];

/**
 * `c_literals: plain`: the first of int, unsigned int, long long, unsigned long long holding the
 * value (a plain hex literal's type for 32-bit values, as Linux writes `0x84000000`).
 */
export function plainCType(value: bigint): CTypeName | undefined {
  return PLAIN_ORDER.find((t) => fitsCType(value, t));
}

const SIZED: Partial<Record<PrimitiveName, CTypeName>> = {
  u8: 'int', u16: 'int', le16: 'int', be16: 'int', i8: 'int', i16: 'int', i32: 'int',
  u32: 'unsigned int', le32: 'unsigned int', be32: 'unsigned int',
  i64: 'long long', u64: 'unsigned long long', le64: 'unsigned long long', be64: 'unsigned long long',
};

/**
 * `c_literals: sized` (the default, hvspec's C before format 2): the storage type decides; a value
 * outside it (or no storage type) falls back to the plain rule.
 */
export function sizedCType(storage: PrimitiveName | undefined, value: bigint): CTypeName | undefined {
  const wanted = storage ? SIZED[storage] : undefined;
  if (wanted && fitsCType(value, wanted)) return wanted;
  return plainCType(value);
}

/** C's usual arithmetic conversions (C11 6.3.1.8) between two promoted operand types, LP64. */
export function commonCType(a: CTypeName, b: CTypeName): CTypeName {
  if (a === b) return a;
  const x = C_TYPES[a];
  const y = C_TYPES[b];
  if (x.signed === y.signed) return x.rank >= y.rank ? a : b;
  const [u, s] = x.signed ? [b, a] : [a, b];
  if (C_TYPES[u].rank >= C_TYPES[s].rank) return u;
  if (C_TYPES[s].bits > C_TYPES[u].bits) return s;
  return UNSIGNED_OF[s];
}

/** The value converted to `type` as C converts integers (modulo 2^N into unsigned types). */
function convert(value: bigint, type: CTypeName): bigint {
  const { bits, signed } = C_TYPES[type];
  return signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}

// -------------------------------------------------------------------------------------------------
// Parsing

export type Expression =
  | { kind: 'literal'; text: string; value: bigint; type: CTypeName; offset: number }
  | { kind: 'name'; name: string; offset: number }
  | { kind: 'unary'; op: '~' | '-' | '+'; operand: Expression; offset: number }
  | { kind: 'binary'; op: BinaryOp; left: Expression; right: Expression; offset: number }
  | { kind: 'group'; inner: Expression; offset: number };

type BinaryOp = '*' | '+' | '-' | '<<' | '>>' | '&' | '^' | '|';

/** C precedence, higher binds tighter. */
const PRECEDENCE: Record<BinaryOp, number> = { '*': 5, '+': 4, '-': 4, '<<': 3, '>>': 3, '&': 2, '^': 1, '|': 0 };

export interface ExpressionError {
  /** 0-based offset into the text where the problem is. */
  offset: number;
  /** Length of the offending part (at least 1, or 0 at the end of the text). */
  length: number;
  message: string;
}

type Token = { text: string; offset: number };

const TOKEN = /\s+|(0[xX][0-9A-Fa-f]+|[0-9]+)([uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?(?![A-Za-z0-9_])|([A-Za-z_][A-Za-z0-9_]*)|(<<|>>|[-+~*&|^()])/y;

/** Text → tree, or the first error with its offset. Nesting is limited (64 levels) like YAML's. */
export function parseExpression(text: string): { expression: Expression } | { error: ExpressionError } {
  const tokens: Token[] = [];
  for (let at = 0; at < text.length; ) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const rest = /^[0-9A-Za-z_]+/.exec(text.slice(at))?.[0] ?? text[at]!;
      const what = /^[0-9]/.test(rest) ? `the number ${JSON.stringify(rest)} is not a C integer literal` : `${JSON.stringify(rest)} is not allowed here`;
      return { error: { offset: at, length: rest.length, message: what } };
    }
    if (m[1] !== undefined || m[3] !== undefined || m[4] !== undefined) tokens.push({ text: m[0], offset: at });
    at = TOKEN.lastIndex;
  }
  let pos = 0;
  let depth = 0;
  const fail = (message: string, token = tokens[pos]): { error: ExpressionError } =>
    ({ error: { offset: token?.offset ?? text.length, length: token?.text.length ?? 0, message } });

  type Result = { expression: Expression } | { error: ExpressionError };
  const primary = (): Result => {
    const token = tokens[pos];
    if (!token) return fail('the expression ends where a value is expected');
    if (++depth > 64) return fail('the expression is nested more than 64 levels deep');
    try {
      if (token.text === '(') {
        pos++;
        const inner = binary(0);
        if ('error' in inner) return inner;
        if (tokens[pos]?.text !== ')') return fail(tokens[pos] ? `expected ")" but found ${JSON.stringify(tokens[pos]!.text)}` : 'a "(" is not closed');
        pos++;
        return { expression: { kind: 'group', inner: inner.expression, offset: token.offset } };
      }
      if (token.text === '~' || token.text === '-' || token.text === '+') {
        pos++;
        const operand = primary();
        if ('error' in operand) return operand;
        return { expression: { kind: 'unary', op: token.text, operand: operand.expression, offset: token.offset } };
      }
      if (/^[A-Za-z_]/.test(token.text)) {
        pos++;
        return { expression: { kind: 'name', name: token.text, offset: token.offset } };
      }
      if (/^[0-9]/.test(token.text)) {
        const literal = parseLiteral(token.text);
        if ('error' in literal) return fail(literal.error, token);
        pos++;
        return { expression: { kind: 'literal', text: token.text, value: literal.value, type: literal.type, offset: token.offset } };
      }
      return fail(`expected a value but found ${JSON.stringify(token.text)}`);
    } finally {
      depth--;
    }
  };
  const binary = (minPrecedence: number): Result => {
    const first = primary();
    if ('error' in first) return first;
    let left = first.expression;
    for (;;) {
      const op = tokens[pos]?.text as BinaryOp | undefined;
      if (op === undefined || !(op in PRECEDENCE) || PRECEDENCE[op] < minPrecedence) return { expression: left };
      const at = tokens[pos]!.offset;
      pos++;
      const right = binary(PRECEDENCE[op] + 1);
      if ('error' in right) return right;
      left = { kind: 'binary', op, left, right: right.expression, offset: at };
    }
  };
  const result = binary(0);
  if ('error' in result) return result;
  if (pos < tokens.length) return fail(`unexpected ${JSON.stringify(tokens[pos]!.text)}`);
  return result;
}

/** A C integer literal's value and type (C11 6.4.4.1, LP64). Octal (`017`) is refused: it reads as decimal. */
function parseLiteral(text: string): { value: bigint; type: CTypeName } | { error: string } {
  const m = /^(0[xX][0-9A-Fa-f]+|[0-9]+)(.*)$/.exec(text)!;
  const digits = m[1]!;
  const suffix = m[2]!.toLowerCase();
  if (/^0[0-9]/.test(digits)) return { error: `${JSON.stringify(text)} would be octal in C; write it in decimal or hex` };
  const value = BigInt(digits);
  const decimal = !/^0x/i.test(digits);
  const unsigned = suffix.includes('u');
  const longs = suffix.replace('u', '');
  let candidates: CTypeName[];
  if (longs === 'll') candidates = unsigned ? ['unsigned long long'] : decimal ? ['long long'] : ['long long', 'unsigned long long'];
  else if (longs === 'l') candidates = unsigned ? ['unsigned long', 'unsigned long long'] : decimal ? ['long', 'long long'] : ['long', 'unsigned long', 'long long', 'unsigned long long'];
  else if (unsigned) candidates = ['unsigned int', 'unsigned long', 'unsigned long long'];
  else candidates = decimal ? ['int', 'long', 'long long'] : ['int', 'unsigned int', 'long', 'unsigned long', 'long long', 'unsigned long long'];
  const type = candidates.find((t) => fitsCType(value, t));
  if (!type) return { error: `${JSON.stringify(text)} does not fit any C integer type` };
  return { value, type };
}

/** Every name the expression uses, with its offset, in order. */
export function expressionNames(expression: Expression): { name: string; offset: number }[] {
  switch (expression.kind) {
    case 'literal': return [];
    case 'name': return [{ name: expression.name, offset: expression.offset }];
    case 'unary': return expressionNames(expression.operand);
    case 'group': return expressionNames(expression.inner);
    case 'binary': return [...expressionNames(expression.left), ...expressionNames(expression.right)];
  }
}

// -------------------------------------------------------------------------------------------------
// Evaluation

export interface TypedValue { value: bigint; type: CTypeName }

/**
 * The value and C type of an expression. `lookup` gives a name's value (or undefined when it has
 * none: the caller has reported why). Returns an error with its offset for what C leaves
 * undefined: signed overflow, shifts by a negative count or by the width or more, left shifts of
 * negative values. `code` says which diagnostic applies (HV4123 range, HV4124 shift).
 */
export function evaluateExpression(expression: Expression, lookup: (name: string, offset: number) => TypedValue | undefined):
  TypedValue | { error: ExpressionError; code: 'HV4123' | 'HV4124' } | undefined {
  type Out = TypedValue | { error: ExpressionError; code: 'HV4123' | 'HV4124' } | undefined;
  const overflow = (e: Expression, type: CTypeName, value: bigint): Out =>
    ({ code: 'HV4123', error: { offset: e.offset, length: 1, message: `the result ${value} overflows ${type}` } });
  const walk = (e: Expression): Out => {
    switch (e.kind) {
      case 'literal': return { value: e.value, type: e.type };
      case 'name': return lookup(e.name, e.offset);
      case 'group': return walk(e.inner);
      case 'unary': {
        const operand = walk(e.operand);
        if (!operand || 'error' in operand) return operand;
        const { type } = operand;
        const raw = e.op === '~' ? ~operand.value : e.op === '-' ? -operand.value : operand.value;
        if (C_TYPES[type].signed && !fitsCType(raw, type)) return overflow(e, type, raw);
        return { value: convert(raw, type), type };
      }
      case 'binary': {
        const left = walk(e.left);
        if (!left || 'error' in left) return left;
        const right = walk(e.right);
        if (!right || 'error' in right) return right;
        if (e.op === '<<' || e.op === '>>') {
          const { type } = left;
          const bits = C_TYPES[type].bits;
          if (right.value < 0n || right.value >= BigInt(bits)) {
            return { code: 'HV4124', error: { offset: e.offset, length: 2, message: `a shift by ${right.value} is not defined for ${type} (${bits} bits): the count must be 0 to ${bits - 1}` } };
          }
          if (e.op === '>>') return { value: left.value >> right.value, type };
          if (C_TYPES[type].signed) {
            if (left.value < 0n) return { code: 'HV4124', error: { offset: e.offset, length: 2, message: `shifting the negative value ${left.value} left is not defined in C` } };
            const raw = left.value << right.value;
            return fitsCType(raw, type) ? { value: raw, type } : overflow(e, type, raw);
          }
          return { value: convert(left.value << right.value, type), type };
        }
        const type = commonCType(left.type, right.type);
        const a = convert(left.value, type);
        const b = convert(right.value, type);
        const raw = e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '&' ? a & b : e.op === '|' ? a | b : a ^ b;
        if (C_TYPES[type].signed && !fitsCType(raw, type)) return overflow(e, type, raw);
        return { value: convert(raw, type), type };
      }
    }
  };
  return walk(expression);
}

// -------------------------------------------------------------------------------------------------
// Printing

/**
 * The C text of an expression, as the header's macro body: the author's literals and parentheses,
 * spaces around binary operators, and outer parentheses when the top is a binary operator or a
 * sign (so the macro expands safely anywhere, as Linux's `(PSCI_0_2_FN_BASE + PSCI_0_2_64BIT)`).
 */
export function printExpression(expression: Expression): string {
  const text = print(expression);
  const top = expression.kind === 'binary' || (expression.kind === 'unary' && expression.op !== '~');
  return top ? `(${text})` : text;
}

function print(e: Expression): string {
  switch (e.kind) {
    case 'literal': return e.text;
    case 'name': return e.name;
    case 'group': return `(${print(e.inner)})`;
    case 'unary': {
      const operand = print(e.operand);
      // `- -1` must not print as `--1`, which C reads as a decrement.
      return `${e.op}${e.op !== '~' && operand.startsWith(e.op) ? ' ' : ''}${operand}`;
    }
    case 'binary': {
      // The tree follows C precedence, so the author's text needs no parentheses beyond the written ones.
      return `${print(e.left)} ${e.op} ${print(e.right)}`;
    }
  }
}
