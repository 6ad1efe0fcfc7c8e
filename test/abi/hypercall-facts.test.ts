/**
 * The hypercall standards against the ABI vendors already ship: every constant and argument
 * structure of Linux's psci.h and kvm_para.h and of Xen's public headers (interface version
 * 0x00040e00, x86-64 by running a probe, arm64 by compile-time assertions with the cross
 * compiler), and the SMCCC/FF-A/KVM-arm64 function IDs against values copied from Linux
 * (hypercall-reference.ts). Differences are allowed only through the documented exceptions below.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileCorpus } from '../../src/compile.ts';
import type { Model, Spec } from '../../src/model/types.ts';
import {
  assertFactsCompile, compareFacts, modelFacts, probeHeaders, scanHeader,
  type HeaderFacts, type HeaderNames, type StructFacts,
} from './header-probe.ts';
import { ARM_SPOT_IDS, armReferenceFacts } from './hypercall-reference.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const XEN = '/usr/include/xen';
const XEN_INTERFACE = '-D__XEN_INTERFACE_VERSION__=0x00040e00';
/** Linux's kernel-internal helpers some uapi defines use; the probe defines them as the kernel does. */
const KERNEL_HELPERS = ['-DBIT(n)=(1UL<<(n))', '-DGENMASK(h,l)=(((~0UL)<<(l))&(~0UL>>(63-(h))))'];

let model: Model;
let ours: HeaderFacts;

