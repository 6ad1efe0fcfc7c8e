/**
 * The date a build stamps on its PDFs: SOURCE_DATE_EPOCH (reproducible-builds.org) if set, else
 * the date of the last commit of the standards' repository, never the build clock, so two builds
 * of the same sources give the same bytes whenever and wherever they run.
 */
import { execFileSync } from 'node:child_process';

export interface SourceDate {
  /** Null when neither is available (not a git checkout, no git): the PDFs then carry no dates at all. */
  date: Date | null;
  from: 'SOURCE_DATE_EPOCH' | 'last commit' | 'none';
  /** A SOURCE_DATE_EPOCH that is set but not a number, said as a warning. */
  problem?: string;
}

export function sourceDate(root: string, env: NodeJS.ProcessEnv = process.env): SourceDate {
  let problem: string | undefined;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    // The specification asks for a decimal count of seconds; anything else is a mistake to report, not to guess at.
    if (/^\d{1,12}$/.test(epoch.trim())) return { date: new Date(Number(epoch.trim()) * 1000), from: 'SOURCE_DATE_EPOCH' };
    problem = `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a number of seconds since 1970; using the last commit's date instead`;
  }
  const commit = lastCommitSeconds(root);
  const found: SourceDate = commit !== null ? { date: new Date(commit * 1000), from: 'last commit' } : { date: null, from: 'none' };
  return problem === undefined ? found : { ...found, problem };
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
