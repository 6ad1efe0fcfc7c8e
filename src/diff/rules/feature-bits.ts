/** Feature owners (a device, the transport range, a feature set) that exist on both sides. */
import type { DiffIndex } from '../match.ts';

/**
 * Only the bits of owners present in both models are compared: a removed device is its own finding
 * (`device-removed`), and its bits are not reported again one by one.
 */
export function sharedOwners(index: DiffIndex): Set<string> {
  const f = index.features;
  const d = index.devices;
  const olds = new Set([
    ...f.removed.map((x) => x.item.owner), ...f.matched.map((p) => p.old.owner),
    ...d.removed.map((x) => `device:${x.item.name}`), ...d.matched.map((p) => `device:${p.old.name}`),
  ]);
  const news = new Set([
    ...f.added.map((x) => x.item.owner), ...f.matched.map((p) => p.new.owner),
    ...d.added.map((x) => `device:${x.item.name}`), ...d.matched.map((p) => `device:${p.new.name}`),
  ]);
  return new Set([...olds].filter((owner) => news.has(owner) || owner === 'transport'));
}

export function ownerText(owner: string): string {
  if (owner === 'transport') return 'the transport range';
  const [kind, name] = owner.split(':');
  return kind === 'device' ? `device ${name}` : `feature set ${name}`;
}
