import { quote } from '../diagnostics/report.ts';
import type { Device, Feature, Spec } from '../model/types.ts';
import type { Rule } from './rule.ts';

/** VIRTIO 1.3 §2.2 "Feature Bits": which bit ranges each kind of feature may use. */
export const DEVICE_FEATURE_RANGES: [number, number][] = [[0, 23], [50, 127]];
export const TRANSPORT_FEATURE_RANGE: [number, number] = [24, 41];

/**
 * Standard-library specs first: the registry spans them and the repository's own standards, and a
 * number the library already assigns is then reported on the repository's document, which is the one to change.
 */
export const librariesFirst = (specs: readonly Spec[]): Spec[] =>
  [...specs.filter((s) => s.library !== undefined), ...specs.filter((s) => s.library === undefined)];

const inRanges = (bit: number, ranges: [number, number][]): boolean => ranges.some(([lo, hi]) => bit >= lo && bit <= hi);

/**
 * Device IDs are unique across the corpus and its standard libraries; feature bits are unique per device, lie in the range
 * their kind may use, and device bits never reuse a transport bit; virtqueues are numbered 0, 1, 2…
 */
export const virtioRegistry: Rule = {
  id: 'virtio-registry',
  codes: ['HV4010', 'HV4011', 'HV4012', 'HV4014'],
  summary: 'Virtio device IDs, feature bits and virtqueue indexes are unique and in range.',
  check({ model, sources, report }) {
    const devicesById = new Map<number, Device>();
    const transport = new Map<number, Feature>();
    for (const spec of librariesFirst(model.specs)) {
      for (const set of spec.features) {
        for (const f of set.features) {
          const at = sources.at(f, 'bit')!;
          if (!inRanges(f.bit, [TRANSPORT_FEATURE_RANGE])) {
            report.add('HV4012', at.file, at.range, `Transport feature ${quote(f.name)} uses bit ${sources.decimal(f, 'bit', f.bit)}, outside the transport range ${TRANSPORT_FEATURE_RANGE.join('–')}.`,
              { hint: 'VIRTIO 1.3 §2.2 reserves bits 24–41 for transport and queue features.' });
          }
          const twin = transport.get(f.bit);
          if (twin) {
            const other = sources.at(twin, 'bit')!;
            report.add('HV4011', at.file, at.range, `Transport feature bit ${sources.decimal(f, 'bit', f.bit)} is defined twice (${quote(twin.name)} and ${quote(f.name)}).`,
              { related: [{ file: other.file, range: other.range, message: 'first defined here' }] });
          } else transport.set(f.bit, f);
        }
      }
    }
    for (const spec of librariesFirst(model.specs)) {
      for (const device of spec.devices) {
        const idAt = sources.at(device, 'id')!;
        const twin = devicesById.get(device.id);
        if (twin) {
          const other = sources.at(twin, 'id')!;
          report.add('HV4010', idAt.file, idAt.range, `Device ID ${sources.decimal(device, 'id', device.id)} is used by ${quote(twin.name)} and ${quote(device.name)}.`,
            { hint: 'Device IDs are allocated by the VIRTIO registry; use the one assigned to this device.', related: [{ file: other.file, range: other.range, message: 'also used here' }] });
        } else devicesById.set(device.id, device);
        const bits = new Map<number, Feature>();
        for (const f of device.features) {
          const at = sources.at(f, 'bit')!;
          if (!inRanges(f.bit, DEVICE_FEATURE_RANGES)) {
            report.add('HV4012', at.file, at.range, `Device feature ${quote(f.name)} uses bit ${sources.decimal(f, 'bit', f.bit)}, outside the device-specific ranges 0–23 and 50–127.`,
              { hint: 'VIRTIO 1.3 §2.2: bits 24–41 are for transport features, 42–49 are reserved.' });
          }
          const same = bits.get(f.bit) ?? transport.get(f.bit);
          if (same) {
            const other = sources.at(same, 'bit')!;
            report.add('HV4011', at.file, at.range, `Feature bit ${sources.decimal(f, 'bit', f.bit)} of ${quote(device.name)} is already ${quote(same.name)}.`,
              { related: [{ file: other.file, range: other.range, message: 'defined here' }] });
          } else bits.set(f.bit, f);
        }
        // First position of each index: a map, not indexOf per queue (quadratic in the queue count).
        const firstAt = new Map<number, number>();
        device.virtqueues.forEach((q, i) => { if (!firstAt.has(q.index)) firstAt.set(q.index, i); });
        device.virtqueues.forEach((q, i) => {
          if (q.index !== i || firstAt.get(q.index) !== i) {
            const at = sources.at(device, `virtqueues/${i}/index`)!;
            report.add('HV4014', at.file, at.range, `Virtqueue ${quote(q.name)} has index ${sources.decimal(device, `virtqueues/${i}/index`, q.index)}; expected ${i}.`,
              { hint: 'List virtqueues in order, numbered 0, 1, 2 …' });
          }
        });
      }
    }
  },
};
