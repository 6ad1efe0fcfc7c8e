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

/**
 * Temp files are `.<name>.tmp-<pid>-<random>` in the target's own directory (a rename never
 * crosses file systems). The pid tells a later build whether the writer is still running: a
 * live writer's temp file is left alone (another build may be about to rename it), a dead
 * writer's (killed mid-write) is removed.
 */
const TEMP = /^\.(.+)\.tmp-(\d+)-[0-9a-f]{12}$/;
/** Held while a build writes output/, so two concurrent builds write one after the other. */
export const LOCK_NAME = '.hvspec-write.lock';

/** The lock's own temp files: `.hvspec-write.lock.<pid>-<random>` and `….stale-<pid>-<random>`. */
const LOCK_TEMP = /^\.hvspec-write\.lock\.(?:stale-)?(\d+)-[0-9a-f]{12}$/;

const tempName = (name: string): string => `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
const isOurs = (name: string): boolean => TEMP.test(name) || name === LOCK_NAME || name.startsWith(`${LOCK_NAME}.`);

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

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
  const written = new Set<string>();
  for (const f of files) {
    const target = path.join(base, f.path);
    const dir = await safeDirectory(outputRoot, path.dirname(target));
    const final = path.join(dir, path.basename(target));
    written.add(dir);
    const temp = path.join(dir, tempName(path.basename(target)));
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
    for (const existing of await extraFiles(base, files)) await fs.rm(path.join(base, existing), { force: true });
  }
  // A target folder is swept whole; otherwise (model.json, a report file in the user's directory)
  // only the directories written to, not everything beneath them.
  if (removeStale && folder !== '') await removeDeadTemps(base, true);
  else for (const dir of written) await removeDeadTemps(dir, false);
}

/** Temp files in `dir` (and beneath it if `recursive`) left by a writer killed before its rename. */
export async function removeDeadTemps(dir: string, recursive: boolean): Promise<void> {
  let names: string[];
  try {
    names = recursive ? await listFiles(dir, true) : (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return;
  }
  for (const rel of names) {
    const name = path.basename(rel);
    const pid = TEMP.exec(name)?.[2] ?? LOCK_TEMP.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) await fs.rm(path.join(dir, rel), { force: true });
  }
}

/**
 * Runs `action` holding output/'s write lock: a file `.hvspec-write.lock` created with the pid
 * inside (a hard link from a temp file, so the lock never exists without its pid). A second
 * build waits until the first has written everything, so the tree ends up wholly one build's
 * output, never a mix. A lock whose process is gone (SIGKILL) is taken over.
 */
export async function withOutputLock<T>(outputRoot: string, action: () => Promise<T>, onWait: (pid: number) => void = () => {}): Promise<T> {
  await fs.mkdir(outputRoot, { recursive: true });
  const lock = path.join(outputRoot, LOCK_NAME);
  const mine = path.join(outputRoot, `${LOCK_NAME}.${process.pid}-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(mine, `${process.pid}\n`, { flag: 'wx' });
  let announced = false;
  try {
    for (;;) {
      try {
        await fs.link(mine, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await fs.readFile(lock, 'utf8').catch(() => '')).trim());
      if (holder === 0) continue; // released between our attempt and the read: try again
      if (!isAlive(holder)) {
        await breakLock(lock, holder);
        continue;
      }
      if (!announced) onWait(holder);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await fs.rm(mine, { force: true });
  }
  try {
    return await action();
  } finally {
    // Only our own lock is removed (a lock taken over from us after a pause would hold another pid).
    const holder = Number((await fs.readFile(lock, 'utf8').catch(() => '')).trim());
    if (holder === process.pid) await fs.rm(lock, { force: true });
  }
}

/**
 * Removes a dead holder's lock. The rename moves exactly one file, so of two builds breaking the
 * same stale lock only one succeeds; if what was moved is not the dead holder's lock (another
 * build took the lock in between), it is put back.
 */
async function breakLock(lock: string, deadPid: number): Promise<void> {
  const aside = `${lock}.stale-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lock, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = Number((await fs.readFile(aside, 'utf8').catch(() => '')).trim());
  if (moved !== deadPid) await fs.link(aside, lock).catch(() => {});
  await fs.rm(aside, { force: true });
}

/**
 * Files under `dir` (relative, forward slashes, sorted); an absent directory has none. Temp
 * files and the write lock are not output, so they are left out unless `withTemps`.
 */
export async function listFiles(dir: string, withTemps = false): Promise<string[]> {
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
      if (e.isDirectory()) pending.push(child);
      else if (withTemps || !isOurs(e.name)) out.push(child);
    }
  }
  return out.sort();
}

/**
 * Files under a target folder that the build no longer writes, relative to it. Paths the target's
 * own generated `.gitignore` names at its top (`/target`, `/Cargo.lock`: what `cargo test` in
 * output/rust leaves) belong to the consumer's tools: never extra, never removed.
 */
export async function extraFiles(base: string, files: OutputFile[]): Promise<string[]> {
  const wanted = new Set(files.map((f) => f.path));
  const ignore = files.find((f) => f.path === '.gitignore');
  const theirs = new Set(ignore === undefined ? [] : String(typeof ignore.contents === 'string' ? ignore.contents : new TextDecoder().decode(ignore.contents))
    .split('\n').map((l) => l.trim()).filter((l) => /^\/[^/*?!#]+$/.test(l)).map((l) => l.slice(1)));
  return (await listFiles(base)).filter((existing) => !wanted.has(existing) && !theirs.has(existing.split('/')[0]!));
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
    for (const existing of await extraFiles(base, files)) stale.push(`${prefix}${existing} (no longer generated)`);
  }
  return stale;
}
