/**
 * The register maps of the transport standards with each register's offset as the Linux uapi
 * header gives it (measured by the C compiler through header-probe.ts), for the accessor tests
 * of the Rust and TypeScript targets: an accessor must reach the byte Linux's constant names,
 * not the offset hvspec computed. Registers Linux does not name (VIRTIO 1.3 additions) are left
 * out; the width comes from the standard, since a header has no widths.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Model, Register, RegisterMap } from '../../src/model/types.ts';
import { probeHeaders, scanHeader } from './header-probe.ts';

const LINUX = '/usr/include/linux';

/** Which Linux header names the registers of which map. */
export const LINUX_REGISTER_MAPS: { spec: string; map: string; header: string }[] = [
  { spec: 'virtio-mmio', map: 'virtio_mmio', header: 'virtio_mmio.h' },
  { spec: 'virtio-pci', map: 'virtio_pci_common', header: 'virtio_pci.h' },
  { spec: 'virtio-pci', map: 'virtio_pci_legacy', header: 'virtio_pci.h' },
  { spec: 'virtio-pci', map: 'virtio_pci_cap_fields', header: 'virtio_pci.h' },
];

export interface LinuxRegister {
  register: Register;
  /** Offset from the Linux header. */
  linuxOffset: number;
}

export function linuxHeadersPresent(): boolean {
  return LINUX_REGISTER_MAPS.every((m) => existsSync(join(LINUX, m.header)));
}

/** Each map of LINUX_REGISTER_MAPS with its Linux-named registers (Linux's offsets). */
export function linuxRegisterMaps(model: Model): { spec: string; map: RegisterMap; registers: LinuxRegister[] }[] {
  const probed = new Map<string, Map<string, bigint>>();
  return LINUX_REGISTER_MAPS.map(({ spec, map, header }) => {
    const found = model.specs.find((s) => s.id === spec)?.registers?.find((m) => m.name === map);
    if (!found) throw new Error(`${spec} has no register map ${map}`);
    if (!probed.has(header)) probed.set(header, probeHeaders([`linux/${header}`], scanHeader(join(LINUX, header))).constants);
    const constants = probed.get(header)!;
    const registers = found.registers.filter((r) => constants.has(r.name) && !r.window)
      .map((register) => ({ register, linuxOffset: Number(constants.get(register.name)!) }));
    return { spec, map: found, registers };
  });
}

/** A distinct test value for the i-th register of `width` bits (never 0, every byte different). */
export function patternFor(i: number, width: number): bigint {
  const bytes = width / 8;
  let value = 0n;
  for (let b = 0; b < bytes; b++) value |= BigInt((0x11 * (b + 1) + i * 7) & 0xff || 0x5a) << BigInt(8 * b);
  return value;
}
