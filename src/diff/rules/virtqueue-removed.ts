import { defineRule } from './support.ts';

export const virtqueueRemoved = defineRule({
  id: 'virtqueue-removed',
  code: 'HV6407',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A virtqueue index of a device no longer exists, or holds a different queue whose old name is gone.',
  explanation: `Old drivers set up and use every published queue. If the index disappears, they fail to
initialise the device; if it now has a new name and the old name is gone, it may be a rename or a new
queue in its place.

Bad:

\`\`\`yaml
# old                                   # new
virtqueues:                             virtqueues:
  - { index: 0, name: requestq }          - { index: 0, name: requestq }
  - { index: 1, name: eventq }
\`\`\`

Good: keep every published queue; document an unused one as such.`,
  check({ index }, report) {
    for (const pair of index.devices.matched) {
      for (const queue of pair.old.virtqueues) {
        if (pair.new.virtqueues.some((q) => q.name === queue.name)) continue;
        const successor = pair.new.virtqueues.find((q) => q.index === queue.index);
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${queue.name}`,
          message: successor
            ? `virtqueue ${queue.index} of device ${pair.new.name} was ${queue.name} and is now ${successor.name}`
            : `virtqueue ${queue.name} (index ${queue.index}) of device ${pair.new.name} was removed`,
          hint: 'Old drivers set up every published queue: keep it.',
          at: pair.new.source,
          was: pair.old.source,
        });
      }
    }
  },
});
