/**
 * OLD/NEW as git revisions: a temporary repository with two commits; the revision is read from the
 * object database, the work tree and index stay untouched, and the temporary copy is removed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDiff, UsageError } from '../../src/diff/run.ts';
import { FIXTURES, scratchDir } from './fixture-roots.ts';

let repo: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=hvspec test', '-c', 'user.email=test@hvspec.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

async function tempEntries(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((n) => n.startsWith('hvspec-rev-'));
}

before(async () => {
  repo = await scratchDir();
  // The standards root is a subdirectory of the repository, as in a monorepo.
  const root = path.join(repo, 'spec');
  await mkdir(path.join(root, 'standards'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  await writeFile(path.join(repo, '.gitignore'), '.hvspec-cache/\n');
  const fixture = path.join(FIXTURES, 'field-width-changed');
  await writeFile(path.join(root, 'standards', 'x.md'), await readFile(path.join(fixture, 'breaks.old.md')));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'v1');
  git(repo, 'tag', 'v1');
  await writeFile(path.join(root, 'standards', 'x.md'), await readFile(path.join(fixture, 'breaks.new.md')));
  git(repo, 'commit', '-q', '-am', 'v2');
});
after(async () => { await rm(repo, { recursive: true, force: true }); });

describe('hvspec diff with git revisions', () => {
  it('compares two revisions of the standards root under the cwd', async () => {
    const leftovers = await tempEntries();
    const outcome = await runDiff('v1', 'HEAD', path.join(repo, 'spec'));
    assert.equal(outcome.exitCode, 1);
    assert.ok(outcome.diagnostics.some((d) => d.code === 'HV6205' && d.file === 'standards/x.md'));
    assert.equal(outcome.new.root, null, 'a revision has no directory for code frames');
    assert.deepEqual(await tempEntries(), leftovers, 'the temporary copies are removed');
  });

  it('compares a revision with the work tree without touching it', async () => {
    await writeFile(path.join(repo, 'spec', 'standards', 'x.md'), await readFile(path.join(FIXTURES, 'field-width-changed', 'breaks.old.md')));
    const status = git(repo, 'status', '--porcelain');
    const outcome = await runDiff('HEAD', '.', path.join(repo, 'spec'));
    assert.equal(outcome.exitCode, 1, 'going back from le64 to le32 is a change too');
    assert.equal(git(repo, 'status', '--porcelain'), status);
    const same = await runDiff('v1', '.', path.join(repo, 'spec'));
    assert.deepEqual(same.diagnostics, []);
    git(repo, 'checkout', '-q', '--', '.');
  });

  it('rejects an argument that is neither a directory nor a revision (usage error)', async () => {
    await assert.rejects(runDiff('no-such-branch', 'HEAD', path.join(repo, 'spec')), UsageError);
    await assert.rejects(runDiff('--output=/tmp/x', 'HEAD', path.join(repo, 'spec')), UsageError);
    await assert.rejects(runDiff('HEAD', 'HEAD', tmpdir()), UsageError);
    // A directory is taken as a standards root only when it holds standards/.
    await assert.rejects(runDiff(repo, 'HEAD', path.join(repo, 'spec')), /not a standards root/);
  });
});
