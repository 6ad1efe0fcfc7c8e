import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../input/discover.ts';

export interface OutputFile {
  /** Relative to the output directory, forward slashes. */
  path: string;
  contents: string | Uint8Array;
}

export class OutputError extends Error {}

const bytesOf = (contents: string | Uint8Array): Buffer => (typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents));

/** Refuse paths that could escape the folder: absolute, `..`, backslashes, empty segments. */
function checkRelative(file: string): void {
  if (file === '' || file.startsWith('/') || file.includes('\\') || file.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new OutputError(`generator produced an unsafe path ${JSON.stringify(file)}`);
  }
}

/** The real directory for `dir` (created if needed), which must stay inside `outputRoot`. */
async function safeDirectory(outputRoot: string, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const realRoot = await fs.realpath(outputRoot);
  const real = await fs.realpath(dir);
  if (!isWithin(realRoot, real)) throw new OutputError(`${dir} resolves outside ${outputRoot} (a symbolic link?); nothing was written`);
  return real;
}

/**
 * Replace the contents of `outputRoot/folder` with `files`: each written to a temp file in the same
 * directory, fsynced, then renamed over the old one, so a reader never sees a half-written file.
 * Files the generator no longer produces are removed. Nothing is written through a symbolic link
 * that leads out of the output directory.
 */
export async function writeFolder(outputRoot: string, folder: string, files: OutputFile[], removeStale: boolean): Promise<void> {
  for (const f of files) checkRelative(f.path);
  await fs.mkdir(outputRoot, { recursive: true });
  const base = folder === '' ? outputRoot : path.join(outputRoot, folder);
  for (const f of files) {
    const target = path.join(base, f.path);
    const dir = await safeDirectory(outputRoot, path.dirname(target));
    const final = path.join(dir, path.basename(target));
    const temp = path.join(dir, `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytesOf(f.contents));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, final);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
  if (removeStale && folder !== '') {
    const wanted = new Set(files.map((f) => f.path));
    for (const existing of await listFiles(base)) if (!wanted.has(existing)) await fs.rm(path.join(base, existing), { force: true });
  }
}

/** Files under `dir` (relative, forward slashes, sorted); an absent directory has none. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) pending.push(child); else out.push(child);
    }
  }
  return out.sort();
}

/** Differences between what would be written and what is on disk: changed, missing and extra files. */
export async function staleFiles(outputRoot: string, folder: string, files: OutputFile[], includeExtra: boolean): Promise<string[]> {
  const base = folder === '' ? outputRoot : path.join(outputRoot, folder);
  const prefix = folder === '' ? '' : `${folder}/`;
  const stale: string[] = [];
  for (const f of files) {
    let current: Buffer | undefined;
    try { current = await fs.readFile(path.join(base, f.path)); } catch { current = undefined; }
    if (current === undefined) stale.push(`${prefix}${f.path} (missing)`);
    else if (!current.equals(bytesOf(f.contents))) stale.push(`${prefix}${f.path} (differs)`);
  }
  if (includeExtra && folder !== '') {
    const wanted = new Set(files.map((f) => f.path));
    for (const existing of await listFiles(base)) if (!wanted.has(existing)) stale.push(`${prefix}${existing} (no longer generated)`);
  }
  return stale;
}
