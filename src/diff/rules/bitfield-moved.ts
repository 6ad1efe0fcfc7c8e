import type { SourceRef } from '../../model/types.ts';
import { defineRule, fieldPairs } from './support.ts';

interface Bits { name: string; bit: number; width: number }

function moved<T extends Bits>(olds: T[], news: T[]): Array<[T, T]> {
  return olds.flatMap((o) => {
    const n = news.find((x) => x.name === o.name);
    return n && (n.bit !== o.bit || n.width !== o.width) ? [[o, n] as [T, T]] : [];
  });
}

const range = (b: Bits) => (b.width === 1 ? `bit ${b.bit}` : `bits ${b.bit + b.width - 1}:${b.bit}`);

export const bitfieldMoved = defineRule({
  id: 'bitfield-moved',
  code: 'HV6210',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A flag or a bit field inside an integer field moved to other bits or changed width.',
  explanation: `Old binaries test and set the old bits. After the move they set bits that now mean
something else, or that the peer ignores.

Bad:

\`\`\`yaml
# old                                         # new
- { name: VIRTIO_X_FLAGS_RD, bit: 1 }         - { name: VIRTIO_X_FLAGS_RD, bit: 2 }
\`\`\`

Good: bits never move; use a free bit for a new flag.`,
  check({ index }, report) {
    const emit = (spec: string, item: string, o: Bits, n: Bits, at: SourceRef, was: SourceRef) =>
      report({
        spec, item, at, was,
        message: `${item} moved from ${range(o)} to ${range(n)}`,
        hint: 'Restore the published bit position and width; a new meaning needs free bits.',
      });
    for (const pair of index.flags.matched) {
      for (const [o, n] of moved(pair.old.flags, pair.new.flags)) {
        emit(pair.newSpec.id, `${pair.new.name}.${n.name}`, o, n, n.source, o.source);
      }
    }
    for (const pair of fieldPairs(index)) {
      for (const [o, n] of moved(pair.old.bitfields, pair.new.bitfields)) {
        emit(pair.spec.id, `${pair.item}.${n.name}`, o, n, pair.new.source, pair.old.source);
      }
    }
  },
});
