import type { Arch, CallAbi, Conduit, Convention, SmcccVersion } from './types.ts';

/*
 * Calling conventions, as the primary sources state them:
 * - SMCCC (Arm DEN0028; Linux include/linux/arm-smccc.h): function ID in w0. Per version:
 *   1.0: arguments x1–x7, results x0–x3, and x4–x17 are unpredictable on return (a 1.0 caller
 *   treats x0–x17 as clobbered; Linux's out-of-line __arm_smccc_smc);
 *   1.1: the same registers, but x4–x17 are preserved (Linux's arm_smccc_1_1_invoke clobbers
 *   only x0–x3);
 *   1.2: arguments x1–x17 and results x0–x17; a register a function does not return in is
 *   preserved, so a wrapper that may call any function treats x0–x17 as clobbered (Linux's
 *   arm_smccc_1_2_hvc).
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

/**
 * What each convention returns for a function that does not exist, which is also what a wrapper
 * answers when asked to call through a conduit it does not have: SMCCC_RET_NOT_SUPPORTED (-1,
 * DEN0028), Xen's -ENOSYS (-38) and KVM's -KVM_ENOSYS (-1000, linux/kvm_para.h).
 */
export const NOT_SUPPORTED: Record<Convention, bigint> = { smccc: -1n, xen: -38n, kvm: -1000n };

/** The ABI of each architecture an interface can be called from, in a fixed order (aarch64, x86_64). */
export function callAbis(convention: Convention, conduits: Conduit[], smcccVersion: SmcccVersion = '1.0'): CallAbi[] {
  const abis: CallAbi[] = [];
  for (const arch of ['aarch64', 'x86_64'] as const) {
    const used = conduits.filter((c) => ARCH_OF[c] === arch);
    if (used.length === 0) continue;
    const abi = abiFor(convention, arch, used, smcccVersion);
    if (abi) abis.push(abi);
  }
  return abis;
}

function abiFor(convention: Convention, arch: Arch, conduits: Conduit[], smcccVersion: SmcccVersion): CallAbi | null {
  if (convention === 'smccc' && arch === 'aarch64') {
    const instructions = conduits.map((c) => `${c} #0`);
    if (smcccVersion === '1.2') return { arch, instructions, idRegister: 'x0', argRegisters: x(1, 17), resultRegisters: x(0, 17), clobbers: x(0, 17) };
    return { arch, instructions, idRegister: 'x0', argRegisters: x(1, 7), resultRegisters: x(0, 3), clobbers: smcccVersion === '1.1' ? x(0, 3) : x(0, 17) };
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
