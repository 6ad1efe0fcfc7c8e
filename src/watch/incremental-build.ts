import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TargetOutput } from '../generate.ts';
import { extraFiles, writeFolder, type OutputFile } from '../output/write.ts';

export interface BuildChanges {
  /** Paths under output/ that were (re)written, e.g. `c/virtio-i2c.h`, `model.json`. */
  written: string[];
  /** Paths under output/ removed because no generator produces them any more. */
  removed: string[];
  /** Files whose bytes on disk were already right. */
  unchanged: number;
}

/**
 * Write only what differs from what is on disk (compared byte for byte, so a file edited by hand
 * is put back too), each file atomically through writeFolder; remove files a target no longer
 * produces, as `hvspec build` does. A target that produced nothing but warnings keeps its files.
 */
export async function writeChangedOutputs(outputRoot: string, model: OutputFile, outputs: TargetOutput[]): Promise<BuildChanges> {
  const changes: BuildChanges = { written: [], removed: [], unchanged: 0 };
  await writeIfChanged(outputRoot, '', [model], changes);
  for (const o of outputs) {
    if (o.files.length === 0 && o.warnings.length > 0) continue;
    const folder = o.generator.outDir;
    await writeIfChanged(outputRoot, folder, o.files, changes);
    const base = path.join(outputRoot, folder);
    for (const existing of await extraFiles(base, o.files)) {
      await fs.rm(path.join(base, existing), { force: true });
      changes.removed.push(`${folder}/${existing}`);
    }
  }
  return changes;
}

async function writeIfChanged(outputRoot: string, folder: string, files: OutputFile[], changes: BuildChanges): Promise<void> {
  const base = folder === '' ? outputRoot : path.join(outputRoot, folder);
  const differing: OutputFile[] = [];
  for (const f of files) {
    let current: Buffer | undefined;
    try { current = await fs.readFile(path.join(base, f.path)); } catch { current = undefined; }
    const wanted = typeof f.contents === 'string' ? Buffer.from(f.contents, 'utf8') : Buffer.from(f.contents);
    if (current !== undefined && current.equals(wanted)) changes.unchanged++;
    else differing.push(f);
  }
  // removeStale is false: only the differing files are passed, the rest are already right.
  if (differing.length > 0) await writeFolder(outputRoot, folder, differing, false);
  for (const f of differing) changes.written.push(folder === '' ? f.path : `${folder}/${f.path}`);
}
