/**
 * Accessor names of a register map, shared by the Rust and TypeScript targets so the two agree:
 * the register's C name without the words every register of the map starts with
 * (`VIRTIO_MMIO_QUEUE_NUM_MAX` in virtio_mmio → `QUEUE_NUM_MAX`), split into lower-case words.
 * A stem that would start with a digit, or be empty, keeps the full name.
 */
import type { RegisterMap } from '../src/model/types.ts';

/** Words of each register's accessor, by register name. */
export function registerAccessorWords(map: RegisterMap): Map<string, string[]> {
  const split = map.registers.map((r) => r.name.split('_').filter((w) => w !== ''));
  let common = 0;
  if (split.length > 1) {
    const shortest = Math.min(...split.map((w) => w.length));
    while (common < shortest - 1 && split.every((w) => w[common] === split[0]![common])) common++;
  }
  const out = new Map<string, string[]>();
  map.registers.forEach((r, i) => {
    const words = split[i]!.slice(common);
    const usable = words.length > 0 && /^[A-Za-z]/.test(words[0]!);
    out.set(r.name, (usable ? words : split[i]!).map((w) => w.toLowerCase()));
  });
  return out;
}
