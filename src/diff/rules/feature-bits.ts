/** Feature owners (a device, the transport range, a feature set) that exist on both sides. */
import type { DiffIndex } from '../match.ts';

/**
 * Only the bits of owners present in both models are compared: a removed device, or one whose ID
 * changed, is its own finding (`device-removed`, `device-id-changed`), not one finding per bit.
 */
export function sharedOwners(index: DiffIndex): Set<string> {
  const f = index.features;
  const d = index.devices;
  const olds = new Set([
    ...f.removed.map((x) => x.item.owner), ...f.matched.map((p) => p.old.owner),
    ...d.removed.map((x) => `device:${x.item.id}`), ...d.matched.map((p) => `device:${p.old.id}`),
  ]);
  const news = new Set([
    ...f.added.map((x) => x.item.owner), ...f.matched.map((p) => p.new.owner),
    ...d.added.map((x) => `device:${x.item.id}`), ...d.matched.map((p) => `device:${p.new.id}`),
  ]);
  return new Set([...olds].filter((owner) => news.has(owner) || owner === 'transport'));
}
