/**
 * Register maps in C, against the text of the Linux headers: every offset (and interrupt bit)
 * `#define` that linux/virtio_mmio.h or linux/virtio_pci.h writes for a register of the corpus
 * appears in the generated header with the same literal, character for character (`0x00c`,
 * `(1 << 0)`, `12`), and inside the same `#ifndef …_NO_LEGACY` guard. Plus the literal helpers.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cBitMask, cOffsetLiteral } from '../../generators/c/registers.ts';
import { headersOf, projectModel } from './corpus.ts';

/** `NAME → { literal, guard }` for the object-like defines of a header, with the #ifndef they sit in. */
function defines(text: string): Map<string, { literal: string; guard: string | null }> {
  const out = new Map<string, { literal: string; guard: string | null }>();
  const guards: (string | null)[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\*.*?\*\//g, '').trim();
    let m: RegExpExecArray | null;
    if ((m = /^#\s*ifndef\s+(\w+)/.exec(line))) guards.push(m[1]!);
    else if (/^#\s*if/.test(line)) guards.push(null);
    else if (/^#\s*endif/.test(line)) guards.pop();
    else if ((m = /^#\s*define\s+(\w+)\s+(.+)$/.exec(line))) {
      const guard = [...guards].reverse().find((g) => g !== null && /NO_LEGACY$/.test(g)) ?? null;
      out.set(m[1]!, { literal: m[2]!.replace(/\s+/g, ' ').trim(), guard });
    }
  }
  return out;
}

describe('C register defines, as Linux writes them', () => {
  for (const [header, generated] of [['virtio_mmio.h', 'virtio-mmio.h'], ['virtio_pci.h', 'virtio-pci.h']] as const) {
    it(`linux/${header}: same literal and legacy guard for every register and register bit`, async (t) => {
      const path = `/usr/include/linux/${header}`;
      if (!existsSync(path)) return t.skip(`no ${path}`);
      const model = await projectModel();
      const names = new Set<string>();
      for (const spec of model.specs) for (const map of spec.registers ?? []) for (const r of map.registers) { names.add(r.name); for (const b of r.bitfields) names.add(b.name); }
      const linux = defines(readFileSync(path, 'utf8'));
      const ours = defines(headersOf(model).find((f) => f.path === generated)!.contents as string);
      const compared = [...linux.keys()].filter((n) => names.has(n));
      assert.ok(compared.length >= 30, `registers compared: ${compared.length}`);
      for (const name of compared) {
        assert.deepEqual(ours.get(name), linux.get(name), name);
      }
    });
  }

  it('offset literals: hex padded to the digits asked for, or decimal', () => {
    assert.equal(cOffsetLiteral(0, { radix: 16, digits: 3 }), '0x000');
    assert.equal(cOffsetLiteral(0xfc, { radix: 16, digits: 3 }), '0x0fc');
    assert.equal(cOffsetLiteral(0x1000, { radix: 16, digits: 3 }), '0x1000');
    assert.equal(cOffsetLiteral(21, { radix: 10, digits: 1 }), '21');
  });

  it('bit masks never overflow int', () => {
    assert.equal(cBitMask(0, 1), '(1 << 0)');
    assert.equal(cBitMask(4, 2), '(0x3 << 4)');
    assert.equal(cBitMask(31, 1), '(1U << 31)');
    assert.equal(cBitMask(30, 2), '(0x3U << 30)');
    assert.equal(cBitMask(40, 1), '(1ULL << 40)');
  });
});
