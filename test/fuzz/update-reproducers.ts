/**
 * `node --import tsx test/fuzz/update-reproducers.ts`: replay every reproducer and record its
 * state in expected.json — `fixed` with the diagnostics it now gets when every invariant holds,
 * `open` otherwise. Review the diff: a fixed reproducer's diagnostics become its expectation.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPRODUCERS, replayReproducer } from './runner.ts';

for (const name of readdirSync(REPRODUCERS).sort()) {
  const file = path.join(REPRODUCERS, name, 'expected.json');
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { failures, lines } = await replayReproducer(path.join(REPRODUCERS, name));
  if (failures.length === 0) {
    expected.status = 'fixed';
    expected.diagnostics = lines;
  } else {
    expected.status = 'open';
    delete expected.diagnostics;
  }
  writeFileSync(file, `${JSON.stringify(expected, null, 2)}\n`);
  process.stdout.write(`${name}: ${expected.status}${failures.length ? ` (${failures.map((f) => f.kind).join(', ')})` : ''}\n`);
}
