import type { Primitive, PrimitiveName } from './types.ts';

const SIZES: Record<string, number> = { '8': 1, '16': 2, '32': 4, '64': 8 };

/** `le32` → { size 4, little-endian, unsigned }; null for a name that is not a primitive. */
export function primitive(name: string): Primitive | null {
  // `char`: one byte of text (fixed-size strings), stored like u8.
  if (name === 'char') return { kind: 'primitive', name: 'char', size: 1, align: 1, signed: false, endian: 'native' };
  const m = /^(u|i|le|be)(8|16|32|64)$/.exec(name);
  if (!m || ((m[1] === 'le' || m[1] === 'be') && m[2] === '8')) return null;
  const size = SIZES[m[2]!]!;
  return {
    kind: 'primitive', name: name as PrimitiveName, size, align: size,
    signed: m[1] === 'i', endian: m[1] === 'le' ? 'little' : m[1] === 'be' ? 'big' : 'native',
  };
}

/** Smallest and largest value a primitive holds. */
export function rangeOf(p: Primitive): { min: bigint; max: bigint } {
  const bits = BigInt(p.size * 8);
  return p.signed ? { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n } : { min: 0n, max: (1n << bits) - 1n };
}
