import { defineRule } from './support.ts';

export const deviceIdChanged = defineRule({
  id: 'device-id-changed',
  code: 'HV6401',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A virtio device kept its name but got a different device ID.',
  explanation: `The device ID is how a driver finds its device (PCI device ID 0x1040 + ID, the MMIO
DeviceID register). Old drivers no longer bind to new devices, and may bind to a different device that
now has the old ID.

Bad:

\`\`\`yaml
# old                                   # new
name: i2c-adapter                       name: i2c-adapter
id: 34                                  id: 35
\`\`\`

Good: device IDs are allocated by the VIRTIO TC and never change.`,
  check({ index }, report) {
    for (const pair of index.devices.matched) {
      if (pair.old.id === pair.new.id) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `device ${pair.new.name} changed ID from ${pair.old.id} to ${pair.new.id}`,
        hint: 'Drivers bind by device ID: restore the published ID.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
