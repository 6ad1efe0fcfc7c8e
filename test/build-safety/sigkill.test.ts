/**
 * `hvspec build` (every target, the PDF included) killed with SIGKILL at random moments: every
 * file under output/ is afterwards byte-equal to the old or the new version, never a mix or a
 * fragment, and the next complete build leaves exactly the new tree (no temp file, no lock).
 *
 * Half the runs are killed anywhere in the build, half inside the write phase (from the moment
 * the write lock appears), which is where a non-atomic writer would tear a file. A run whose build
 * ends before its kill time is checked too but not counted; runs go on until HVSPEC_SIGKILLS kills
 * have landed (npm test: 6; the figure: `HVSPEC_SIGKILLS=100`), at most 4× that many runs.
 * HVSPEC_SIGKILL_SEED replays a run. The counts are printed.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findChromium } from '../../generators/pdf/browser.ts';
import { differences, hvspecAsync, isWriterFile, makeProject, setSources, tree } from './project.ts';

const KILLS = Math.max(1, Number(process.env.HVSPEC_SIGKILLS ?? 6));
const SEED = Number(process.env.HVSPEC_SIGKILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TARGETS = ['model.json', 'c/', 'rust/', 'ts/', 'html/', 'pdf/'];

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `lockAt`…`lockGone`: while the write lock exists, i.e. while output/ is being written. */
interface Timing { total: number; lockAt: number | null; lockGone: number | null }

/** Runs a build to the end, noting when the write lock appeared (the start of the write phase). */
async function build(root: string): Promise<Timing> {
  const lock = path.join(root, 'output/.hvspec-write.lock');
  const start = performance.now();
  const { done } = hvspecAsync(['-C', root, 'build']);
  let lockAt: number | null = null;
  let lockGone: number | null = null;
  let finished = false;
  const run = done.then((r) => ((finished = true), r));
  while (!finished) {
    const locked = existsSync(lock);
    if (lockAt === null && locked) lockAt = performance.now() - start;
    if (lockAt !== null && lockGone === null && !locked) lockGone = performance.now() - start;
    await sleep(1);
  }
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  const total = performance.now() - start;
  return { total, lockAt, lockGone: lockGone ?? (lockAt === null ? null : total) };
}

test(`${KILLS} random SIGKILLs of hvspec build leave every output file old or new`, { timeout: 3_600_000 }, async (t) => {
  const browser = findChromium();
  if (browser.path === null) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${browser.problem}`);
    t.skip(browser.problem);
    return;
  }
  const root = makeProject('A');
  const output = path.join(root, 'output');
  await build(root);
  const refA = tree(output);
  setSources(root, 'B');
  await build(root);
  const refB = tree(output);
  for (const target of TARGETS) assert.ok([...refA.keys()].some((p) => p === target || p.startsWith(target)), `the build wrote ${target}`);
  const changed = differences(refA, refB);
  // Every target's output changes between A and B (static files such as the C Makefile do not), so a torn write would show.
  for (const target of TARGETS) assert.ok(changed.some((p) => p === target || p.startsWith(target)), `versions A and B differ in ${target} (${changed.length} of ${refA.size} files differ)`);
  assert.ok(changed.some((p) => p.startsWith('pdf/')), 'the PDF differs between A and B');

  // The kills are timed on a second build of A: it takes its books from the PDF cache, like
  // every build below (the cold builds above would put most kills after the end). It also
  // rebuilds A exactly.
  setSources(root, 'A');
  const warm = await build(root);
  assert.deepEqual(differences(tree(output), refA), [], 'a second build of A gives A again');
  const rand = random(SEED);
  const total = warm.total;
  const writePhase = Math.max(5, warm.lockAt === null ? 0 : warm.lockGone! - warm.lockAt);
  const counts = { kills: 0, whileWriting: 0, beforeWriting: 0, finishedFirst: 0, tempsLeft: 0 };
  // Runs until KILLS kills have landed: a build that ends before its kill time is checked too, but not counted.
  for (let i = 0; counts.kills < KILLS && i < 4 * KILLS; i++) {
    setSources(root, i % 2 === 0 ? 'A' : 'B');
    const { child, done } = hvspecAsync(['-C', root, 'build']);
    let finished = false;
    void done.then(() => { finished = true; });
    const lock = path.join(output, '.hvspec-write.lock');
    if (i % 2 === 1) {
      // Into the write phase: wait for the lock, then up to the measured length of the phase.
      while (!finished && !existsSync(lock)) await sleep(1);
      await sleep(rand() * writePhase);
    } else {
      await sleep(rand() * 0.9 * total);
    }
    if (!finished) {
      const writing = existsSync(lock);
      child.kill('SIGKILL');
      counts.kills++;
      if (writing) counts.whileWriting++; else counts.beforeWriting++;
    } else {
      counts.finishedFirst++;
    }
    await done;
    const now = tree(output);
    for (const [file, bytes] of now) {
      if (isWriterFile(path.basename(file))) { counts.tempsLeft++; continue; }
      const old = refA.get(file);
      const young = refB.get(file);
      assert.ok((old && bytes.equals(old)) || (young && bytes.equals(young)), `after kill ${i + 1} (seed ${SEED}): output/${file} is neither version A nor B`);
    }
    if ((i + 1) % 10 === 0) process.stderr.write(`sigkill: ${i + 1} runs checked, ${counts.kills} of ${KILLS} kills landed (${counts.whileWriting} while writing)\n`);
    for (const file of new Set([...refA.keys(), ...refB.keys()])) {
      assert.ok(now.has(file) || !refA.has(file) || !refB.has(file), `after kill ${i + 1} (seed ${SEED}): output/${file} is missing though both versions have it`);
    }
  }
  // A complete build after all that: exactly version B, nothing left over.
  setSources(root, 'B');
  await build(root);
  assert.deepEqual(differences(tree(output), refB), [], 'the build after the kills gives exactly version B');
  assert.ok(counts.kills >= Math.min(KILLS, 1), `only ${counts.kills} kills landed`);
  console.log(`sigkill: seed ${SEED}; ${counts.kills} SIGKILLs (${counts.whileWriting} while writing, ${counts.beforeWriting} before), ${counts.finishedFirst} builds finished before their kill; ${counts.tempsLeft} temp files seen after kills, all removed by the next build; build ${(total / 1000).toFixed(1)} s, write phase ${writePhase.toFixed(0)} ms`);
});
