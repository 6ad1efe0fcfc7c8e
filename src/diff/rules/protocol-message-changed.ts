import { renamesOf } from '../renames.ts';
import { defineRule, frontMatterInNew } from './support.ts';

export const protocolMessageChanged = defineRule({
  id: 'protocol-message-changed',
  code: 'HV6218',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A message protocol changed its header, discriminator or type enum, or a message was removed or changed its payload, reply or direction.',
  explanation: `Peers parse each message by its header: the discriminator field picks the message type,
which picks the payload struct and the expected reply. Changing any of these makes old and new peers
parse the same bytes differently, or wait for a reply that never comes.

Bad:

\`\`\`yaml
# old                                                        # new
- { name: VIRTIO_SND_R_PCM_INFO, direction: driver-to-device,  - { name: VIRTIO_SND_R_PCM_INFO, direction: driver-to-device,
    payload: virtio_snd_query_info, reply: virtio_snd_hdr }        payload: virtio_snd_query_info_v2, reply: virtio_snd_hdr }
\`\`\`

Good: a new payload is a new message type with a new value.`,
  check({ index, old: oldModel, new: newModel }, report) {
    const renamed = renamesOf(index).types;
    const same = (a: string | null, b: string | null) => a === b || (a !== null && renamed.get(a) === b);
    const oldProtocols = oldModel.specs.flatMap((spec) => spec.protocols.map((p) => ({ p, spec })));
    for (const { p: old, spec } of oldProtocols) {
      const found = newModel.specs.flatMap((s) => s.protocols.map((p) => ({ p, spec: s }))).find((x) => x.p.name === old.name);
      if (!found) {
        report({
          spec: spec.id, item: old.name, was: old.source,
          at: frontMatterInNew(index, spec.id),
          message: `protocol ${old.name} was removed`,
          hint: 'Peers still exchange its messages: keep the protocol (deprecated in its doc).',
        });
        continue;
      }
      const next = found.p;
      const emit = (item: string, message: string) => report({
        spec: found.spec.id, item, message, at: next.source, was: old.source,
        hint: 'Peers parse messages by the published header, type and payload: keep them, add new message types instead.',
      });
      if (!same(old.header, next.header)) emit(old.name, `protocol ${old.name}: header changed from ${old.header} to ${next.header}`);
      if (old.discriminator !== next.discriminator) emit(old.name, `protocol ${old.name}: discriminator changed from ${old.discriminator} to ${next.discriminator}`);
      if (!same(old.messageTypes, next.messageTypes)) emit(old.name, `protocol ${old.name}: message types now come from ${next.messageTypes} instead of ${old.messageTypes}`);
      for (const message of old.messages) {
        const item = `${old.name}.${message.name}`;
        const now = next.messages.find((m) => m.name === message.name);
        if (!now) {
          emit(item, `message ${message.name} of protocol ${old.name} was removed`);
          continue;
        }
        if (!same(message.payload, now.payload)) emit(item, `message ${message.name}: payload changed from ${message.payload ?? '(none)'} to ${now.payload ?? '(none)'}`);
        if (message.reply !== now.reply && !same(message.reply, now.reply)) emit(item, `message ${message.name}: reply changed from ${message.reply ?? '(none)'} to ${now.reply ?? '(none)'}`);
        if (message.direction !== now.direction) emit(item, `message ${message.name}: direction changed from ${message.direction} to ${now.direction}`);
      }
    }
  },
});
