import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { alignUp, layoutAggregate, measure, type Measure } from '../../src/model/layout.ts';
import { primitive } from '../../src/model/primitives.ts';
import type { TypeRef } from '../../src/model/types.ts';

/*
 * The layout engine against the real compiler: random structs and unions (scalars of every width,
 * arrays, nesting, packed, explicit alignment, trailing flexible arrays) are laid out by
 * layoutAggregate and by gcc, and every size, alignment and offset must agree.
 */

const C_TYPE: Record<string, string> = {
  u8: 'uint8_t', u16: 'uint16_t', u32: 'uint32_t', u64: 'uint64_t', i8: 'int8_t', i16: 'int16_t', i32: 'int32_t', i64: 'int64_t',
  le16: 'uint16_t', le32: 'uint32_t', le64: 'uint64_t', be16: 'uint16_t', be32: 'uint32_t', be64: 'uint64_t',
};
const PRIMITIVES = Object.keys(C_TYPE);

interface Aggregate {
  name: string;
  kind: 'struct' | 'union';
  packed: boolean;
  align: number | undefined;
  fields: { name: string; type: TypeRef; c: string }[];
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function makeAggregates(count: number): Aggregate[] {
  const rnd = random(20261125);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: Aggregate[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd() < 0.15 ? 'union' : 'struct';
    const fields: Aggregate['fields'] = [];
    const n = 1 + Math.floor(rnd() * 6);
    for (let f = 0; f < n; f++) {
      let type: TypeRef;
      let c: string;
      const earlier = out.filter((a) => !a.fields.some((x) => x.type.kind === 'array' && x.type.length === null));
      if (earlier.length > 0 && rnd() < 0.25) {
        const inner = pick(earlier);
        type = { kind: inner.kind, name: inner.name, spec: 't' };
        c = `${inner.kind} ${inner.name} f${f}`;
      } else {
        const p = pick(PRIMITIVES);
        type = primitive(p)!;
        c = `${C_TYPE[p]} f${f}`;
      }
      const last = f === n - 1;
      if (rnd() < 0.2) {
        const len = 1 + Math.floor(rnd() * 5);
        c += `[${len}]`;
        type = { kind: 'array', element: type, length: len };
      } else if (last && kind === 'struct' && f > 0 && type.kind === 'primitive' && rnd() < 0.3) {
        c += '[]';
        type = { kind: 'array', element: type, length: null };
      }
      fields.push({ name: `f${f}`, type, c });
    }
    const packed = rnd() < 0.2;
    const align = rnd() < 0.15 ? pick([2, 4, 8, 16, 32]) : undefined;
    out.push({ name: `s${i}`, kind, packed, align, fields });
  }
  return out;
}

test('layoutAggregate agrees with gcc on 300 random structs and unions', { skip: !hasGcc() && process.env.CI !== 'true' ? 'gcc not installed' : false }, () => {
  const aggregates = makeAggregates(300);
  const measures = new Map<string, Measure>();
  const expected: string[] = [];
  const c: string[] = ['#include <stdint.h>', '#include <stddef.h>', '#include <stdio.h>'];
  const probe: string[] = [];
  for (const a of aggregates) {
    const members = a.fields.map((f) => measure(f.type, (name) => measures.get(name)!));
    const layout = layoutAggregate(a.kind, members, a.packed, a.align);
    measures.set(a.name, { size: layout.size, align: layout.align });
    const attrs = [a.packed ? 'packed' : '', a.align ? `aligned(${a.align})` : ''].filter(Boolean);
    c.push(`${a.kind} ${a.name} { ${a.fields.map((f) => `${f.c};`).join(' ')} }${attrs.length ? ` __attribute__((${attrs.join(', ')}))` : ''};`);
    probe.push(`printf("${a.name} %zu %zu\\n", sizeof(${a.kind} ${a.name}), _Alignof(${a.kind} ${a.name}));`);
    expected.push(`${a.name} ${layout.size} ${layout.align}`);
    a.fields.forEach((f, i) => {
      probe.push(`printf("${a.name}.${f.name} %zu\\n", offsetof(${a.kind} ${a.name}, ${f.name}));`);
      expected.push(`${a.name}.${f.name} ${layout.members[i]!.offset}`);
    });
  }
  c.push('int main(void) {', ...probe, 'return 0; }');
  const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-layout-'));
  writeFileSync(path.join(dir, 'probe.c'), c.join('\n'));
  execFileSync('gcc', ['-std=gnu11', '-w', '-o', path.join(dir, 'probe'), path.join(dir, 'probe.c')]);
  const actual = execFileSync(path.join(dir, 'probe'), { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(actual, expected);
});

test('alignUp and known layouts from the virtio ring (VIRTIO 1.3 §2.7)', () => {
  assert.equal(alignUp(5, 4), 8);
  const le = (n: string): Measure => { const p = primitive(n)!; return { size: p.size, align: p.align }; };
  // struct vring_desc { le64 addr; le32 len; le16 flags; le16 next; } = 16 bytes
  assert.deepEqual(layoutAggregate('struct', [le('le64'), le('le32'), le('le16'), le('le16')], false, undefined).size, 16);
  // struct vring_used_elem { le32 id; le32 len; } = 8; struct vring_used { le16 flags; le16 idx; elem ring[]; } = 4, ring at 4
  const used = layoutAggregate('struct', [le('le16'), le('le16'), { size: 0, align: 4 }], false, undefined);
  assert.deepEqual([used.size, used.align, used.members[2]!.offset], [4, 4, 4]);
});

function hasGcc(): boolean {
  return spawnSync('gcc', ['--version']).status === 0;
}
