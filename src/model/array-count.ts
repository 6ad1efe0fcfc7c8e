import type { ArrayCount } from './types.ts';

/**
 * A counted array's `count:` as written: an earlier field's name, optionally `+ N`, `- N` or
 * `* N` (`indirection_table_mask + 1` in virtio_net.h). Null when it is not of that form.
 */
export function parseArrayCount(text: string): ArrayCount | null {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:([+*-])\s*(0x[0-9a-fA-F]+|[0-9]+))?\s*$/.exec(text);
  if (!m) return null;
  const field = m[1]!;
  if (m[2] === undefined) return { field, scale: 1, add: 0, text: field };
  const n = Number(m[3]!);
  if (!Number.isSafeInteger(n) || n > 0xffffff) return null;
  if (m[2] === '*') return n < 1 ? null : { field, scale: n, add: 0, text: `${field} * ${n}` };
  return { field, scale: 1, add: m[2] === '+' ? n : -n, text: `${field} ${m[2]} ${n}` };
}
