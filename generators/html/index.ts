/**
 * The published spec as a static site: `output/html/index.html`, one page per standard and an
 * identifier index. A build product (git-ignored), deterministic all the same.
 */
import type { Generator } from '../types.ts';
import { renderSite } from './site.ts';

export const htmlGenerator: Generator = {
  name: 'html',
  outDir: 'html',
  committed: false,
  generate(model) {
    return renderSite(model).map((page) => ({ path: page.path, contents: page.html }));
  },
};

export default htmlGenerator;
