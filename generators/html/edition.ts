/**
 * What edition of each standard a page shows: its date and the changes since the last release.
 *
 * Date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the date of the last commit that
 * touched the standard's file, else none (a file never committed has no edition date). Never the
 * build clock, so the same sources give the same pages.
 *
 * Changes: the newest release tag (`git tag`, highest version first) against the working tree,
 * through the `hvspec changelog` machinery (the tag's tree compiled, compareModels against the model being published, renderChangelog); without a tag, the page
 * says so.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { compileCorpus } from '../../src/compile.ts';
import { renderChangelog } from '../../src/diff/changelog.ts';
import { findRepository, materialiseRevision, resolveCommit } from '../../src/diff/git.ts';
import { compareModels, configSuppressions } from '../../src/diff/run.ts';
import { frontMatterSuppressions } from '../../src/diff/suppress.ts';
import type { Model } from '../../src/model/types.ts';
import { sourceDateEpochSeconds } from '../source-date-epoch.ts';

const run = promisify(execFile);

export interface EditionDate {
  /** YYYY-MM-DD (UTC). */
  date: string;
  from: 'SOURCE_DATE_EPOCH' | 'last commit';
}

export interface Edition {
  /** Per spec id; absent when the file has no commit and SOURCE_DATE_EPOCH is unset. */
  dates: Map<string, EditionDate>;
  /** The last release tag and the changes since it (Markdown), or why there is none. */
  changes: { tag: string; markdown: string } | { tag: null; reason: string };
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  try {
    return (await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
  } catch {
    return null;
  }
}

/** SOURCE_DATE_EPOCH as a date (YYYY-MM-DD, UTC), or null when unset; a malformed value throws (source-date-epoch.ts). */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): string | null {
  const seconds = sourceDateEpochSeconds(env);
  return seconds === null ? null : new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** The newest tag that looks like a release (`v1.2.3` or `1.2.3`), by version order. */
async function lastReleaseTag(root: string): Promise<string | null> {
  const tags = await git(root, ['tag', '--list', '--sort=-v:refname']);
  return tags?.split('\n').find((t) => /^v?\d+(\.\d+)*([-+].*)?$/.test(t)) ?? null;
}

export async function readEdition(model: Model, root: string, env: NodeJS.ProcessEnv = process.env): Promise<Edition> {
  const epoch = sourceDateEpoch(env);
  const dates = new Map<string, EditionDate>();
  for (const spec of model.specs) {
    if (epoch) {
      dates.set(spec.id, { date: epoch, from: 'SOURCE_DATE_EPOCH' });
      continue;
    }
    const date = await git(root, ['log', '-1', '--format=%cs', '--', spec.file]);
    if (date) dates.set(spec.id, { date, from: 'last commit' });
  }
  const repo = await findRepository(root);
  if (!repo) return { dates, changes: { tag: null, reason: 'The standards are not in a git repository, so there is no earlier release to compare with.' } };
  const tag = await lastReleaseTag(root);
  const commit = tag ? await resolveCommit(repo, tag) : null;
  if (!tag || !commit) return { dates, changes: { tag: null, reason: 'No release has been tagged yet (`git tag`), so there is no earlier release to compare with.' } };
  // The tag's tree, compiled, against the model being published (the working tree: not compiled twice).
  const old = await materialiseRevision(repo, commit);
  try {
    const { model: oldModel } = await compileCorpus(old.root, { cache: false });
    if (!oldModel) return { dates, changes: { tag: null, reason: `The release ${tag} does not compile, so the changes since it cannot be listed (run \`hvspec diff ${tag}\`).` } };
    const suppressions = [...(await configSuppressions(root)), ...frontMatterSuppressions(model)];
    const { judged } = compareModels(oldModel, model, suppressions);
    return { dates, changes: { tag, markdown: renderChangelog(judged, oldModel, model, tag) } };
  } finally {
    await old.dispose();
  }
}
