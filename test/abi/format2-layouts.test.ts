/**
 * Format 2 struct layouts against Linux: the fixture standard test/fixtures/format2-structs
 * writes Linux structs that need anonymous and inline members, counted arrays, `char` and
 * multi-dimensional arrays and a C++ keyword field; every size, offset and member size (through
 * the anonymous members) must be what gcc computes from /usr/include/linux, and the generated
 * header must compile as C99, C11 and C++ with gcc and clang under -pedantic -Werror.
 *
 * Run: node --import tsx --test test/abi/format2-layouts.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateC } from '../../generators/c/index.ts';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';
import { COMPILERS, compile, needTool, run, writeFiles } from '../c/toolchain.ts';
import { generateInto, loadModule, scratch } from '../ts/support.ts';
import { buildLibrary, needTool as needRustTool, runRustTests, writeCrate } from '../rust/support.ts';
import { compareFacts, modelFacts, probeHeaders, scanHeader } from './header-probe.ts';

const ROOT = fileURLToPath(new URL('../fixtures/format2-structs', import.meta.url));
const LINUX = '/usr/include/linux';

/** The structs the fixture proves, and the Linux header declaring each. */
const PROVED: Record<string, string> = {
  virtio_net_hdr_v1: 'virtio_net.h',
  virtio_net_rss_config: 'virtio_net.h',
  virtio_net_ctrl_hdr: 'virtio_net.h',
  virtio_net_ctrl_mac: 'virtio_net.h',
  virtio_balloon_config: 'virtio_balloon.h',
  virtio_gpu_ctrl_hdr: 'virtio_gpu.h',
  virtio_gpu_ctx_create: 'virtio_gpu.h',
  virtio_blk_outhdr: 'virtio_blk.h',
};

async function fixtureModel(): Promise<Model> {
  const result = await compileCorpus(ROOT, { cache: false });
  const problems = result.diagnostics.map((d) => `${d.file}:${d.range?.start.line ?? 0} ${d.code} ${d.message}`);
  assert.deepEqual(problems, [], 'the fixture standard has diagnostics');
  return result.model!;
}

