import path from 'node:path';
import { writeFolder } from '../output/write.ts';
import type { CliContext } from './context.ts';

/** Print a report, or write it atomically to `--output-file` (relative to the current directory). */
export async function writeReport(text: string, outputFile: string | undefined, context: CliContext): Promise<void> {
  if (!outputFile) { context.stdout(text); return; }
  const absolute = path.resolve(outputFile);
  await writeFolder(path.dirname(absolute), '', [{ path: path.basename(absolute), contents: text }], false);
}
