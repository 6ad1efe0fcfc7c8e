/** A side that does not compile: its errors are shown (marked with the side) and nothing is compared. */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDiff } from '../../src/diff/run.ts';
import { materialiseSide, scratchDir } from './fixture-roots.ts';

let scratch: string;
before(async () => { scratch = await scratchDir(); });
after(async () => { await rm(scratch, { recursive: true, force: true }); });

describe('hvspec diff when a side has errors', () => {
  it('prints the side\'s errors and HV6001, exit 1', async () => {
    const oldRoot = await materialiseSide('field-width-changed', 'breaks', 'old', scratch);
    const newRoot = await materialiseSide('field-width-changed', 'breaks', 'new', scratch);
    const file = path.join(newRoot, 'standards', 'x.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('type: le64', 'type: no_such_type'));
    const outcome = await runDiff(oldRoot, newRoot);
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.new.model, null);
    assert.deepEqual(outcome.judged, []);
    const last = outcome.diagnostics.at(-1)!;
    assert.equal(last.code, 'HV6001');
    assert.match(last.message, /^NEW \(.*\) has \d+ errors?; nothing was compared$/);
    const fromSide = outcome.diagnostics.filter((d) => d.code !== 'HV6001');
    assert.ok(fromSide.length > 0 && fromSide.every((d) => d.side === 'new' && d.message.startsWith('[NEW ') && d.file === 'standards/x.md'));
  });
});
