/**
 * Reads a git revision's standards root out of the object database into a temporary directory,
 * without touching the work tree or the index: `git ls-tree` lists the blobs, one
 * `git cat-file --batch` streams them. Commands run through execFile/spawn, never a shell.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class RevisionError extends Error {}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

export interface Repository {
  /** Absolute path of the work tree's top level. */
  top: string;
  /** Path of the cwd inside the repository (`''` or `sub/dir/`), where the standards root is. */
  prefix: string;
}

/** The repository containing `cwd`, or null when there is none (or git is missing). */
export async function findRepository(cwd: string): Promise<Repository | null> {
  try {
    const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
    const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
    return { top, prefix };
  } catch {
    return null;
  }
}

/** The commit a revision names, or null when it names none. */
export async function resolveCommit(repo: Repository, revision: string): Promise<string | null> {
  // `--end-of-options` keeps a revision such as `--output=x` from being read as an option.
  try {
    return (await git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}

interface Blob { oid: string; path: string }

async function listBlobs(repo: Repository, commit: string): Promise<Blob[]> {
  const wanted = [`${repo.prefix}standards`, `${repo.prefix}hvspec.config.json`];
  const out = await git(repo.top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...wanted]);
  const blobs: Blob[] = [];
  for (const entry of out.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [mode, type, oid] = entry.slice(0, tab).split(' ');
    const full = entry.slice(tab + 1);
    // Regular files only: symlinks could point outside the temporary root, submodules have no blob.
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !oid) continue;
    blobs.push({ oid, path: full.slice(repo.prefix.length) });
  }
  return blobs;
}

/** Streams blob contents: `<oid> blob <size>\n<bytes>\n` per object, in request order. */
function catBlobs(repo: Repository, oids: string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo.top, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new RevisionError(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const oid of oids) {
        const eol = all.indexOf(0x0a, at);
        const header = all.subarray(at, eol).toString('utf8').split(' ');
        if (header[0] !== oid || header[1] !== 'blob') return reject(new RevisionError(`git cat-file: unexpected object for ${oid}`));
        const size = Number(header[2]);
        blobs.push(all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}

export interface Materialised {
  root: string;
  dispose(): Promise<void>;
}

/** Writes the revision's `standards/` and `hvspec.config.json` into a new temporary standards root. */
export async function materialiseRevision(repo: Repository, commit: string): Promise<Materialised> {
  const blobs = await listBlobs(repo, commit);
  const root = await mkdtemp(path.join(tmpdir(), 'hvspec-rev-'));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    await mkdir(path.join(root, 'standards'), { recursive: true });
    const contents = await catBlobs(repo, blobs.map((b) => b.oid));
    for (const [i, blob] of blobs.entries()) {
      const target = path.resolve(root, blob.path);
      if (!target.startsWith(root + path.sep)) throw new RevisionError(`refusing path outside the root: ${blob.path}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, contents[i]!);
    }
    return { root, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
