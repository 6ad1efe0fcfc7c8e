import { fileURLToPath } from 'node:url';

/** The JSON Schemas (schemas/), shipped in the package beside the compiled code. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
