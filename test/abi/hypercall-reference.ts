/**
 * Reference facts for the hypercall standards that have no header on this machine: Arm SMCCC,
 * the TRNG and paravirtualised-time calls, the KVM arm64 vendor hypervisor services and FF-A.
 *
 * Each value was read from the cited Linux source (function IDs expand `ARM_SMCCC_CALL_VAL` /
 * `FFA_SMC_32` / `FFA_SMC_64` by hand: fast bit 31, SMC64 bit 30, owner << 24, number) or from the
 * kernel documentation where it prints the ID. Struct layouts follow the C declarations in
 * `include/linux/arm_ffa.h` under the AAPCS64 rules. Nothing here comes from hvspec's own output.
 */
import type { HeaderFacts, StructFacts } from './header-probe.ts';

/** Linux include/linux/arm-smccc.h (torvalds/linux 9840cfcb97fc) unless noted. */
const SMCCC: Record<string, bigint> = {
  ARM_SMCCC_VERSION_FUNC_ID: 0x80000000n,
  ARM_SMCCC_ARCH_FEATURES_FUNC_ID: 0x80000001n,
  ARM_SMCCC_ARCH_SOC_ID: 0x80000002n,
  ARM_SMCCC_ARCH_WORKAROUND_1: 0x80008000n,
  ARM_SMCCC_ARCH_WORKAROUND_2: 0x80007fffn,
  // Added to arm-smccc.h by the Spectre-BHB mitigation series (Linux 5.17, March 2022): number 0x3fff.
  ARM_SMCCC_ARCH_WORKAROUND_3: 0x80003fffn,
  ARM_SMCCC_TRNG_VERSION: 0x84000050n,
  ARM_SMCCC_TRNG_FEATURES: 0x84000051n,
  ARM_SMCCC_TRNG_GET_UUID: 0x84000052n,
  ARM_SMCCC_TRNG_RND32: 0x84000053n,
  ARM_SMCCC_TRNG_RND64: 0xc4000053n,
  ARM_SMCCC_HV_PV_TIME_FEATURES: 0xc5000020n,
  ARM_SMCCC_HV_PV_TIME_ST: 0xc5000021n,
  ARM_SMCCC_STD_CALL: 0n,
  ARM_SMCCC_FAST_CALL: 1n,
  ARM_SMCCC_TYPE_SHIFT: 31n,
  ARM_SMCCC_SMC_32: 0n,
  ARM_SMCCC_SMC_64: 1n,
  ARM_SMCCC_CALL_CONV_SHIFT: 30n,
  ARM_SMCCC_OWNER_MASK: 0x3fn,
  ARM_SMCCC_OWNER_SHIFT: 24n,
  ARM_SMCCC_FUNC_MASK: 0xffffn,
  ARM_SMCCC_OWNER_ARCH: 0n,
  ARM_SMCCC_OWNER_CPU: 1n,
  ARM_SMCCC_OWNER_SIP: 2n,
  ARM_SMCCC_OWNER_OEM: 3n,
  ARM_SMCCC_OWNER_STANDARD: 4n,
  ARM_SMCCC_OWNER_STANDARD_HYP: 5n,
  ARM_SMCCC_OWNER_VENDOR_HYP: 6n,
  ARM_SMCCC_OWNER_TRUSTED_APP: 48n,
  ARM_SMCCC_OWNER_TRUSTED_APP_END: 49n,
  ARM_SMCCC_OWNER_TRUSTED_OS: 50n,
  ARM_SMCCC_OWNER_TRUSTED_OS_END: 63n,
  ARM_SMCCC_FUNC_QUERY_CALL_UID: 0xff01n,
  ARM_SMCCC_VERSION_1_0: 0x10000n,
  ARM_SMCCC_VERSION_1_1: 0x10001n,
  ARM_SMCCC_VERSION_1_2: 0x10002n,
  ARM_SMCCC_VERSION_1_3: 0x10003n,
  ARM_SMCCC_1_3_SVE_HINT: 0x10000n,
  SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED: 1n,
  SMCCC_RET_SUCCESS: 0n,
  SMCCC_RET_NOT_SUPPORTED: -1n,
  SMCCC_RET_NOT_REQUIRED: -2n,
  SMCCC_RET_INVALID_PARAMETER: -3n,
  // drivers/char/hw_random/arm_smccc_trng.c
  SMCCC_RET_TRNG_INVALID_PARAMETER: -2n,
  SMCCC_RET_TRNG_NO_ENTROPY: -3n,
};

