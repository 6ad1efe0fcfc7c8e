import type { Generator } from './types.ts';
import { htmlGenerator } from './html/index.ts';
import { pdfGenerator } from './pdf/index.ts';
import { tsGenerator } from './ts/index.ts';
import { rustGenerator } from './rust/index.ts';
import { cGenerator } from './c/index.ts';

/** Every target, in build order. Adding a target is one line here. */
export const generators: Generator[] = [
  htmlGenerator,
  pdfGenerator,
  tsGenerator,
  rustGenerator,
  cGenerator,
];
