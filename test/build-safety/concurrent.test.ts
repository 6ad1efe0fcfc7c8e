/**
 * Two `hvspec build`s of different sources writing the same output/ at the same time (the second
 * project's output/ is a symbolic link to the first's): both succeed, and the tree ends up wholly
 * one build's output, never a mix of the two, with no temp file or lock left behind.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { differences, hvspecAsync, makeProject, tree } from './project.ts';

// C, Rust, TS and the model: the targets that do not need a browser, so this runs everywhere; the
// write path is the same for every target.
const TARGETS = 'c,rust,ts';

test('two concurrent builds leave one build\'s output, never a mix', { timeout: 600_000 }, async () => {
  const a = makeProject('A');
  const b = makeProject('B');
  const refA = makeProject('A');
  const refB = makeProject('B');
  const [ra, rb] = await Promise.all([refA, refB].map((root) => hvspecAsync(['-C', root, 'build', '--target', TARGETS]).done));
  assert.equal(ra!.code, 0, ra!.stderr);
  assert.equal(rb!.code, 0, rb!.stderr);
  const expectA = tree(path.join(refA, 'output'));
  const expectB = tree(path.join(refB, 'output'));
  assert.ok(differences(expectA, expectB).length >= 5);

  mkdirSync(path.join(a, 'output'));
  symlinkSync(path.join(a, 'output'), path.join(b, 'output'), 'dir');
  for (let round = 1; round <= 2; round++) {
    const runs = await Promise.all([a, b].map((root) => hvspecAsync(['-C', root, 'build', '--target', TARGETS]).done));
    for (const r of runs) assert.equal(r.code, 0, `round ${round}: ${r.stderr}`);
    const now = tree(path.join(a, 'output'));
    const fromA = differences(now, expectA);
    const fromB = differences(now, expectB);
    assert.ok(fromA.length === 0 || fromB.length === 0, `round ${round}: output/ mixes the two builds (differs from A in ${fromA.join(', ')}; from B in ${fromB.join(', ')})`);
  }
});