/**
 * KVM arm64 vendor hypervisor services: include/linux/arm-smccc.h (9840cfcb97fc for CALL_UID,
 * FEATURES, PTP, the UID words and KVM_PTP_*; later mainline for the pKVM numbers and
 * DISCOVER_IMPL_*) and Documentation/virt/kvm/arm/hypercalls.rst, which prints the 0xC600000x IDs.
 */
const KVM_ARM64: Record<string, bigint> = {
  ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID: 0x8600ff01n,
  ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID: 0x86000000n,
  ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID: 0x86000001n,
  ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID: 0xc6000002n,
  ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID: 0xc6000003n,
  ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID: 0xc6000004n,
  ARM_SMCCC_VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID: 0xc6000007n,
  ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_VER_FUNC_ID: 0xc6000040n,
  ARM_SMCCC_VENDOR_HYP_KVM_DISCOVER_IMPL_CPUS_FUNC_ID: 0xc6000041n,
  ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_0: 0xb66fb428n,
  ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_1: 0xe911c52en,
  ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_2: 0x564bcaa9n,
  ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_3: 0x743a004dn,
  ARM_SMCCC_KVM_FUNC_FEATURES: 0n,
  ARM_SMCCC_KVM_FUNC_PTP: 1n,
  ARM_SMCCC_KVM_FUNC_HYP_MEMINFO: 2n,
  ARM_SMCCC_KVM_FUNC_MEM_SHARE: 3n,
  ARM_SMCCC_KVM_FUNC_MEM_UNSHARE: 4n,
  ARM_SMCCC_KVM_FUNC_MMIO_GUARD: 7n,
  ARM_SMCCC_KVM_FUNC_DISCOVER_IMPL_VER: 64n,
  ARM_SMCCC_KVM_FUNC_DISCOVER_IMPL_CPUS: 65n,
  ARM_SMCCC_KVM_FUNC_FEATURES_2: 127n,
  ARM_SMCCC_KVM_NUM_FUNCS: 128n,
  KVM_PTP_VIRT_COUNTER: 0n,
  KVM_PTP_PHYS_COUNTER: 1n,
};

