import { renamesOf } from '../renames.ts';
import { defineRule } from './support.ts';

export const deviceConfigChanged = defineRule({
  id: 'device-config-changed',
  code: 'HV6408',
  layer: 'NEGOTIATION',
  severity: 'error',
  summary: 'A device now uses a different config-space struct, or lost its config space.',
  explanation: `Drivers read device configuration at fixed offsets of the config struct. Replacing the
struct changes those offsets for every old driver. (Changes inside the same struct are reported by the
struct rules.) Adding a config space to a device that had none is compatible.

Bad:

\`\`\`yaml
# old                                   # new
config: virtio_x_config                 config: virtio_x_config_v2
\`\`\`

Good: extend the existing struct at its end, behind a feature bit.`,
  check({ index }, report) {
    const renamed = renamesOf(index).types;
    for (const pair of index.devices.matched) {
      const { config } = pair.old;
      if (!config || config === pair.new.config || renamed.get(config) === pair.new.config) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `device ${pair.new.name} config space is now ${pair.new.config ?? '(none)'} instead of ${config}`,
        hint: 'Drivers read config fields at fixed offsets: keep the published config struct.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
  },
});
