import { defineRule } from './support.ts';

export const virtqueueOrderChanged = defineRule({
  id: 'virtqueue-order-changed',
  code: 'HV6406',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A virtqueue moved to another index.',
  explanation: `Drivers set up virtqueues by index (queue_select); the index is the only thing that says
which queue is which. Moving a queue makes old drivers send requests to the wrong queue.

Bad:

\`\`\`yaml
# old                                   # new
virtqueues:                             virtqueues:
  - { index: 0, name: requestq }          - { index: 0, name: eventq }
  - { index: 1, name: eventq }            - { index: 1, name: requestq }
\`\`\`

Good: append new queues after the last index.`,
  check({ index }, report) {
    for (const pair of index.devices.matched) {
      for (const queue of pair.old.virtqueues) {
        const now = pair.new.virtqueues.find((q) => q.name === queue.name);
        if (!now || now.index === queue.index) continue;
        report({
          spec: pair.newSpec.id,
          item: `${pair.new.name}.${queue.name}`,
          message: `virtqueue ${queue.name} of device ${pair.new.name} moved from index ${queue.index} to ${now.index}`,
          hint: 'Drivers address queues by index: restore the published order and append new queues.',
          at: pair.new.source,
          was: pair.old.source,
        });
      }
    }
  },
});
