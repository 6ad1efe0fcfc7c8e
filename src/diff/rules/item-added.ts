import type { SourceRef } from '../../model/types.ts';
import { hex } from '../describe.ts';
import { renameTargets } from '../renames.ts';
import { defineRule, frontMatter } from './support.ts';
import { sharedOwners } from './feature-bits.ts';
import { strength } from './requirement-levels.ts';

export const itemAdded = defineRule({
  id: 'item-added',
  code: 'HV6108',
  layer: 'SOURCE',
  severity: 'note',
  summary: 'Something new was defined: a standard, type, constant, value, flag, feature bit, device, virtqueue, request, conduit, function or requirement.',
  explanation: `Additions are compatible: old binaries never use what they do not know. They are listed for
reviewers and the changelog, and they call for a minor version bump (\`version-bump-suggested\`).
Additions that can break are reported by their own rules (\`struct-extended\`, \`call-argument-added\`,
\`requirement-added-must\`).

Example:

\`\`\`yaml
# old                                                   # new
features:                                               features:
  - { bit: 0, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }    - { bit: 0, name: VIRTIO_I2C_F_ZERO_LENGTH_REQUEST }
                                                          - { bit: 1, name: VIRTIO_I2C_F_TEN_BIT }
\`\`\``,
  check(context, report) {
    const { index } = context;
    const renamed = renameTargets(index);
    const add = (spec: string, item: string, message: string, at?: SourceRef) => report({ spec, item, message, at });
    const newSpecIds = new Set(index.specs.added.map((s) => s.item.id));
    for (const { item } of index.specs.added) add(item.id, item.id, `new standard ${item.id} (${item.version})`, frontMatter(item));
    // Items of a new standard are part of its own entry, not listed one by one.
    const inOldSpec = (spec: { id: string }) => !newSpecIds.has(spec.id);
    for (const [kind, matching] of [['type', index.structs], ['enum', index.enums], ['flag set', index.flags]] as const) {
      for (const { item, spec } of matching.added) {
        if (inOldSpec(spec) && !renamed.has(item.name)) add(spec.id, item.name, `new ${kind} ${item.name}`, item.source);
      }
    }
    for (const { item, spec } of index.constants.added) {
      if (inOldSpec(spec)) add(spec.id, item.name, `new constant ${item.name} = ${item.value}`, item.source);
    }
    for (const { item, spec } of index.devices.added) {
      if (inOldSpec(spec) && !renamed.has(item.name)) add(spec.id, item.name, `new device ${item.name} (ID ${item.id})`, item.source);
    }
    for (const { item, spec } of index.hypercalls.added) {
      if (inOldSpec(spec) && !renamed.has(item.name)) add(spec.id, item.name, `new hypercall interface ${item.name}`, item.source);
    }
    const oldInterfaces = new Set(index.hypercalls.matched.map((p) => p.new.name));
    for (const { item, spec } of index.functions.added) {
      const before = index.hypercalls.matched.find((p) => p.new.name === item.interface.name)?.old;
      if (!oldInterfaces.has(item.interface.name) || before?.functions.some((f) => f.name === item.fn.name)) continue;
      add(spec.id, `${item.interface.name}.${item.fn.name}`, `new function ${item.interface.name}.${item.fn.name} (ID ${hex(item.fn.id)})`, item.fn.source);
    }
    const owners = sharedOwners(index);
    for (const { item, spec } of index.features.added) {
      if (!owners.has(item.owner) || !inOldSpec(spec)) continue;
      const moved = index.features.removed.some((r) => r.item.owner === item.owner && r.item.name === item.name);
      if (!moved) add(spec.id, item.name, `new feature bit ${item.bit} (${item.name}) of ${item.ownerLabel}`, item.source);
    }
    for (const pair of index.enums.matched) {
      const oldValues = new Set(pair.old.values.map((v) => v.value));
      for (const value of pair.new.values) {
        if (!pair.old.values.some((v) => v.name === value.name) && !oldValues.has(value.value)) {
          add(pair.newSpec.id, `${pair.new.name}.${value.name}`, `new value ${value.name} = ${value.value} in ${pair.new.name}`, value.source);
        }
      }
    }
    for (const pair of index.flags.matched) {
      for (const flag of pair.new.flags) {
        const taken = pair.old.flags.some((f) => f.name === flag.name || (f.bit === flag.bit && f.width === flag.width));
        if (!taken) add(pair.newSpec.id, `${pair.new.name}.${flag.name}`, `new flag ${flag.name} (bit ${flag.bit}) in ${pair.new.name}`, flag.source);
      }
    }
    for (const pair of index.devices.matched) {
      for (const queue of pair.new.virtqueues) {
        if (!pair.old.virtqueues.some((q) => q.name === queue.name || q.index === queue.index)) {
          add(pair.newSpec.id, `${pair.new.name}.${queue.name}`, `new virtqueue ${queue.name} (index ${queue.index}) of device ${pair.new.name}`, pair.new.source);
        }
      }
      for (const request of pair.new.requests) {
        if (!pair.old.requests.some((r) => r.name === request.name)) {
          add(pair.newSpec.id, `${pair.new.name}.${request.name}`, `new request ${request.name} of device ${pair.new.name}`, pair.new.source);
        }
      }
      if (!pair.old.config && pair.new.config) {
        add(pair.newSpec.id, pair.new.name, `device ${pair.new.name} gained config space ${pair.new.config}`, pair.new.source);
      }
    }
    for (const pair of index.hypercalls.matched) {
      for (const conduit of pair.new.conduits) {
        if (!pair.old.conduits.includes(conduit)) add(pair.newSpec.id, pair.new.name, `interface ${pair.new.name} can now also be called through ${conduit}`, pair.new.source);
      }
    }
    for (const spec of context.new.specs) {
      if (!inOldSpec(spec)) continue;
      for (const protocol of spec.protocols) {
        const before = context.old.specs.flatMap((s) => s.protocols).find((p) => p.name === protocol.name);
        if (!before) {
          add(spec.id, protocol.name, `new protocol ${protocol.name}`, protocol.source);
          continue;
        }
        for (const message of protocol.messages) {
          if (!before.messages.some((m) => m.name === message.name)) {
            add(spec.id, `${protocol.name}.${message.name}`, `new message ${message.name} in protocol ${protocol.name}`, protocol.source);
          }
        }
      }
    }
    for (const { item, spec } of index.requirements.added) {
      if (!inOldSpec(spec) || strength(item.level) === 2) continue; // new MUSTs: requirement-added-must
      const renamedReq = index.requirements.removed.some((r) => r.item.text === item.text && r.item.level === item.level && r.item.role === item.role);
      if (!renamedReq) add(spec.id, `req:${item.id}`, `new requirement ${item.id} (${item.role} ${item.level})`, item.source);
    }
  },
});
