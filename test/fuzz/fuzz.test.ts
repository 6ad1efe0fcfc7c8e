import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { REPRODUCERS, replayReproducer, runFuzz } from './runner.ts';

/*
 * The fuzzer in the test suite: a fixed-seed smoke of a few hundred documents (mutated corpus
 * documents and generated ones, the real CLI for a sample, one build of every target), and a
 * replay of every reproducer the fuzzer ever saved. The long run is `npm run fuzz` (docs/reliability.md).
 */

interface Expected {
  kind: string;
  signature: string;
  status: 'open' | 'fixed';
  /** For fixed ones: the diagnostics the document gets now (file:line:col CODE). */
  diagnostics?: string[];
}

const reproducers = existsSync(REPRODUCERS)
  ? readdirSync(REPRODUCERS).filter((d) => existsSync(path.join(REPRODUCERS, d, 'expected.json'))).sort()
  : [];
const expectations = new Map(reproducers.map((d) => [d, JSON.parse(readFileSync(path.join(REPRODUCERS, d, 'expected.json'), 'utf8')) as Expected]));
/** Failures known and not fixed yet, each kept as a reproducer: the smoke reports them but does not fail on them. */
const open = new Set([...expectations.values()].filter((e) => e.status === 'open').map((e) => e.signature));

describe('fuzz smoke (fixed seed)', () => {
  test('300 documents keep every invariant', async (t) => {
    const summary = await runFuzz({
      count: 300, seed: 11, cliEvery: 100, buildEvery: 1000, repeatEvery: 60, targets: ['c', 'rust', 'ts'],
      save: false, timing: false, requirements: false,
    });
    assert.equal(summary.documents, 300);
    assert.ok(summary.passing > 50, `generated documents reach the generators (${summary.passing} passed check)`);
    assert.equal(summary.cliRuns, 3);
    // Whether it compiled is judged below with the other failures (a known open one may fail it).
    for (const target of ['c', 'rust', 'ts']) {
      const b = summary.builds[target];
      assert.equal((b?.ok ?? 0) + (b?.failed ?? 0), 1, `one ${target} build was run: ${JSON.stringify(summary.builds)}`);
    }
    const known = summary.distinct.filter((f) => open.has(f.signature));
    for (const f of known) t.diagnostic(`known open failure: ${f.signature}`);
    const unexpected = summary.distinct.filter((f) => !open.has(f.signature)).map((f) => `${f.signature} (document ${f.index}, ${f.origin} + ${f.ops.join(', ')}): ${f.detail}`);
    assert.deepEqual(unexpected, []);
  });
});

describe('fuzz reproducers', () => {
  for (const name of reproducers) {
    const expected = expectations.get(name)!;
    test(name, { todo: expected.status === 'open' ? `open: ${expected.signature}` : false }, async () => {
      const { failures, lines } = await replayReproducer(path.join(REPRODUCERS, name));
      assert.deepEqual(failures, [], 'every invariant holds');
      if (expected.diagnostics) assert.deepEqual(lines, expected.diagnostics);
    });
  }
});