before(async () => {
  const result = await compileCorpus(ROOT, { cache: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(result.model, `corpus has errors:\n${errors.map((d) => `${d.file}:${d.range?.start.line ?? 0} ${d.code} ${d.message}`).join('\n')}`);
  model = result.model;
  ours = modelFacts(model);
});

/** A required tool: missing fails under CI=true, skips locally. */
function haveTool(t: TestContext, tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') assert.fail(`${tool} is required in CI but was not found`);
    t.skip(`${tool} not installed`);
    return false;
  }
}

function spec(id: string): Spec {
  const found = model.specs.find((s) => s.id === id);
  assert.ok(found, `spec ${id} is missing`);
  return found;
}

function assertSame(reference: HeaderFacts, exceptions: Map<string, string>, mine: HeaderFacts = ours): void {
  const diff = compareFacts(reference, mine, exceptions);
  assert.deepEqual(diff.missing, [], 'facts of the header missing from the corpus');
  assert.deepEqual(diff.mismatched, [], 'facts that differ between header and corpus');
  assert.deepEqual(diff.unusedExceptions, [], 'exceptions that no longer match anything');
}

/** Names the compiler could not resolve must be exactly the documented ones. */
function assertUnresolved(facts: HeaderFacts, expected: Map<string, string>): void {
  assert.deepEqual([...(facts.unresolved?.keys() ?? [])].sort(), [...expected.keys()].sort(), 'unexpected names the compiler rejected');
}

function mergeNames(...all: HeaderNames[]): HeaderNames {
  return { constants: all.flatMap((n) => n.constants), structs: all.flatMap((n) => n.structs) };
}

// ------------------------------------------------------------------------------------------------
// Linux psci.h and kvm_para.h

test('every define of linux/psci.h is in the corpus with the same value', (t) => {
  if (!haveTool(t, 'gcc')) return;
  const names = scanHeader('/usr/include/linux/psci.h');
  assert.ok(names.constants.length > 60, 'scanner found the PSCI constants');
  const reference = probeHeaders(['linux/psci.h'], names, { cflags: KERNEL_HELPERS });
  assertUnresolved(reference, new Map());
  assertSame(reference, new Map());
});

test('every define and struct of linux/kvm_para.h and asm/kvm_para.h is in the corpus', (t) => {
  if (!haveTool(t, 'gcc')) return;
  // linux/kvm_para.h includes the architecture's asm/kvm_para.h from the multiarch directory.
  const multiarch = execFileSync('gcc', ['-print-multiarch'], { encoding: 'utf8' }).trim();
  const names = mergeNames(scanHeader('/usr/include/linux/kvm_para.h'), scanHeader(`/usr/include/${multiarch}/asm/kvm_para.h`));
  const reference = probeHeaders(['errno.h', 'linux/kvm_para.h'], names, { cflags: KERNEL_HELPERS });
  assertUnresolved(reference, new Map());
  assert.ok(reference.structs.has('kvm_steal_time') && reference.constants.has('KVM_HC_MAP_GPA_RANGE'));
  assertSame(reference, new Map());
});

// ------------------------------------------------------------------------------------------------
// Xen public headers

/** Constant prefixes in scope, per header (the operations this corpus standardises). */
const XEN_SCOPE: Record<string, { prefixes: RegExp; structs: boolean }> = {
  'xen.h': { prefixes: /^(__HYPERVISOR_|DOMID_|VIRQ_)/, structs: false },
  'event_channel.h': { prefixes: /^(EVTCHNOP_|EVTCHNSTAT_|EVTCHN_|BIND_PIRQ_)/, structs: true },
  'sched.h': { prefixes: /^(SCHEDOP_|SHUTDOWN_)/, structs: true },
  'version.h': { prefixes: /^(XENVER_|XEN_\w+_LEN$)/, structs: true },
  'features.h': { prefixes: /^XENFEAT_/, structs: false },
  'grant_table.h': { prefixes: /^(GNTTABOP_|GTF_|GNTMAP_|GNTCOPY_|GNTST_|GNTTAB_)/, structs: true },
};
const XEN_INCLUDES = ['stdint.h', 'xen/xen.h', 'xen/errno.h', 'xen/event_channel.h', 'xen/sched.h', 'xen/version.h', 'xen/features.h', 'xen/grant_table.h'];

/** Differences from Xen's headers that the format forces, each with its reason. */
const XEN_EXCEPTIONS = new Map([
  ['evtchn_op', 'argument of the obsolete event_channel_op_compat hypercall; not modelled (xen-event-channel.md)'],
  ['grant_entry_v2.__spacer', 'identifier reserved in C (leading "__"); modelled as `spacer`, same offset and size'],
]);

/** Names in scope that are not defined at interface version 0x00040e00 for a guest. */
const XEN_UNDEFINED = new Map([
  ['__HYPERVISOR_dom0_op', 'alias defined only below interface version 0x00030204'],
  ['EVTCHNOP_reset_cont', 'hypervisor-internal (#ifdef __XEN__)'],
  ['XEN_EINTR', 'hypervisor-internal (#ifdef __XEN__)'],
  ['XEN_ERESTART', 'hypervisor-internal (#ifdef __XEN__)'],
]);

function xenNames(): HeaderNames {
  const parts: HeaderNames[] = [];
  for (const [header, scope] of Object.entries(XEN_SCOPE)) {
    const scanned = scanHeader(join(XEN, header));
    parts.push({
      constants: scanned.constants.filter((name) => scope.prefixes.test(name)),
      structs: scope.structs ? scanned.structs : [],
    });
  }
  // errno.h defines its enumerators through the XEN_ERRNO(name, value) macro, which the scanner cannot see.
  const errno = [...readFileSync(join(XEN, 'errno.h'), 'utf8').matchAll(/^XEN_ERRNO\((\w+),/gm)].map((m) => `XEN_${m[1]}`);
  parts.push({ constants: errno, structs: [] });
  return mergeNames(...parts);
}

/** The corpus uses Xen's own names (`__HYPERVISOR_x`); kept as a function in case a name must differ. */
const toCorpusName = (name: string): string => name;

function renamed(facts: HeaderFacts): HeaderFacts {
  return { ...facts, constants: new Map([...facts.constants].map(([name, value]) => [toCorpusName(name), value])) };
}

let xenReference: HeaderFacts | undefined;
function xenX86Reference(): HeaderFacts {
  xenReference ??= probeHeaders(XEN_INCLUDES, xenNames(), { cflags: [XEN_INTERFACE] });
  return xenReference;
}

test('Xen: every hypercall number, command, flag and argument struct matches on x86-64', (t) => {
  if (!haveTool(t, 'gcc') || !haveXenHeaders(t)) return;
  const reference = xenX86Reference();
  assertUnresolved(reference, XEN_UNDEFINED);
  for (const name of ['__HYPERVISOR_sched_op', 'EVTCHNOP_alloc_unbound', 'SCHEDOP_poll', 'XENVER_get_features', 'XENFEAT_direct_mapped', 'GNTTABOP_copy', 'XEN_EINVAL']) {
    assert.ok(reference.constants.has(name), `${name} probed`);
  }
  for (const name of ['evtchn_status', 'sched_poll', 'xen_compile_info', 'gnttab_map_grant_ref', 'grant_entry_v1', 'gnttab_copy_ptr']) {
    assert.ok(reference.structs.has(name), `${name} probed`);
  }
  assertSame(renamed(reference), XEN_EXCEPTIONS);
});

test('Xen: the reserved bit-number constants (_GTF_*, _GNTMAP_*, _GNTCOPY_*) agree with the modelled masks', (t) => {
  if (!haveTool(t, 'gcc') || !haveXenHeaders(t)) return;
  const scanned = scanHeader(join(XEN, 'grant_table.h')).constants.filter((n) => /^_G/.test(n));
  assert.ok(scanned.length >= 15);
  const reference = probeHeaders(XEN_INCLUDES, { constants: scanned, structs: [] }, { cflags: [XEN_INTERFACE] });
  for (const [name, bit] of reference.constants) {
    const mask = name.slice(1);
    if (name === '_GNTMAP_guest_avail0') {
      assert.equal(ours.constants.get('GNTMAP_guest_avail_mask'), 0xffffn << bit, name);
      continue;
    }
    assert.equal(ours.constants.get(mask), 1n << bit, `${mask} should be 1 << ${name}`);
  }
});

test('Xen: the same facts hold for arm64 (aarch64-linux-gnu-gcc, compile-time assertions)', (t) => {
  if (!haveTool(t, 'gcc') || !haveXenHeaders(t) || !haveTool(t, 'aarch64-linux-gnu-gcc')) return;
  const reference = xenX86Reference();
  // What the corpus claims, under Xen's names, for exactly the facts the header defines.
  const expected: HeaderFacts = { constants: new Map(), structs: new Map() };
  for (const name of reference.constants.keys()) {
    const value = ours.constants.get(toCorpusName(name));
    assert.notEqual(value, undefined, `${name} in corpus`);
    expected.constants.set(name, value!);
  }
  for (const [name, ref] of reference.structs) {
    if (XEN_EXCEPTIONS.has(name)) continue;
    const mine = ours.structs.get(name)!;
    const fields = new Map<string, { offset: number; size: number }>();
    for (const field of ref.fields.keys()) if (!XEN_EXCEPTIONS.has(`${name}.${field}`)) fields.set(field, mine.fields.get(field)!);
    expected.structs.set(name, { size: mine.size, fields, kind: ref.kind } satisfies StructFacts);
  }
  // The cross compiler searches only its own sysroot: expose the Xen headers alone.
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-xen-'));
  try {
    symlinkSync(XEN, join(dir, 'xen'));
    // -ffreestanding: gcc's own stdint.h, so no arm64 C library needs to be installed.
    const failures = assertFactsCompile(XEN_INCLUDES, expected, { compiler: 'aarch64-linux-gnu-gcc', cflags: ['-ffreestanding', XEN_INTERFACE], includeDirs: [dir] });
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function haveXenHeaders(t: TestContext): boolean {
  try {
    readFileSync(join(XEN, 'xen.h'));
    return true;
  } catch {
    if (process.env.CI === 'true') assert.fail(`Xen public headers (${XEN}, Debian libxen-dev) are required in CI`);
    t.skip('Xen headers not installed');
    return false;
  }
}

// ------------------------------------------------------------------------------------------------
// SMCCC, FF-A, KVM arm64: no header on the machine, so a table copied from Linux

test('SMCCC, TRNG, PV time, KVM arm64 and FF-A IDs, constants and descriptors match Linux', () => {
  assertSame(armReferenceFacts(), new Map());
  for (const [name, id] of Object.entries(ARM_SPOT_IDS)) assert.equal(ours.constants.get(name), id, name);
});

test('every function of the Arm standards is in the reference table', () => {
  const reference = armReferenceFacts().constants;
  for (const id of ['arm-smccc', 'arm-ffa', 'kvm-arm64']) {
    for (const iface of spec(id).hypercalls) {
      for (const fn of iface.functions) assert.equal(reference.get(fn.idName), BigInt(fn.id), `${id}: ${fn.idName}`);
    }
  }
});

// ------------------------------------------------------------------------------------------------
// Conventions and requirements

test('calling conventions: Xen (arm64 hvc #0xea1/x16/x0-x4, x86-64 rax/rdi,rsi,rdx,r10,r8) and KVM x86 (rax/rbx,rcx,rdx,rsi)', () => {
  const xen = spec('xen').hypercalls[0]!;
  const arm = xen.abis.find((a) => a.arch === 'aarch64')!;
  assert.deepEqual([arm.instructions, arm.idRegister, arm.argRegisters, arm.resultRegisters[0]], [['hvc #0xea1'], 'x16', ['x0', 'x1', 'x2', 'x3', 'x4'], 'x0']);
  const x86 = xen.abis.find((a) => a.arch === 'x86_64')!;
  assert.deepEqual([x86.idRegister, x86.argRegisters, x86.resultRegisters[0]], ['rax', ['rdi', 'rsi', 'rdx', 'r10', 'r8'], 'rax']);
  const kvm = spec('kvm-x86').hypercalls[0]!.abis.find((a) => a.arch === 'x86_64')!;
  assert.deepEqual([kvm.instructions, kvm.idRegister, kvm.argRegisters, kvm.resultRegisters[0]], [['vmcall', 'vmmcall'], 'rax', ['rbx', 'rcx', 'rdx', 'rsi'], 'rax']);
});

const HYPERCALL_SPECS = ['arm-smccc', 'arm-psci', 'arm-ffa', 'kvm-x86', 'kvm-arm64', 'xen', 'xen-event-channel', 'xen-sched', 'xen-version', 'xen-grant-table'];

test('every hypercall standard has requirements for both sides of the call', () => {
  for (const id of HYPERCALL_SPECS) {
    const roles = new Set(spec(id).requirements.map((r) => r.role));
    const bothSides = (roles.has('caller') && roles.has('callee')) || (roles.has('guest') && roles.has('hypervisor'));
    assert.ok(bothSides, `${id}: roles ${[...roles].join(', ')}`);
  }
});

// ------------------------------------------------------------------------------------------------
// Value layouts: the generated accessor macros against Linux's own

/** Calls of Linux psci.h's function-like macros the generated header must reproduce, value and C type. */
const PSCI_MACRO_CALLS = [
  'PSCI_VERSION_MAJOR(0x10001)', 'PSCI_VERSION_MINOR(0x10001)', 'PSCI_VERSION_MAJOR(0xFFFFFFFFu)', 'PSCI_VERSION_MINOR(0xFFFFFFFFu)',
  'PSCI_VERSION_MAJOR(0x12345678)', 'PSCI_VERSION_MINOR(0x12345678)', 'PSCI_VERSION_MAJOR(0)', 'PSCI_VERSION_MAJOR(0x10001ULL)',
  'PSCI_VERSION(1, 1)', 'PSCI_VERSION(0, 2)', 'PSCI_VERSION(1u, 0u)', 'PSCI_VERSION(0xFFFF, 0xFFFF)', 'PSCI_VERSION(0x10000u, 3)',
  'PSCI_VERSION(1ULL, 2)', 'PSCI_VERSION_MAJOR(PSCI_VERSION(1, 3))', 'PSCI_VERSION_MINOR(PSCI_VERSION(1, 3))',
  'PSCI_0_2_FN64_BASE', 'PSCI_VERSION_MAJOR_MASK', 'PSCI_VERSION_MINOR_MASK',
];

test('PSCI version macros: present, and the same values and C types as linux/psci.h for sample inputs', async (t) => {
  if (!haveTool(t, 'gcc')) return;
  const { generateC } = await import('../../generators/c/index.ts');
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-psci-macros-'));
  try {
    for (const file of generateC(model, () => {})) {
      const path = join(dir, file.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, file.contents);
    }
    const header = join(dir, generateC(model, () => {}).find((f) => /(^|\/)arm-psci\.h$/.test(f.path))!.path);
    const program = (include: string): string => [
      '#include <stdio.h>', include,
      '#define TYPE_OF(x) _Generic((x), int: "int", unsigned int: "unsigned int", long: "long", unsigned long: "unsigned long", long long: "long long", unsigned long long: "unsigned long long", default: "other")',
      'int main(void) {',
      ...PSCI_MACRO_CALLS.map((call) => `  printf("%s %s %llu\\n", ${JSON.stringify(call)}, TYPE_OF(${call}), (unsigned long long)(${call}));`),
      '  return 0;', '}', ''].join('\n');
    const outputs = [`#include <linux/psci.h>`, `#include "${header}"`].map((include, i) => {
      const source = join(dir, `macros${i}.c`);
      writeFileSync(source, program(include));
      execFileSync('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-o', join(dir, `macros${i}`), source], { stdio: 'pipe' });
      return execFileSync(join(dir, `macros${i}`), { encoding: 'utf8' });
    });
    assert.equal(outputs[1], outputs[0]);
    assert.match(outputs[0]!, /^PSCI_VERSION\(1, 1\) unsigned int 65537$/m, 'the reference computes what the PSCI specification says');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
