import type { Severity } from './types.ts';
import { conformCodes } from '../conform/codes.ts';
import { diffCodes } from '../diff/codes.ts';
import { coreCodes } from './core-codes.ts';
import { registerCodes } from './register-codes.ts';

/** The documentation of one diagnostic code: `hvspec explain CODE` prints it, docs/diagnostics.md lists all. */
export interface CodeDoc {
  code: string;
  /** Short kebab-case name, e.g. `unknown-type`. */
  name: string;
  severity: Severity;
  /** One sentence: what the code means. */
  summary: string;
  /** Markdown: why it matters and how to fix it, with a bad and a good example. */
  explanation: string;
}

/** Every code hvspec can emit. Codes are grouped by stage in thousands (see core-codes.ts). */
export const catalogue: readonly CodeDoc[] = [...coreCodes, ...registerCodes, ...diffCodes, ...conformCodes];

const byCode = new Map(catalogue.map((doc) => [doc.code, doc]));

export function lookupCode(code: string): CodeDoc | undefined {
  return byCode.get(code.toUpperCase());
}
