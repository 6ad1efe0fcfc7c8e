/**
 * Drop-in check: for every name that both Linux's uapi headers and our generated headers define,
 * the compiler sees the same value (constants) or the same layout (struct size, member offsets and
 * sizes). Both sides are read by the real compiler (test/abi/header-probe.ts), never from the
 * model. Coverage of the corpus is the corpus tests' job; this test is "same names → same ABI".
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { compareFacts, probeHeaders, scanHeader, type HeaderFacts, type HeaderNames, type ScannedStruct } from '../abi/header-probe.ts';
import { projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { needTool } from './toolchain.ts';

const LINUX_HEADERS = [
  'linux/virtio_ids.h', 'linux/virtio_config.h', 'linux/virtio_ring.h', 'linux/virtio_i2c.h',
  'linux/virtio_gpio.h', 'linux/virtio_scmi.h', 'linux/virtio_snd.h', 'linux/psci.h', 'linux/kvm_para.h',
];

/** Kernel-internal helpers a few uapi defines use (virtio_snd.h's BIT()); defined as the kernel does. */
const KERNEL_HELPERS = ['-DBIT(n)=(1UL<<(n))', '-DGENMASK(h,l)=(((~0UL)<<(l))&(~0UL>>(63-(h))))'];

/**
 * Names both sides define on purpose with different values or layouts. Each needs a reason a
 * vendor can act on; compareFacts reports exceptions that no longer match anything.
 */
const EXCEPTIONS = new Map<string, string>([
  ['sizeof(virtio_snd_config)', 'VIRTIO 1.3 §5.14.4 adds `le32 controls` (valid with VIRTIO_SND_F_CTLS): 16 bytes; the installed Linux header predates control elements and has 12. jacks/streams/chmaps match (the same exception as test/abi/virtio-facts.test.ts).'],
]);

function mergeNames(all: HeaderNames[]): HeaderNames {
  const constants = new Set<string>();
  const structs = new Map<string, ScannedStruct>();
  for (const names of all) {
    for (const c of names.constants) constants.add(c);
    for (const s of names.structs) if (!structs.has(s.name)) structs.set(s.name, s);
  }
  return { constants: [...constants], structs: [...structs.values()] };
}

/** The names both scans found, struct members intersected too. */
function common(a: HeaderNames, b: HeaderNames): HeaderNames {
  const bConstants = new Set(b.constants);
  const bStructs = new Map(b.structs.map((s) => [s.name, s]));
  const structs: ScannedStruct[] = [];
  for (const s of a.structs) {
    const other = bStructs.get(s.name);
    if (!other || (other.kind ?? 'struct') !== (s.kind ?? 'struct')) continue;
    const fields = new Set(other.fields);
    structs.push({ name: s.name, kind: s.kind, fields: s.fields.filter((f) => fields.has(f)) });
  }
  return { constants: a.constants.filter((c) => bConstants.has(c)), structs };
}

describe('generated C headers are drop-in for Linux uapi names', () => {
  let ours: HeaderSet;
  before(async () => {
    ours = await projectHeaderSet();
  });

  it('gives every name both define the same value and layout', (t) => {
    if (!needTool(t, 'gcc')) return;
    const present = LINUX_HEADERS.filter((h) => existsSync(join('/usr/include', h)));
    if (present.length !== LINUX_HEADERS.length) {
      const missing = LINUX_HEADERS.filter((h) => !present.includes(h));
      if (process.env.CI === 'true') assert.fail(`Linux uapi headers missing: ${missing.join(', ')}`);
      t.skip(`Linux uapi headers missing: ${missing.join(', ')}`);
      return;
    }
    const linuxNames = mergeNames(present.map((h) => scanHeader(join('/usr/include', h))));
    const ourPaths = ours.headers.map((h) => join(ours.dir, h));
    const ourNames = mergeNames(ourPaths.map((p) => scanHeader(p)));
    const shared = common(linuxNames, ourNames);

    const linuxFacts: HeaderFacts = probeHeaders(present, shared, { compiler: 'gcc', cflags: KERNEL_HELPERS });
    const ourFacts: HeaderFacts = probeHeaders(ourPaths, shared, { compiler: 'gcc' });
    assert.deepEqual([...(ourFacts.unresolved ?? new Map())], [], 'names our headers define but the compiler rejected');

    // Names Linux defines only conditionally (e.g. behind __KERNEL__) drop out of the Linux side.
    const diff = compareFacts(linuxFacts, ourFacts, EXCEPTIONS);
    assert.deepEqual(diff.mismatched, [], 'same name, different value or layout');
    assert.deepEqual(diff.missing, [], 'a shared name our headers lost');
    assert.deepEqual(diff.unusedExceptions, [], 'exceptions that no longer apply');

    // Not vacuous: the corpus shares many names with Linux.
    const fields = [...linuxFacts.structs.values()].reduce((n, s) => n + s.fields.size, 0);
    t.diagnostic(`compared ${linuxFacts.constants.size} constants, ${linuxFacts.structs.size} structs, ${fields} fields`);
    assert.ok(linuxFacts.constants.size >= 100, `only ${linuxFacts.constants.size} shared constants`);
    assert.ok(linuxFacts.structs.size >= 20, `only ${linuxFacts.structs.size} shared structs`);
  });
});
