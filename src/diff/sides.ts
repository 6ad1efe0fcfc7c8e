/**
 * OLD and NEW as the user writes them: an existing directory is a standards root; anything else
 * must be a git revision of the repository containing the cwd, read without touching the work tree.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { findRepository, materialiseRevision, resolveCommit } from './git.ts';

export class UsageError extends Error {}

export interface Side {
  /** As written on the command line. */
  label: string;
  /** A standards root on disk (the directory itself, or a temporary copy of a revision). */
  root: string;
  /** Set for a git revision: the commit it resolved to. */
  commit?: string;
  dispose(): Promise<void>;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function openSide(arg: string, cwd: string): Promise<Side> {
  const asPath = path.resolve(cwd, arg);
  if (await isDirectory(asPath)) {
    if (!(await isDirectory(path.join(asPath, 'standards')))) {
      throw new UsageError(`"${arg}" is a directory but not a standards root (it holds no standards/)`);
    }
    return { label: arg, root: asPath, dispose: async () => {} };
  }
  const repo = await findRepository(cwd);
  const commit = repo && (await resolveCommit(repo, arg));
  if (!repo || !commit) {
    throw new UsageError(
      `"${arg}" is neither a directory nor a git revision${repo ? '' : ' (the current directory is not in a git repository)'}` +
        '. In CI, fetch the base branch first (actions/checkout with fetch-depth: 0).');
  }
  const copy = await materialiseRevision(repo, commit);
  return { label: arg, root: copy.root, commit, dispose: copy.dispose };
}
