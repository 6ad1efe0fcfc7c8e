import type { Generator } from './types.ts';
import { htmlGenerator } from './html/index.ts';

/** Every target, in build order. Adding a target is one line here. */
export const generators: Generator[] = [
  htmlGenerator,
];
