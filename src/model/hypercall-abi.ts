import type { Arch, CallAbi, Conduit, Convention } from './types.ts';

/*
 * Calling conventions, as the primary sources state them:
 * - SMCCC (Arm DEN0028, §2.6–2.7; Linux include/linux/arm-smccc.h): function ID in w0, arguments
 *   in x1–x17 (w1–w7 for SMC32/HVC32), results in x0–x17. SMCCC 1.0 lets the callee corrupt
 *   x4–x17, so a caller that supports 1.0 treats x0–x17 as clobbered.
 * - Xen on arm64 (xen/include/public/arch-arm.h): `hvc #0xEA1`, number in x16, arguments x0–x4,
 *   result x0; debug builds of Xen deliberately clobber x0–x4 and x16.
 * - Xen on x86-64 (xen/include/public/arch-x86/xen-x86_64.h): through the hypercall page
 *   (vmcall on Intel, vmmcall on AMD), number in rax, arguments rdi, rsi, rdx, r10, r8, result rax;
 *   argument registers may be clobbered.
 * - KVM on x86 (Linux Documentation/virt/kvm/x86/hypercalls.rst): vmcall/vmmcall, number in rax,
 *   arguments rbx, rcx, rdx, rsi, result rax; nothing else is changed.
 */
const x = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `x${from + i}`);

const ARCH_OF: Record<Conduit, Arch> = { smc: 'aarch64', hvc: 'aarch64', vmcall: 'x86_64', vmmcall: 'x86_64' };

export const MAX_ARGS: Record<Convention, number> = { smccc: 17, xen: 5, kvm: 4 };

/** The ABI of each architecture an interface can be called from, in a fixed order (aarch64, x86_64). */
export function callAbis(convention: Convention, conduits: Conduit[]): CallAbi[] {
  const abis: CallAbi[] = [];
  for (const arch of ['aarch64', 'x86_64'] as const) {
    const used = conduits.filter((c) => ARCH_OF[c] === arch);
    if (used.length === 0) continue;
    const abi = abiFor(convention, arch, used);
    if (abi) abis.push(abi);
  }
  return abis;
}

function abiFor(convention: Convention, arch: Arch, conduits: Conduit[]): CallAbi | null {
  if (convention === 'smccc' && arch === 'aarch64') {
    return { arch, instructions: conduits.map((c) => `${c} #0`), idRegister: 'x0', argRegisters: x(1, 17), resultRegisters: x(0, 17), clobbers: x(0, 17) };
  }
  if (convention === 'xen' && arch === 'aarch64') {
    return { arch, instructions: ['hvc #0xea1'], idRegister: 'x16', argRegisters: x(0, 4), resultRegisters: ['x0'], clobbers: [...x(0, 4), 'x16'] };
  }
  if (convention === 'xen' && arch === 'x86_64') {
    return { arch, instructions: conduits.slice(), idRegister: 'rax', argRegisters: ['rdi', 'rsi', 'rdx', 'r10', 'r8'], resultRegisters: ['rax'], clobbers: ['rdi', 'rsi', 'rdx', 'r10', 'r8'] };
  }
  if (convention === 'kvm' && arch === 'x86_64') {
    return { arch, instructions: conduits.slice(), idRegister: 'rax', argRegisters: ['rbx', 'rcx', 'rdx', 'rsi'], resultRegisters: ['rax'], clobbers: [] };
  }
  return null;
}

/** Which conduits a convention can use at all (a KVM interface over smc is not a thing). */
export function conduitAllowed(convention: Convention, conduit: Conduit): boolean {
  if (convention === 'smccc') return conduit === 'smc' || conduit === 'hvc';
  if (convention === 'kvm') return conduit === 'vmcall' || conduit === 'vmmcall';
  return conduit !== 'smc';
}

/** SMCCC function ID (DEN0028 §2.5): fast bit 31, SMC64 bit 30, owning entity 29:24, number 15:0. */
export function smcccFunctionId(fast: boolean, width: 32 | 64, entity: number, number: number): bigint {
  return (BigInt(fast ? 1 : 0) << 31n) | (BigInt(width === 64 ? 1 : 0) << 30n) | (BigInt(entity) << 24n) | BigInt(number);
}

/** A register's name for a value of the given width: SMC32 calls use the 32-bit `w` view. */
export function registerView(register: string, width: 32 | 64 | undefined): string {
  return width === 32 && /^x\d+$/.test(register) ? `w${register.slice(1)}` : register;
}
