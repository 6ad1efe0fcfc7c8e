import type { TypeRef } from '../../model/types.ts';
import { renamesOf } from '../renames.ts';
import { typeText } from '../describe.ts';
import { defineRule } from './support.ts';

export const deviceRequestChanged = defineRule({
  id: 'device-request-changed',
  code: 'HV6217',
  layer: 'WIRE',
  severity: 'error',
  summary: 'A device request changed its queue or the parts of its request or response, or was removed.',
  explanation: `A request is the sequence of buffers a driver puts on a virtqueue: device-readable parts,
then device-writable parts. Old drivers build exactly the published sequence on the published queue.

Bad:

\`\`\`yaml
# old                                            # new
request: [virtio_i2c_out_hdr, "u8[]"]            request: [virtio_i2c_out_hdr]
\`\`\`

Good: a new request shape is a new request (or a new message type), not an edit of a published one.`,
  check({ index }, report) {
    const renamed = renamesOf(index).types;
    const text = (parts: TypeRef[]) => parts.map((t) => typeText(t));
    const same = (olds: TypeRef[], news: TypeRef[]) => {
      const a = text(olds);
      const b = text(news);
      return a.length === b.length && a.every((t, i) => t === b[i] || renamed.get(t) === b[i]);
    };
    for (const pair of index.devices.matched) {
      for (const request of pair.old.requests) {
        const item = `${pair.new.name}.${request.name}`;
        const now = pair.new.requests.find((r) => r.name === request.name);
        const emit = (message: string) => report({
          spec: pair.newSpec.id, item, message, at: pair.new.source, was: pair.old.source,
          hint: 'Old drivers build the published buffer sequence on the published queue: keep it.',
        });
        if (!now) {
          emit(`request ${request.name} of device ${pair.new.name} was removed`);
          continue;
        }
        if (now.queue !== request.queue) emit(`request ${item} moved from queue ${request.queue} to ${now.queue}`);
        if (!same(request.request, now.request)) {
          emit(`request ${item}: device-readable parts changed from [${text(request.request).join(', ')}] to [${text(now.request).join(', ')}]`);
        }
        if (!same(request.response, now.response)) {
          emit(`request ${item}: device-writable parts changed from [${text(request.response).join(', ')}] to [${text(now.response).join(', ')}]`);
        }
      }
    }
  },
});