/** FF-A: include/linux/arm_ffa.h (torvalds/linux 0184450b8b1e). */
const FFA_NUMBERS: [name: string, number: number, width: 32 | 64][] = [
  ['FFA_ERROR', 0x60, 32], ['FFA_SUCCESS', 0x61, 32], ['FFA_FN64_SUCCESS', 0x61, 64],
  ['FFA_INTERRUPT', 0x62, 32], ['FFA_VERSION', 0x63, 32], ['FFA_FEATURES', 0x64, 32],
  ['FFA_RX_RELEASE', 0x65, 32], ['FFA_RXTX_MAP', 0x66, 32], ['FFA_FN64_RXTX_MAP', 0x66, 64],
  ['FFA_RXTX_UNMAP', 0x67, 32], ['FFA_PARTITION_INFO_GET', 0x68, 32], ['FFA_ID_GET', 0x69, 32],
  ['FFA_MSG_POLL', 0x6a, 32], ['FFA_MSG_WAIT', 0x6b, 32], ['FFA_YIELD', 0x6c, 32], ['FFA_RUN', 0x6d, 32],
  ['FFA_MSG_SEND', 0x6e, 32], ['FFA_MSG_SEND_DIRECT_REQ', 0x6f, 32], ['FFA_FN64_MSG_SEND_DIRECT_REQ', 0x6f, 64],
  ['FFA_MSG_SEND_DIRECT_RESP', 0x70, 32], ['FFA_FN64_MSG_SEND_DIRECT_RESP', 0x70, 64],
  ['FFA_MEM_DONATE', 0x71, 32], ['FFA_FN64_MEM_DONATE', 0x71, 64], ['FFA_MEM_LEND', 0x72, 32], ['FFA_FN64_MEM_LEND', 0x72, 64],
  ['FFA_MEM_SHARE', 0x73, 32], ['FFA_FN64_MEM_SHARE', 0x73, 64], ['FFA_MEM_RETRIEVE_REQ', 0x74, 32], ['FFA_FN64_MEM_RETRIEVE_REQ', 0x74, 64],
  ['FFA_MEM_RETRIEVE_RESP', 0x75, 32], ['FFA_MEM_RELINQUISH', 0x76, 32], ['FFA_MEM_RECLAIM', 0x77, 32],
  ['FFA_MEM_OP_PAUSE', 0x78, 32], ['FFA_MEM_OP_RESUME', 0x79, 32], ['FFA_MEM_FRAG_RX', 0x7a, 32], ['FFA_MEM_FRAG_TX', 0x7b, 32],
  ['FFA_NORMAL_WORLD_RESUME', 0x7c, 32], ['FFA_NOTIFICATION_BITMAP_CREATE', 0x7d, 32], ['FFA_NOTIFICATION_BITMAP_DESTROY', 0x7e, 32],
  ['FFA_NOTIFICATION_BIND', 0x7f, 32], ['FFA_NOTIFICATION_UNBIND', 0x80, 32], ['FFA_NOTIFICATION_SET', 0x81, 32],
  ['FFA_NOTIFICATION_GET', 0x82, 32], ['FFA_NOTIFICATION_INFO_GET', 0x83, 32], ['FFA_FN64_NOTIFICATION_INFO_GET', 0x83, 64],
  ['FFA_RX_ACQUIRE', 0x84, 32], ['FFA_SPM_ID_GET', 0x85, 32], ['FFA_MSG_SEND2', 0x86, 32],
  ['FFA_SECONDARY_EP_REGISTER', 0x87, 32], ['FFA_FN64_SECONDARY_EP_REGISTER', 0x87, 64],
  ['FFA_MEM_PERM_GET', 0x88, 32], ['FFA_FN64_MEM_PERM_GET', 0x88, 64], ['FFA_MEM_PERM_SET', 0x89, 32], ['FFA_FN64_MEM_PERM_SET', 0x89, 64],
];

const FFA_CONSTANTS: Record<string, bigint> = {
  // Spot checks of the expansion, written out literally.
  FFA_RET_SUCCESS: 0n, FFA_RET_NOT_SUPPORTED: -1n, FFA_RET_INVALID_PARAMETERS: -2n, FFA_RET_NO_MEMORY: -3n,
  FFA_RET_BUSY: -4n, FFA_RET_INTERRUPTED: -5n, FFA_RET_DENIED: -6n, FFA_RET_RETRY: -7n, FFA_RET_ABORTED: -8n, FFA_RET_NO_DATA: -9n,
  FFA_MAJOR_VERSION_MASK: 0x7fff0000n, // GENMASK(30, 16)
  FFA_MINOR_VERSION_MASK: 0xffffn, // GENMASK(15, 0)
  FFA_VERSION_1_0: 0x10000n, FFA_VERSION_1_1: 0x10001n,
  FFA_PAGE_SIZE: 4096n, // SZ_4K
  FFA_FEAT_RXTX_MIN_SZ_4K: 0n, FFA_FEAT_RXTX_MIN_SZ_64K: 1n, FFA_FEAT_RXTX_MIN_SZ_16K: 2n,
  FFA_PARTITION_DIRECT_RECV: 1n, FFA_PARTITION_DIRECT_SEND: 2n, FFA_PARTITION_INDIRECT_MSG: 4n, FFA_PARTITION_AARCH64_EXEC: 0x100n,
  FFA_MEM_EXEC: 8n, FFA_MEM_NO_EXEC: 4n, FFA_MEM_RW: 2n, FFA_MEM_RO: 1n, FFA_MEM_RETRIEVE_SELF_BORROWER: 1n,
  FFA_MEM_NORMAL: 0x20n, FFA_MEM_DEVICE: 0x10n, FFA_MEM_WRITE_BACK: 0xcn, FFA_MEM_NON_CACHEABLE: 0x4n,
  FFA_DEV_nGnRnE: 0n, FFA_DEV_nGnRE: 4n, FFA_DEV_nGRE: 8n, FFA_DEV_GRE: 0xcn,
  FFA_MEM_NON_SHAREABLE: 0n, FFA_MEM_OUTER_SHAREABLE: 2n, FFA_MEM_INNER_SHAREABLE: 3n,
  FFA_MEM_CLEAR: 1n, FFA_TIME_SLICE_ENABLE: 2n,
  FFA_MEM_RETRIEVE_TYPE_IN_RESP: 0n, FFA_MEM_RETRIEVE_TYPE_SHARE: 8n, FFA_MEM_RETRIEVE_TYPE_LEND: 0x10n, FFA_MEM_RETRIEVE_TYPE_DONATE: 0x18n,
  FFA_MEM_RETRIEVE_ADDR_ALIGN_HINT: 0x200n, // BIT(9)
};

