/**
 * A field's `type:` as written: a base name and array suffixes, `u8`, `vring_desc`, `u8[16]`,
 * `le16[VIRTIO_FOO_MAX]`, `u8[]`. Suffixes read as in C: `u8[4][2]` is 4 arrays of 2.
 */
export interface TypeExpression {
  base: string;
  /** Outermost first; a number, a constant name, or null for a flexible array. */
  dims: (number | string | null)[];
  /** The exact decimal value of each numeric dim (a number above 2^53 is rounded), for messages. */
  exactDims: (string | undefined)[];
}

export function parseTypeExpression(text: string): TypeExpression | null {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*((?:\[\s*[A-Za-z0-9_]*\s*\]\s*)*)$/.exec(text);
  if (!m) return null;
  const dims: (number | string | null)[] = [];
  const exactDims: (string | undefined)[] = [];
  for (const d of m[2]!.matchAll(/\[\s*([A-Za-z0-9_]*)\s*\]/g)) {
    const inner = d[1]!;
    const numeric = /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(inner);
    exactDims.push(numeric ? BigInt(inner).toString() : undefined);
    if (inner === '') dims.push(null);
    else if (numeric) dims.push(Number(inner));
    else dims.push(inner);
  }
  return { base: m[1]!, dims, exactDims };
}
