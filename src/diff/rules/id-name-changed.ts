import { defineRule } from './support.ts';

export const idNameChanged = defineRule({
  id: 'id-name-changed',
  code: 'HV6107',
  layer: 'SOURCE',
  severity: 'warning',
  summary: 'The generated constant naming a device ID or function ID changed.',
  explanation: `\`id_name\` (or the default derived from the name) is the C macro vendors use, such as
\`VIRTIO_ID_I2C_ADAPTER\` or \`PSCI_0_2_FN64_CPU_ON\`. The number stays the same, but code naming the
macro stops compiling.

Bad:

\`\`\`yaml
# old                                        # new
id_name: PSCI_0_2_FN64_CPU_ON                id_name: PSCI_FN64_CPU_ON
\`\`\`

Good: keep the published constant name.`,
  check({ index }, report) {
    for (const pair of index.devices.matched) {
      if (pair.old.idName === pair.new.idName) continue;
      report({
        spec: pair.newSpec.id,
        item: pair.new.name,
        message: `device ${pair.new.name}: ID constant renamed from ${pair.old.idName} to ${pair.new.idName}`,
        hint: 'Keep the published constant name (set `id_name`).',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
    for (const pair of index.functions.matched) {
      // A renamed function's constant follows its name; function-renamed already says so.
      if (pair.old.fn.idName === pair.new.fn.idName || pair.old.fn.name !== pair.new.fn.name) continue;
      report({
        spec: pair.newSpec.id,
        item: `${pair.new.interface.name}.${pair.new.fn.name}`,
        message: `function ${pair.new.interface.name}.${pair.new.fn.name}: ID constant renamed from ${pair.old.fn.idName} to ${pair.new.fn.idName}`,
        hint: 'Keep the published constant name (set `id_name`).',
        at: pair.new.fn.source,
        was: pair.old.fn.source,
      });
    }
  },
});
