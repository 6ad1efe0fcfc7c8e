/**
 * The date a build stamps on its PDFs: SOURCE_DATE_EPOCH (reproducible-builds.org) if set, else
 * the date of the last commit of the standards' repository, never the build clock, so two builds
 * of the same sources give the same bytes whenever and wherever they run.
 */
import { execFileSync } from 'node:child_process';
import { sourceDateEpochSeconds } from '../source-date-epoch.ts';

export interface SourceDate {
  /** Null when neither is available (not a git checkout, no git): the PDFs then carry no dates at all. */
  date: Date | null;
  from: 'SOURCE_DATE_EPOCH' | 'last commit' | 'none';
}

/** Throws on a malformed SOURCE_DATE_EPOCH, as the site does (source-date-epoch.ts). */
export function sourceDate(root: string, env: NodeJS.ProcessEnv = process.env): SourceDate {
  const epoch = sourceDateEpochSeconds(env);
  if (epoch !== null) return { date: new Date(epoch * 1000), from: 'SOURCE_DATE_EPOCH' };
  const commit = lastCommitSeconds(root);
  return commit !== null ? { date: new Date(commit * 1000), from: 'last commit' } : { date: null, from: 'none' };
}

function lastCommitSeconds(root: string): number | null {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      // The committer date is a Unix time; TZ and locale cannot change it, but keep git's own config out of the way.
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    }).trim();
    return /^\d+$/.test(out) ? Number(out) : null;
  } catch {
    return null; // not a repository, no commits yet, or no git
  }
}
