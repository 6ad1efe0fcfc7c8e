/**
 * Diff rules for register maps (format 2, HV6661–HV6679). Registers are matched by name across
 * the corpus (their names are C constants, unique like every C name): a driver built against the
 * old header accesses `base + OLD offset` with the OLD width, so moving, narrowing or removing a
 * register, or taking away an access direction, breaks it; a new register or bit field does not.
 */
import type { BitField, Model, Register, RegisterMap, Spec } from '../../model/types.ts';
import type { ChangeReport } from '../types.ts';
import { defineRule, frontMatter } from './support.ts';

interface Placed {
  register: Register;
  map: RegisterMap;
  spec: Spec;
}

function registersOf(model: Model): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const spec of model.specs) {
    for (const map of spec.registers ?? []) for (const register of map.registers) if (!out.has(register.name)) out.set(register.name, { register, map, spec });
  }
  return out;
}

/** Registers present in both models, by name. */
function* matchedRegisters(old: Model, now: Model): Generator<{ old: Placed; new: Placed }> {
  const before = registersOf(old);
  for (const [name, after] of registersOf(now)) {
    const was = before.get(name);
    if (was) yield { old: was, new: after };
  }
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function extent(r: Register): string {
  return r.window ? `a window${r.size ? ` of ${r.size} bytes` : ''}` : `${r.width}-bit`;
}

export const registerRemoved = defineRule({
  id: 'register-removed',
  code: 'HV6661',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A register of a register map was removed.',
  explanation: `Drivers built against the old header use the register's offset constant; the name no
longer exists (source break) and the device no longer answers there (binary break).

Bad:

\`\`\`yaml
# old                                                         # new
- { name: X_MMIO_STATUS, offset: 0x70, width: 32, access: RW }  # (gone)
\`\`\`

Good: keep the register; if it is obsolete, mark it \`legacy: true\` under the map's \`legacy_guard\`.`,
  check({ old, new: now }, report) {
    const after = registersOf(now);
    for (const [name, was] of registersOf(old)) {
      if (after.has(name)) continue;
      const spec = now.specs.find((s) => s.id === was.spec.id);
      report({
        spec: was.spec.id, item: `${was.map.name}.${name}`,
        message: `register ${name} (offset ${hex(was.register.offset)}) of ${was.map.name} was removed`,
        hint: 'Keep the register (legacy: true if obsolete), so existing drivers still find it.',
        ...(spec ? { at: frontMatter(spec) } : {}), was: was.register.source,
      });
    }
  },
});

export const registerOffsetChanged = defineRule({
  id: 'register-offset-changed',
  code: 'HV6662',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A register moved to another offset.',
  explanation: `A driver accesses \`base + offset\` with the offset compiled into it; after the move it
reads or writes a different register.

Bad:

\`\`\`yaml
# old                                              # new
- { name: X_QUEUE_SEL, offset: 0x30, width: 32 }   - { name: X_QUEUE_SEL, offset: 0x34, width: 32 }
\`\`\`

Good: leave the register where it is and put new registers at free offsets.`,
  check({ old, new: now }, report) {
    for (const pair of matchedRegisters(old, now)) {
      const o = pair.old.register;
      const n = pair.new.register;
      if (o.offset === n.offset) continue;
      report({
        spec: pair.new.spec.id, item: `${pair.new.map.name}.${n.name}`,
        message: `register ${n.name} moved from offset ${hex(o.offset)} to ${hex(n.offset)}`,
        hint: 'Restore the old offset; add a new register instead of moving one.', at: n.source, was: o.source,
      });
    }
  },
});

export const registerWidthChanged = defineRule({
  id: 'register-width-changed',
  code: 'HV6663',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A register\'s access width (or a window\'s size) changed.',
  explanation: `Drivers access a register with exactly its width, and devices often accept no other; a
wider register also swallows the bytes of its neighbour.

Bad:

\`\`\`yaml
# old                                           # new
- { name: X_STATUS, offset: 0x70, width: 32 }   - { name: X_STATUS, offset: 0x70, width: 8 }
\`\`\`

Good: keep the width; define a new register for a new access size.`,
  check({ old, new: now }, report) {
    for (const pair of matchedRegisters(old, now)) {
      const o = pair.old.register;
      const n = pair.new.register;
      if (o.window === n.window && o.width === n.width && o.size === n.size) continue;
      report({
        spec: pair.new.spec.id, item: `${pair.new.map.name}.${n.name}`,
        message: `register ${n.name} changed from ${extent(o)} to ${extent(n)}`,
        hint: 'Restore the old width.', at: n.source, was: o.source,
      });
    }
  },
});

const READS = (r: Register): boolean => r.access !== 'WO';
const WRITES = (r: Register): boolean => r.access !== 'RO';

export const registerAccessChanged = defineRule({
  id: 'register-access-changed',
  code: 'HV6664',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A register lost an access direction (a readable register became write-only, or a writable one read-only).',
  explanation: `Drivers that read (or write) the register keep doing so; the device now ignores or
faults the access. Gaining a direction (RO → RW) is compatible and is not reported.

Bad:

\`\`\`yaml
# old                                         # new
- { name: X_QUEUE_READY, access: RW, … }      - { name: X_QUEUE_READY, access: WO, … }
\`\`\`

Good: keep the access; define a new register when the behaviour must change.`,
  check({ old, new: now }, report) {
    for (const pair of matchedRegisters(old, now)) {
      const o = pair.old.register;
      const n = pair.new.register;
      const lost = [READS(o) && !READS(n) ? 'reads' : '', WRITES(o) && !WRITES(n) ? 'writes' : ''].filter((s) => s !== '');
      if (lost.length === 0) continue;
      report({
        spec: pair.new.spec.id, item: `${pair.new.map.name}.${n.name}`,
        message: `register ${n.name} changed from ${o.access} to ${n.access}: it no longer accepts ${lost.join(' or ')}`,
        hint: `Restore ${o.access}.`, at: n.source, was: o.source,
      });
    }
  },
});

function bitPairs(old: Model, now: Model, each: (pair: { old: Placed; new: Placed }, o: BitField, n: BitField | undefined) => void): void {
  for (const pair of matchedRegisters(old, now)) {
    for (const o of pair.old.register.bitfields) each(pair, o, pair.new.register.bitfields.find((b) => b.name === o.name));
  }
}

export const registerBitMoved = defineRule({
  id: 'register-bit-moved',
  code: 'HV6665',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A bit field of a register moved or changed width.',
  explanation: `The mask constant compiled into old drivers tests or sets the old bits.

Bad:

\`\`\`yaml
# old                                        # new
- { name: X_INT_CONFIG, bit: 1 }             - { name: X_INT_CONFIG, bit: 2 }
\`\`\`

Good: keep the bits; give a new meaning a new bit and a new name.`,
  check({ old, new: now }, report) {
    bitPairs(old, now, (pair, o, n) => {
      if (!n || (n.bit === o.bit && n.width === o.width)) return;
      report({
        spec: pair.new.spec.id, item: `${pair.new.register.name}.${o.name}`,
        message: `bit field ${o.name} of ${pair.new.register.name} moved from bit${o.width > 1 ? 's' : ''} ${range(o)} to ${range(n)}`,
        hint: 'Restore the old bits.', at: pair.new.register.source, was: pair.old.register.source,
      });
    });
  },
});

function range(b: BitField): string {
  return b.width === 1 ? String(b.bit) : `${b.bit}–${b.bit + b.width - 1}`;
}

export const registerBitRemoved = defineRule({
  id: 'register-bit-removed',
  code: 'HV6666',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'A bit field of a register was removed.',
  explanation: `Old drivers still use the mask; the name is gone from the header, and if a later
revision reuses the bits, old and new peers disagree. A reviewer decides; suppress with the reason.

Bad:

\`\`\`yaml
# old                                         # new
- { name: X_INT_VRING, bit: 0 }               # (gone)
\`\`\`

Good: keep the bit field and mark it deprecated in its \`doc\`.`,
  check({ old, new: now }, report) {
    bitPairs(old, now, (pair, o, n) => {
      if (n) return;
      report({
        spec: pair.new.spec.id, item: `${pair.new.register.name}.${o.name}`,
        message: `bit field ${o.name} (bit ${range(o)}) of ${pair.new.register.name} was removed`,
        hint: 'Keep the bit field (deprecated in its doc).', at: pair.new.register.source, was: pair.old.register.source,
      });
    });
  },
});

export const registerAdded = defineRule({
  id: 'register-added',
  code: 'HV6667',
  layer: 'WIRE',
  severity: 'note',
  summary: 'A register or a bit field was added to a register map (compatible).',
  explanation: `Existing drivers never access the new register or test the new bits; new drivers can.
A compatible change: a minor version.

Example: \`- { name: X_QUEUE_RESET, offset: 0xc0, width: 32, access: RW }\` added at a free offset.`,
  check({ old, new: now }, report) {
    const before = registersOf(old);
    const oldSpecs = new Set(old.specs.map((s) => s.id));
    for (const [name, after] of registersOf(now)) {
      const was = before.get(name);
      const found: ChangeReport[] = [];
      // A new standard is one finding of item-added (HV6108), not one per register.
      if (!was && !oldSpecs.has(after.spec.id)) continue;
      if (!was) {
        found.push({ spec: after.spec.id, item: `${after.map.name}.${name}`, message: `register ${name} (offset ${hex(after.register.offset)}) was added to ${after.map.name}`, at: after.register.source });
      } else {
        for (const b of after.register.bitfields) {
          if (was.register.bitfields.some((o) => o.name === b.name)) continue;
          found.push({ spec: after.spec.id, item: `${name}.${b.name}`, message: `bit field ${b.name} (bit ${range(b)}) was added to ${name}`, at: after.register.source });
        }
      }
      for (const change of found) report(change);
    }
  },
});

export const registerRules = [registerRemoved, registerOffsetChanged, registerWidthChanged, registerAccessChanged, registerBitMoved, registerBitRemoved, registerAdded];
