/**
 * Two builds of the same sources, in two different checkouts (paths), time zones and locales,
 * give byte-identical output for every target: model.json, C, Rust, TypeScript, the site and the
 * PDF books. The PDFs' dates are the last commit's (or SOURCE_DATE_EPOCH's), never the clock's.
 *
 * The sources are a small standard (fast enough for npm test); `HVSPEC_REPRO_CORPUS=full` uses
 * the project's whole standards/ instead.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findChromium } from '../../generators/pdf/browser.ts';
import { differences, hvspecAsync, sourceOf, TOP, tree } from './project.ts';

const COMMIT_DATE = '2024-02-29T12:34:56Z';

/** A git checkout of the sources at `where`, committed with a fixed date. */
function checkout(where: string): string {
  mkdirSync(where, { recursive: true });
  if (process.env.HVSPEC_REPRO_CORPUS === 'full') cpSync(path.join(TOP, 'standards'), path.join(where, 'standards'), { recursive: true });
  else {
    mkdirSync(path.join(where, 'standards'));
    writeFileSync(path.join(where, 'standards/a.md'), sourceOf('A'));
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: where, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE },
  });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'sources');
  return where;
}

const pdfDate = (file: string) => /^CreationDate:\s+(\S+)/m.exec(execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }))?.[1];

test('two builds in other directories, time zones and locales are byte-identical for every target', { timeout: 1_200_000 }, async (t) => {
  const browser = findChromium();
  if (browser.path === null) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${browser.problem}`);
    t.skip(browser.problem);
    return;
  }
  const a = checkout(path.join(mkdtempSync(path.join(tmpdir(), 'hvspec-repro-')), 'one'));
  const b = checkout(path.join(mkdtempSync(path.join(tmpdir(), 'hvspec-repro-other-')), 'a', 'deeper', 'checkout'));
  const env = (tz: string, locale: string) => ({ TZ: tz, LANG: locale, LC_ALL: locale, SOURCE_DATE_EPOCH: '' });
  const [ra, rb] = await Promise.all([
    hvspecAsync(['-C', a, 'build'], env('UTC', 'C')).done,
    hvspecAsync(['-C', b, 'build'], env('Pacific/Kiritimati', 'tr_TR.UTF-8')).done,
  ]);
  assert.equal(ra!.code, 0, ra!.stderr);
  assert.equal(rb!.code, 0, rb!.stderr);
  const one = tree(path.join(a, 'output'));
  const other = tree(path.join(b, 'output'));
  for (const target of ['model.json', 'c/', 'rust/', 'ts/', 'html/', 'pdf/']) assert.ok([...one.keys()].some((p) => p === target || p.startsWith(target)), `the build wrote ${target}`);
  assert.deepEqual(differences(one, other), []);

  // The date inside is the commit's, in UTC whatever TZ the build ran in.
  const book = [...one.keys()].find((p) => p.startsWith('pdf/'))!;
  assert.equal(pdfDate(path.join(a, 'output', book)), COMMIT_DATE);
  assert.equal(pdfDate(path.join(b, 'output', book)), COMMIT_DATE);

  // SOURCE_DATE_EPOCH wins over the commit.
  const r = await hvspecAsync(['-C', a, 'build', '--target', 'pdf'], { ...env('America/St_Johns', 'de_DE.UTF-8'), SOURCE_DATE_EPOCH: '1000000000' }).done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(pdfDate(path.join(a, 'output', book)), '2001-09-09T01:46:40Z');
});
