/**
 * The call wrappers emit the right instruction with the function ID in the right register: a
 * small caller is compiled for aarch64 and x86-64, disassembled with objdump, and the value the
 * code puts in the ID register before the trapping instruction is compared with the model's ID.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { HypercallFunction, Model } from '../../src/model/types.ts';
import { fixtureHeaderSet, projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { needTool } from './toolchain.ts';

/** Xen's ENOSYS, from its public errno.h (libxen-dev), falling back to Linux's uapi value. */
function enosys(): number {
  const xen = '/usr/include/xen/errno.h';
  if (existsSync(xen)) return Number(/XEN_ERRNO\(ENOSYS,\s*(\d+)\)/.exec(readFileSync(xen, 'utf8'))![1]);
  return Number(/#define\s+ENOSYS\s+(\d+)/.exec(readFileSync('/usr/include/asm-generic/errno.h', 'utf8'))![1]);
}

function fn(model: Model, idName: string): HypercallFunction {
  for (const spec of model.specs) for (const h of spec.hypercalls) for (const f of h.functions) if (f.idName === idName) return f;
  throw new Error(`no function ${idName}`);
}

/** Instructions of each function in an objdump -d listing: name → [mnemonic, operands][]. */
function disassembly(listing: string): Map<string, [string, string][]> {
  const functions = new Map<string, [string, string][]>();
  let current: [string, string][] | null = null;
  for (const line of listing.split('\n')) {
    const header = /^[0-9a-f]+ <([\w.]+)>:$/.exec(line);
    if (header) {
      current = [];
      functions.set(header[1]!, current);
      continue;
    }
    // "   4:	d2800060 	mov	x0, #0x3   // #3"  or  "   1:	b8 05 00 00 00       	mov    $0x5,%eax"
    const insn = /^\s+[0-9a-f]+:\t[0-9a-f ]+\t(\S+)\s*([^/]*)/.exec(line);
    if (insn && current) current.push([insn[1]!, insn[2]!.trim()]);
  }
  return functions;
}

function immediate(text: string): bigint {
  const m = /#(-?)(0x[0-9a-f]+|\d+)/.exec(text);
  assert.ok(m, `no immediate in ${text}`);
  return (m[1] ? -1n : 1n) * BigInt(m[2]!);
}

/**
 * The value of an aarch64 register (x or w view) when `trap` executes, following the mov/movz/movk
 * sequences compilers use to build constants.
 */
function aarch64ValueAt(code: [string, string][], register: number, trap: string): { value: bigint | null; trapped: boolean } {
  let value: bigint | null = null;
  const reg = new RegExp(`^[xw]${register},`);
  for (const [mnemonic, operands] of code) {
    if (`${mnemonic} ${operands}` === trap) return { value, trapped: true };
    if (!reg.test(operands)) continue;
    const shift = /lsl #(\d+)/.exec(operands);
    const amount = BigInt(shift ? Number(shift[1]) : 0);
    // Writing the w view clears bits 63:32.
    const bits = operands.startsWith('w') ? 32 : 64;
    if (mnemonic === 'mov' || mnemonic === 'movz') value = BigInt.asUintN(bits, immediate(operands.split(',')[1]!) << amount);
    else if (mnemonic === 'movk') value = BigInt.asUintN(bits, ((value ?? 0n) & ~(0xffffn << amount)) | (immediate(operands.split(',')[1]!) << amount));
    else value = null; // computed some other way: not a constant the test can follow
  }
  return { value, trapped: false };
}

/**
 * The registers whose values written before `trap` are read after it: the source registers of
 * instructions after the trap that nothing after the trap has written first. `eor x0, x18, x30`
 * right after the call carries x18 and x30 across it; `ldp x8, x9, [sp]` first carries nothing.
 */
function carriedAcross(code: [string, string][], trap: string): number[] {
  const at = code.findIndex(([m, o]) => `${m} ${o}` === trap);
  assert.ok(at >= 0, `no "${trap}"`);
  const written = new Set<number>();
  const carried = new Set<number>();
  const regs = (text: string): number[] => [...text.matchAll(/\b[xw](\d+)\b/g)].map((m) => Number(m[1]));
  for (const [mnemonic, operands] of code.slice(at + 1)) {
    if (mnemonic === 'ret' || mnemonic.startsWith('b')) break;
    const all = regs(operands);
    // Loads and moves write their first operand(s) and read the rest; str/stp only read.
    const writes = /^(ldp)$/.test(mnemonic) ? all.slice(0, 2) : /^(st)/.test(mnemonic) ? [] : all.slice(0, 1);
    const reads = /^(ldp)$/.test(mnemonic) ? all.slice(2) : /^(st)/.test(mnemonic) ? all : all.slice(1);
    for (const r of reads) if (!written.has(r) && r !== 29 && r !== 30 && r !== 31) carried.add(r);
    for (const r of writes) written.add(r);
  }
  return [...carried].sort((a, b) => a - b);
}

function x86ValueAt(code: [string, string][], trap: string): { value: bigint | null; trapped: boolean } {
  let value: bigint | null = null;
  for (const [mnemonic, operands] of code) {
    if (mnemonic === trap) return { value, trapped: true };
    const m = /^\$(0x[0-9a-f]+),%[er]ax$/.exec(operands);
    if (mnemonic.startsWith('mov') && m) value = BigInt(m[1]!);
    else if (/%[er]ax$/.test(operands)) value = null;
  }
  return { value, trapped: false };
}

describe('call wrappers', () => {
  let project: HeaderSet;
  let layouts: HeaderSet;
  before(async () => {
    project = await projectHeaderSet();
    layouts = await fixtureHeaderSet('layouts');
  });

  const aarch64Compilers = [
    { label: 'aarch64-linux-gnu-gcc', tool: 'aarch64-linux-gnu-gcc', args: ['-ffreestanding'] },
    { label: 'clang --target=aarch64-linux-gnu', tool: 'clang', args: ['--target=aarch64-linux-gnu', '-ffreestanding'] },
  ];

  for (const compiler of aarch64Compilers) {
    it(`put the SMCCC / Xen function ID in x0 / x16 before hvc and smc (${compiler.label})`, (t) => {
      if (!needTool(t, compiler.tool) || !needTool(t, 'aarch64-linux-gnu-objdump')) return;
      const source = join(layouts.dir, 'caller-aarch64.c');
      writeFileSync(source, [
        '#include "arm-psci.h"',
        `#include "${join(layouts.dir, 'c-layouts.h')}"`,
        'int32_t boot_secondary(uint64_t mpidr, uint64_t entry) { return psci_cpu_on_hvc(mpidr, entry, 0); }',
        'int32_t boot_secondary64_smc(uint64_t mpidr, uint64_t entry) { return psci_cpu_on64_smc(mpidr, entry, 0); }',
        'int32_t query(uint32_t what) { return cl_smccc_query_smc(what).status; }',
        'void poke(uint64_t address, uint64_t value) { cl_smccc_poke_hvc(address, value); }',
        'int64_t xen_op(uint64_t cmd) { return cl_xen_op_hvc(cmd, 0, 0, 0, 0); }',
        'int32_t adjust(void) { return cl_smccc_adjust_hvc(-1); }',
        '',
      ].join('\n'));
      const object = join(layouts.dir, `caller-${compiler.tool}.o`);
      execFileSync(compiler.tool, [...compiler.args, '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${project.dir}`, '-c', source, '-o', object]);
      const code = disassembly(execFileSync('aarch64-linux-gnu-objdump', ['-d', object], { encoding: 'utf8' }));

      const cases: [string, string, number, string][] = [
        ['boot_secondary', 'PSCI_0_2_FN_CPU_ON', 0, 'hvc #0x0'],
        ['boot_secondary64_smc', 'PSCI_0_2_FN64_CPU_ON', 0, 'smc #0x0'],
        ['query', 'CL_SMCCC_QUERY', 0, 'smc #0x0'],
        ['poke', 'CL_SMCCC_POKE', 0, 'hvc #0x0'],
        ['xen_op', 'CL_XEN_OP', 16, 'hvc #0xea1'],
      ];
      for (const [name, idName, register, trap] of cases) {
        const model = idName.startsWith('CL_') ? layouts.model : project.model;
        const expected = BigInt(fn(model, idName).id);
        const body = code.get(name);
        assert.ok(body, `${name} is in the object`);
        const { value, trapped } = aarch64ValueAt(body, register, trap);
        assert.ok(trapped, `${name}: no "${trap}" in\n${body.map((i) => i.join(' ')).join('\n')}`);
        assert.equal(value === null ? null : BigInt.asUintN(32, value), expected, `${name}: ${idName} in x${register}`);
      }
      // SMC32: a negative i32 argument arrives zero-extended (bits 63:32 clear), not sign-extended.
      const adjust = code.get('adjust')!;
      assert.equal(aarch64ValueAt(adjust, 1, 'hvc #0x0').value, 0xffffffffn, 'x1 of cl_smccc_adjust_hvc(-1)');
    });
  }

  for (const compiler of aarch64Compilers) {
    it(`let values live in x4–x17 across SMCCC 1.1 calls, not across SMCCC 1.0 calls (${compiler.label})`, (t) => {
      if (!needTool(t, compiler.tool) || !needTool(t, 'aarch64-linux-gnu-objdump')) return;
      // Two values stay live across the call. SMCCC 1.1 (arm_smccc_arch) preserves x4–x17, so the
      // compiler keeps them in those caller-saved registers; SMCCC 1.0 (psci) may corrupt x0–x17,
      // so it must move them to callee-saved x19–x28 and save those on the stack.
      const source = join(project.dir, `keep-${compiler.tool}.c`);
      writeFileSync(source, [
        '#include "arm-smccc.h"',
        '#include "arm-psci.h"',
        'uint64_t keep_smccc_1_1(uint64_t a, uint64_t b) { uint64_t v = a * 7 + b; uint64_t w = b * 5 + a;',
        '  (void)arm_smccc_arch_hvc(ARM_SMCCC_ARCH_FEATURES_FUNC_ID, a); return v ^ w; }',
        'uint64_t keep_smccc_1_0(uint64_t a, uint64_t b) { uint64_t v = a * 7 + b; uint64_t w = b * 5 + a;',
        '  (void)psci_hvc(PSCI_0_2_FN_PSCI_VERSION, a, 0, 0); return v ^ w; }',
        '',
      ].join('\n'));
      const object = join(project.dir, `keep-${compiler.tool}.o`);
      execFileSync(compiler.tool, [...compiler.args, '-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${project.dir}`, '-c', source, '-o', object]);
      const code = disassembly(execFileSync('aarch64-linux-gnu-objdump', ['-d', object], { encoding: 'utf8' }));
      const listing = (name: string): string => code.get(name)!.map((i) => i.join(' ')).join('\n');
      const inX4toX17 = (r: number): boolean => r >= 4 && r <= 17;
      const kept11 = carriedAcross(code.get('keep_smccc_1_1')!, 'hvc #0x0');
      assert.ok(kept11.length > 0 && kept11.every(inX4toX17), `1.1: the values stay in x4–x17 across the call (${kept11.join(', ')}):\n${listing('keep_smccc_1_1')}`);
      const kept10 = carriedAcross(code.get('keep_smccc_1_0')!, 'hvc #0x0');
      assert.ok(kept10.every((r) => r > 17), `1.0: no value is carried in x0–x17 across the call (${kept10.join(', ')}):\n${listing('keep_smccc_1_0')}`);
    });

    it(`choose the conduit at run time: psci_cpu_on(conduit, …) reaches both hvc and smc (${compiler.label})`, (t) => {
      if (!needTool(t, compiler.tool) || !needTool(t, 'aarch64-linux-gnu-objdump')) return;
      const source = join(project.dir, `runtime-${compiler.tool}.c`);
      writeFileSync(source, [
        '#include "arm-psci.h"',
        'int32_t boot(enum hvspec_conduit conduit, uint64_t mpidr, uint64_t entry) { return psci_cpu_on64(conduit, mpidr, entry, 0); }',
        '',
      ].join('\n'));
      const object = join(project.dir, `runtime-${compiler.tool}.o`);
      execFileSync(compiler.tool, [...compiler.args, '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${project.dir}`, '-c', source, '-o', object]);
      const body = disassembly(execFileSync('aarch64-linux-gnu-objdump', ['-d', object], { encoding: 'utf8' })).get('boot')!;
      const expected = BigInt(fn(project.model, 'PSCI_0_2_FN64_CPU_ON').id);
      for (const trap of ['hvc #0x0', 'smc #0x0']) {
        const { value, trapped } = aarch64ValueAt(body, 0, trap);
        assert.ok(trapped, `no "${trap}" in\n${body.map((i) => i.join(' ')).join('\n')}`);
        assert.equal(value === null ? null : BigInt.asUintN(32, value), expected, `PSCI_0_2_FN64_CPU_ON in x0 before ${trap}`);
      }
    });
  }

  it('answer "not supported" for a conduit the interface lacks, without trapping (run on the host)', (t) => {
    if (!needTool(t, 'gcc')) return;
    const source = join(project.dir, 'runtime-host.c');
    writeFileSync(source, [
      '#include <stdio.h>',
      '#include "arm-psci.h"',
      '#include "xen.h"',
      '#include "kvm-x86.h"',
      'int main(void) {',
      // On the host (x86-64) psci has no conduit at all; NONE is never one.
      '  printf("%d %d\\n", (int)psci_cpu_off(HVSPEC_CONDUIT_SMC), (int)psci_cpu_off(HVSPEC_CONDUIT_NONE));',
      '  printf("%lld\\n", (long long)(int64_t)xen_call(HVSPEC_CONDUIT_NONE, 0, 0, 0, 0, 0, 0).r0);',
      '  return 0;',
      '}',
      '',
    ].join('\n'));
    const binary = join(project.dir, 'runtime-host');
    execFileSync('gcc', ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${project.dir}`, source, '-o', binary]);
    // SMCCC_RET_NOT_SUPPORTED is -1 (DEN0028); Xen answers an unknown hypercall with -ENOSYS.
    assert.equal(execFileSync(binary, { encoding: 'utf8' }), `-1 -1\n-${enosys()}\n`);
  });

  it('put the KVM and Xen hypercall number in rax before vmcall and vmmcall (x86-64)', (t) => {
    if (process.arch !== 'x64') {
      t.skip('the host compiler does not target x86-64');
      return;
    }
    if (!needTool(t, 'gcc') || !needTool(t, 'objdump')) return;
    const source = join(layouts.dir, 'caller-x86.c');
    writeFileSync(source, [
      '#include "kvm-x86.h"',
      `#include "${join(layouts.dir, 'c-layouts.h')}"`,
      'int64_t kick(uint64_t apic) { return kvm_x86_kick_cpu_vmcall(0, apic); }',
      'int64_t kick_amd(uint64_t apic) { return kvm_x86_kick_cpu_vmmcall(0, apic); }',
      'int64_t ping(void) { return cl_kvm_ping_vmcall(1, 2, 3, 4); }',
      'int64_t xen_op(uint64_t cmd) { return cl_xen_op_vmmcall(cmd, 0, 0, 0, 0); }',
      '',
    ].join('\n'));
    const object = join(layouts.dir, 'caller-x86.o');
    execFileSync('gcc', ['-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${project.dir}`, '-c', source, '-o', object]);
    const code = disassembly(execFileSync('objdump', ['-d', object], { encoding: 'utf8' }));
    const cases: [string, string, string][] = [
      ['kick', 'KVM_HC_KICK_CPU', 'vmcall'],
      ['kick_amd', 'KVM_HC_KICK_CPU', 'vmmcall'],
      ['ping', 'CL_KVM_PING', 'vmcall'],
      ['xen_op', 'CL_XEN_OP', 'vmmcall'],
    ];
    for (const [name, idName, trap] of cases) {
      const model = idName.startsWith('CL_') ? layouts.model : project.model;
      const body = code.get(name);
      assert.ok(body, `${name} is in the object`);
      const { value, trapped } = x86ValueAt(body, trap);
      assert.ok(trapped, `${name}: no ${trap}`);
      assert.equal(value, BigInt(fn(model, idName).id), `${name}: ${idName} in rax`);
    }
  });
});
