/**
 * Edition facts on the site: the date comes from SOURCE_DATE_EPOCH or the document's last commit
 * (never the build clock), and "Changes since <tag>" is the `hvspec changelog` of the last release
 * tag against the working tree; without a tag the page says so. Runs git in a temporary repository.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readEdition, sourceDateEpoch } from '../../generators/html/edition.ts';
import { renderSite } from '../../generators/html/site.ts';
import { compileCorpus } from '../../src/compile.ts';

const STANDARD = `---
spec: demo
title: Demo Standard
version: 1.0.0
status: draft
editors: [hvspec project]
---

# Demo Standard

## Flags

\`\`\`hvspec flags
name: demo_flags
type: le32
doc: Flags.
flags:
  - { name: DEMO_FLAG_A, bit: 0, doc: The first flag. }
\`\`\`
`;

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-edition-'));
  mkdirSync(join(dir, 'standards'));
  writeFileSync(join(dir, 'standards', 'demo.md'), STANDARD);
  const env = { ...process.env, GIT_AUTHOR_DATE: '2024-03-05T10:00:00Z', GIT_COMMITTER_DATE: '2024-03-05T10:00:00Z' };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  return dir;
}

test('date from the last commit of the document; no tag: the changes page says so', async (t) => {
  const dir = repository();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { model } = await compileCorpus(dir, { cache: false });
  assert.ok(model);
  const edition = await readEdition(model, dir, {});
  assert.deepEqual(edition.dates.get('demo'), { date: '2024-03-05', from: 'last commit' });
  assert.equal(edition.changes.tag, null);
  const pages = new Map(renderSite(model, edition).map((p) => [p.path, p.html]));
  assert.match(pages.get('demo.html')!, /<dt>Date<\/dt><dd>2024-03-05 \(last commit of the document\)<\/dd><dt>Changes<\/dt><dd><a href="changes.html">Changes<\/a>/);
  assert.match(pages.get('changes.html')!, /No release has been tagged yet/);
  // Every page links the changes chapter.
  for (const [path, html] of pages) if (path.endsWith('.html')) assert.match(html, /<footer class="site-footer"><a href="changes.html">/, path);
});

test('SOURCE_DATE_EPOCH wins over the commit date; a malformed one is an error', async (t) => {
  assert.equal(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1700000000' }), '2023-11-14');
  assert.equal(sourceDateEpoch({}), null);
  assert.throws(() => sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' }), /SOURCE_DATE_EPOCH must be a number/);
  const dir = repository();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { model } = await compileCorpus(dir, { cache: false });
  const edition = await readEdition(model!, dir, { SOURCE_DATE_EPOCH: '1700000000' });
  assert.deepEqual(edition.dates.get('demo'), { date: '2023-11-14', from: 'SOURCE_DATE_EPOCH' });
});

test('a release tag: "Changes since <tag>" lists what changed in the working tree', async (t) => {
  const dir = repository();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('git', ['-c', 'tag.gpgsign=false', 'tag', 'v1.0.0'], { cwd: dir });
  const file = join(dir, 'standards', 'demo.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1.0.0', 'version: 1.1.0').replace('  - { name: DEMO_FLAG_A,', '  - { name: DEMO_FLAG_B, bit: 1, doc: A new flag. }\n  - { name: DEMO_FLAG_A,'));
  const { model } = await compileCorpus(dir, { cache: false });
  assert.ok(model);
  const edition = await readEdition(model, dir, {});
  assert.equal(edition.changes.tag, 'v1.0.0');
  const pages = new Map(renderSite(model, edition).map((p) => [p.path, p.html]));
  const changes = pages.get('changes.html')!;
  assert.match(changes, /<h1>Changes since v1.0.0<\/h1>/);
  assert.match(changes, /<h2>Demo Standard \(<code>demo<\/code>\) 1.0.0 → 1.1.0<\/h2>/);
  // The new flag is named, and linked to its definition like every defined name.
  assert.match(changes, /<a href="demo.html#const-DEMO_FLAG_B" class="xref"><code>DEMO_FLAG_B<\/code><\/a>/);
  assert.match(pages.get('index.html')!, /<a href="changes.html">Changes since v1.0.0<\/a>/);
});