function struct(size: number, fields: [string, number, number][]): StructFacts {
  return { size, fields: new Map(fields.map(([name, offset, fieldSize]) => [name, { offset, size: fieldSize }])) };
}

/** Layouts of include/linux/arm_ffa.h (0184450b8b1e) on AAPCS64; flexible arrays have size 0. */
const FFA_STRUCTS: Record<string, StructFacts> = {
  ffa_partition_info: struct(24, [['id', 0, 2], ['exec_ctxt', 2, 2], ['properties', 4, 4], ['uuid', 8, 16]]),
  ffa_mem_region_addr_range: struct(16, [['address', 0, 8], ['pg_cnt', 8, 4], ['reserved', 12, 4]]),
  ffa_composite_mem_region: struct(16, [['total_pg_cnt', 0, 4], ['addr_range_cnt', 4, 4], ['reserved', 8, 8], ['constituents', 16, 0]]),
  ffa_mem_region_attributes: struct(16, [['receiver', 0, 2], ['attrs', 2, 1], ['flag', 3, 1], ['composite_off', 4, 4], ['reserved', 8, 8]]),
  ffa_mem_region: struct(32, [
    ['sender_id', 0, 2], ['attributes', 2, 1], ['reserved_0', 3, 1], ['flags', 4, 4], ['handle', 8, 8],
    ['tag', 16, 8], ['reserved_1', 24, 4], ['ep_count', 28, 4], ['ep_mem_access', 32, 0],
  ]),
};

function smcccId(number: number, width: 32 | 64, owner: number): bigint {
  return (1n << 31n) | (width === 64 ? 1n << 30n : 0n) | (BigInt(owner) << 24n) | BigInt(number);
}

/** Everything above as one set of header facts, for `compareFacts`. */
export function armReferenceFacts(): HeaderFacts {
  const constants = new Map<string, bigint>([...Object.entries(SMCCC), ...Object.entries(KVM_ARM64), ...Object.entries(FFA_CONSTANTS)]);
  for (const [name, number, width] of FFA_NUMBERS) constants.set(name, smcccId(number, width, 4));
  return { constants, structs: new Map(Object.entries(FFA_STRUCTS)) };
}

/** Spot values written out in full, so the FF-A expansion above is itself checked. */
export const ARM_SPOT_IDS: Record<string, bigint> = {
  PSCI_1_0_FN_PSCI_FEATURES: 0x8400000an,
  PSCI_1_1_FN64_SYSTEM_RESET2: 0xc4000012n,
  FFA_VERSION: 0x84000063n,
  FFA_FN64_MSG_SEND_DIRECT_REQ: 0xc400006fn,
  FFA_MEM_PERM_SET: 0x84000089n,
};
