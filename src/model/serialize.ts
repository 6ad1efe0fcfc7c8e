import { configure } from 'safe-stable-stringify';
import type { Model } from './types.ts';

const stringify = configure({ deterministic: true, bigint: false });

/** The model as JSON with sorted keys, 2-space indent and a final newline: byte-stable. */
export function serializeModel(model: Model): string {
  return `${stringify(model, null, 2)}\n`;
}
