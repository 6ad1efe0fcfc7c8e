import type { ParsedDocument } from '../parse/document.ts';

/**
 * A document whose front matter and blocks passed their schemas; invalid blocks are dropped.
 * In its own module so the API's declarations (compile.ts → model/build.ts) need no ajv types.
 */
export interface ValidDocument {
  parsed: ParsedDocument;
  /** Indexes into parsed.blocks of the blocks that passed. */
  validBlocks: number[];
  frontMatterValid: boolean;
}
