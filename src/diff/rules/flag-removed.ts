import { defineRule, fieldPairs } from './support.ts';

interface Bits { name: string; bit: number; width: number }

export const flagRemoved = defineRule({
  id: 'flag-removed',
  code: 'HV6215',
  layer: 'WIRE',
  severity: 'danger',
  summary: 'A flag, or a bit field inside an integer field, was removed.',
  explanation: `Old peers still set the bits. If new readers ignore unknown bits that is harmless; if a
later revision reuses the bits, old and new peers disagree. When the same bits now carry a new name this
may also be a plain rename. A reviewer decides; suppress with the reason.

Bad:

\`\`\`yaml
# old                                         # new
- { name: VIRTIO_X_FLAGS_RD, bit: 1 }         # (gone)
\`\`\`

Good: keep the flag and mark it deprecated in its \`doc\`, so its bit is never reused.`,
  check({ index }, report) {
    const gone = <T extends Bits>(olds: T[], news: T[]) => olds.filter((o) => !news.some((n) => n.name === o.name));
    const now = (news: Bits[], o: Bits) => news.find((n) => n.bit === o.bit && n.width === o.width)?.name;
    for (const pair of index.flags.matched) {
      for (const o of gone(pair.old.flags, pair.new.flags)) {
        const successor = now(pair.new.flags, o);
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${o.name}`,
          message: `flag ${o.name} (bit ${o.bit}) of ${pair.new.name} was removed${successor ? `; the bit is now ${successor}` : ''}`,
          hint: 'Keep the flag (deprecated in its doc); if this is a rename, suppress with that reason.',
          at: pair.new.source,
          was: o.source,
        });
      }
    }
    for (const pair of fieldPairs(index)) {
      for (const o of gone(pair.old.bitfields, pair.new.bitfields)) {
        const successor = now(pair.new.bitfields, o);
        report({
          spec: pair.spec.id,
          item: `${pair.item}.${o.name}`,
          message: `bit field ${pair.item}.${o.name} (bit ${o.bit}) was removed${successor ? `; the bits are now ${successor}` : ''}`,
          hint: 'Keep the bit field (deprecated in its doc); if this is a rename, suppress with that reason.',
          at: pair.new.source,
          was: pair.old.source,
        });
      }
    }
  },
});
