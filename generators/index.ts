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

/**
 * Which standard-library specs (Spec.library) a built-in target's model keeps. The published spec
 * (HTML, PDF) shows only the repository's own standards; the bindings also carry the library
 * specs those require, directly or not, so the generated code compiles on its own. Plugins get
 * the whole model and decide for themselves (docs/plugins.md).
 */
export const libraryScope: Record<string, 'local' | 'dependencies'> = {
  html: 'local',
  pdf: 'local',
  ts: 'dependencies',
  rust: 'dependencies',
  c: 'dependencies',
};
