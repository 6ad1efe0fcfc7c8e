/**
 * Codes of the register-map checks (HV4160–HV4179, src/model/build-registers.ts): layout of a
 * `registers` block. Kept apart from core-codes.ts so the format-2 kinds each own their range.
 */
import type { CodeDoc } from './catalogue.ts';
import { codeDoc as c } from './core-codes.ts';

export const registerCodes: CodeDoc[] = [
  c('HV4160', 'register-misaligned', 'error', 'A register\'s offset is not a multiple of its width in bytes.',
    'Registers are naturally aligned: a driver reads a 32-bit register with one 32-bit access at base + offset, and many buses fault or split a misaligned access.\n\nBad: `{ name: X_STATUS, offset: 0x072, width: 32, access: RW }`.\n\nGood: `offset: 0x070`.'),
  c('HV4161', 'register-overlap', 'error', 'Two registers (or a register and a window) share bytes.',
    'Each byte of a map belongs to one register, unless the second one is declared as another view of the same bytes with `alias_of: <first>`. An open-ended window (`window: 0`) runs to the end of the map, so nothing may follow it.\n\nBad: a 32-bit register at 0x10 and another at 0x12.\n\nGood: move the second to 0x14, or add `alias_of`.'),
  c('HV4162', 'register-bitfield-outside', 'error', 'A bit field of a register lies outside the register\'s width.',
    'Bits of an N-bit register are numbered 0 to N-1.\n\nBad: `{ name: X_INT_LATE, bit: 32 }` in a 32-bit register.\n\nGood: `bit: 2`, or `width: 64` on the register.'),
  c('HV4163', 'register-bitfield-overlap', 'error', 'Two bit fields of a register share a bit.',
    'Each bit of a register belongs to one bit field; the masks would otherwise overlap in every generated language.\n\nBad: `{ name: A, bit: 0, width: 2 }` and `{ name: B, bit: 1 }`.\n\nGood: `{ name: B, bit: 2 }`.'),
  c('HV4164', 'register-reset-too-wide', 'error', 'A register\'s reset value does not fit its width.',
    'The reset value is what a driver reads after reset; it cannot have more bits than the register.\n\nBad: `{ width: 16, reset: 0x10000 }`.\n\nGood: `reset: 0xffff`.'),
  c('HV4165', 'register-alias-unknown', 'error', '`alias_of` names no other register of the map.',
    '`alias_of` declares that this register is a second view of another register\'s bytes in the same map; the hint suggests the closest name.'),
  c('HV4166', 'register-width-or-window', 'error', 'A register has both or neither of `width` and `window`.',
    'A register has an access width (`width: 8`, `16`, `32` or `64`); a byte window such as the device configuration space has `window: <bytes>` (0 when its size is up to the device). Write exactly one.'),
  c('HV4167', 'register-legacy-without-guard', 'warning', 'A register is marked legacy, but its map has no `legacy_guard`.',
    'C headers hide legacy registers under a guard macro (`#ifndef VIRTIO_MMIO_NO_LEGACY`), so a modern driver cannot use them by mistake. Without `legacy_guard` the register is emitted unguarded.\n\nGood: `legacy_guard: VIRTIO_MMIO_NO_LEGACY` on the block.'),
  c('HV4168', 'register-reset-write-only', 'warning', 'A write-only register states a reset value.',
    'A driver cannot read a write-only register, so its reset value is unobservable; it is probably the access that is wrong. Remove `reset` or make the register RW.'),
  c('HV4169', 'register-window-bitfields', 'error', 'A window has bit fields.',
    'A window (`window:`) is a range of bytes whose layout another item describes (the device\'s configuration struct); bit fields belong to registers with a width.'),
];