describe('format 2 struct layouts', () => {
  test('sizes, offsets and member sizes match the Linux headers, through anonymous members', async (t) => {
    if (!needTool(t, 'gcc')) return;
    if (!existsSync(join(LINUX, 'virtio_net.h'))) return t.skip(`${LINUX}/virtio_net.h not found`);
    const headers = [...new Set(Object.values(PROVED))];
    const scanned = headers.flatMap((h) => scanHeader(join(LINUX, h), { enumerators: false }).structs).filter((s) => s.name in PROVED);
    assert.deepEqual(scanned.map((s) => s.name).sort(), Object.keys(PROVED).sort(), 'every proved struct is in the Linux headers');
    const reference = probeHeaders(headers.map((h) => `linux/${h}`), { constants: [], structs: scanned });
    // The anonymous members' fields are the ones that need format 2: make sure the probe saw them.
    assert.equal(reference.structs.get('virtio_net_hdr_v1')?.fields.get('csum_offset')?.offset, 8);
    assert.equal(reference.structs.get('virtio_balloon_config')?.fields.get('free_page_report_cmd_id')?.offset, 8);
    const ours = modelFacts(await fixtureModel());
    const differences = compareFacts(reference, ours, new Map());
    assert.deepEqual([...differences.missing, ...differences.mismatched], []);
  });

  test('the model carries counts, anonymous members and the fields that move with a count', async () => {
    const spec = (await fixtureModel()).specs[0]!;
    const rss = spec.structs.find((s) => s.name === 'virtio_net_rss_config')!;
    const table = rss.fields.find((f) => f.name === 'indirection_table')!;
    assert.deepEqual(table.count, { field: 'indirection_table_mask', scale: 1, add: 1, text: 'indirection_table_mask + 1' });
    assert.deepEqual(rss.fields.filter((f) => f.afterCounted).map((f) => f.name), ['max_tx_vq', 'hash_key_length', 'hash_key_data']);
    const hdr = spec.structs.find((s) => s.name === 'virtio_net_hdr_v1')!;
    const union = hdr.fields[4]!;
    assert.equal(union.anonymous, true);
    assert.equal(union.name, '');
    assert.equal(union.type.kind === 'inline' && union.type.aggregate, 'union');
    const rsc = spec.examples.find((e) => e.name === 'net-hdr-rsc');
    assert.ok(rsc && rsc.kind === 'struct');
    assert.deepEqual(rsc.leaves.map((l) => `${l.path}@${l.offset}`), ['flags@0', 'gso_type@1', 'hdr_len@2', 'gso_size@4', 'rsc.segments@6', 'rsc.dup_acks@8', 'num_buffers@10']);
    // A part may follow a variable-length one (data, then the status byte).
    const read = spec.devices[0]!.requests.find((r) => r.name === 'read')!;
    assert.deepEqual(read.response.map((t) => (t.kind === 'array' ? `${t.length}` : t.kind)), ['null', 'primitive']);
  });

  for (const config of COMPILERS.filter((c) => !c.compiler.startsWith('aarch64'))) {
    test(`the generated header compiles with ${config.label}, and code written for Linux's names uses it`, async (t) => {
      if (!needTool(t, config.compiler)) return;
      const dir = writeFiles(generateC(await fixtureModel(), () => {}));
      const cpp = config.language === 'cpp';
      const source = join(dir, `use.${config.language}`);
      writeFileSync(source, [
        '#include "linux-layouts.h"',
        'int use(struct virtio_net_hdr_v1 *h, struct virtio_balloon_config *b, struct virtio_net_ctrl_hdr *c, struct virtio_gpu_ctx_create *g);',
        'int use(struct virtio_net_hdr_v1 *h, struct virtio_balloon_config *b, struct virtio_net_ctrl_hdr *c, struct virtio_gpu_ctx_create *g)',
        '{',
        '\th->csum_start = 1;',
        '\th->csum.offset = 2;',
        '\th->rsc.dup_acks = 3;',
        '\tb->free_page_report_cmd_id = b->free_page_hint_cmd_id;',
        cpp ? '\tc->class_ = 1;' : '\tc->class = 1;',
        '\tg->debug_name[0] = \'x\';',
        '\treturn h->csum.start + (int)sizeof(struct virtio_net_rss_config);',
        '}',
        '',
      ].join('\n'));
      compile(config, source, ['-c', '-o', join(dir, 'use.o'), '-I', dir]);
    });
  }

  test('Rust: inline members are named types, and each view decodes the same bytes', async (t) => {
    const rustc = needRustTool(t, 'rustc');
    if (!rustc) return;
    const crate = writeCrate(await fixtureModel());
    assert.deepEqual(crate.warnings, []);
    const rlib = buildLibrary(rustc, crate);
    const out = runRustTests(rustc, crate, rlib, 'views', `
use hvspec_bindings::linux_layouts::*;

#[test]
fn views_of_one_union() {
    // The net-hdr-rsc example's bytes.
    let bytes = [4u8, 0, 0, 0, 0, 0, 3, 0, 1, 0, 1, 0];
    let h = VirtioNetHdrV1::from_bytes(&bytes).unwrap();
    assert_eq!(core::mem::size_of::<VirtioNetHdrV1>(), 12);
    assert_eq!(core::mem::offset_of!(VirtioNetHdrV1, anon1), 6);
    assert_eq!(h.anon1.rsc().segments.get(), 3);
    assert_eq!(h.anon1.rsc().dup_acks.get(), 1);
    assert_eq!(h.anon1.anon1().csum_start.get(), 3);
    assert_eq!(h.anon1.csum().offset.get(), 1);
    assert_eq!(h.num_buffers.get(), 1);
    let mut out = [0u8; 12];
    h.to_bytes(&mut out).unwrap();
    assert_eq!(out, bytes);
    let b = VirtioBalloonConfig::from_bytes(&[0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0]).unwrap();
    assert_eq!(b.anon1.free_page_report_cmd_id().get(), b.anon1.free_page_hint_cmd_id().get());
    assert_eq!(b.anon1.free_page_hint_cmd_id().get(), 7);
}
`);
    assert.match(out, /test result: ok\. 1 passed/);
  });

  test('TypeScript: anonymous members are properties of the struct, named ones nested objects, union views optional', async () => {
    const dir = scratch('format2');
    await generateInto(await fixtureModel(), dir);
    const m = await loadModule(dir, 'linux-layouts');
    const decode = m.decodeVirtioNetHdrV1 as (view: DataView) => Record<string, unknown>;
    const encode = m.encodeVirtioNetHdrV1 as (value: object, view: DataView) => number;
    const bytes = new Uint8Array([4, 0, 0, 0, 0, 0, 3, 0, 1, 0, 1, 0]);
    const h = decode(new DataView(bytes.buffer));
    assert.deepEqual(h, { flags: 4, gsoType: 0, hdrLen: 0, gsoSize: 0, csumStart: 3, csumOffset: 1, csum: { start: 3, offset: 1 }, rsc: { segments: 3, dupAcks: 1 }, numBuffers: 1 });
    const out = new DataView(new ArrayBuffer(12));
    encode({ flags: 4, gsoType: 0, hdrLen: 0, gsoSize: 0, rsc: { segments: 3, dupAcks: 1 }, numBuffers: 1 }, out);
    assert.deepEqual(new Uint8Array(out.buffer), bytes);
    const balloon = (m.decodeVirtioBalloonConfig as (view: DataView) => Record<string, unknown>)(new DataView(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0]).buffer));
    assert.equal(balloon.freePageHintCmdId, 7);
    assert.equal(balloon.freePageReportCmdId, 7);
  });

  test('the examples program (values through anonymous members, char text) runs against the generated header', async (t) => {
    if (!needTool(t, 'gcc')) return;
    const files = generateC(await fixtureModel(), () => {});
    const program = files.find((f) => f.path.endsWith('linux-layouts.examples.c'));
    assert.ok(program, 'the C target emits an examples program');
    const dir = writeFiles(files);
    const gcc = COMPILERS.find((c) => c.label === 'gcc -std=c99')!;
    compile(gcc, join(dir, program.path), ['-I', dir, '-I', join(dir, 'include'), '-o', join(dir, 'examples-run')]);
    assert.match(run(join(dir, 'examples-run')), /3 examples passed/);
  });
});
