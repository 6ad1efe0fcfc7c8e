/**
 * The published spec as a static site: `output/html/index.html`, one page per standard and an
 * identifier index. A build product (git-ignored), deterministic all the same.
 */
import type { Generator } from '../types.ts';
import { readEdition, type Edition } from './edition.ts';
import { renderSite } from './site.ts';

export const htmlGenerator: Generator = {
  name: 'html',
  outDir: 'html',
  committed: false,
  async generate(model, context) {
    let edition: Edition | undefined;
    try {
      edition = await readEdition(model, context.root);
    } catch (error) {
      context.warn((error as Error).message);
      return [];
    }
    return renderSite(model, edition).map((page) => ({ path: page.path, contents: page.html }));
  },
};

export default htmlGenerator;
