/**
 * Suppressions: a reason is mandatory, a matching one turns a finding into an accepted note (it still
 * counts for the version gate), an unused one is a warning.
 */
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runDiff, UsageError } from '../../src/diff/run.ts';
import { frontMatterSuppressions, readSuppressions, SuppressionError } from '../../src/diff/suppress.ts';
import type { Model } from '../../src/model/types.ts';
import { materialiseSide, scratchDir } from './fixture-roots.ts';

let scratch: string;
let oldRoot: string;
let newRoot: string;

before(async () => {
  scratch = await scratchDir();
  // struct-extended: one danger finding (HV6202); the version stays 1.0.0, so the gate (HV6901) fires too.
  oldRoot = await materialiseSide('struct-extended', 'breaks', 'old', scratch);
  newRoot = await materialiseSide('struct-extended', 'breaks', 'new', scratch);
});
after(async () => { await rm(scratch, { recursive: true, force: true }); });

async function withConfig(config: unknown): Promise<string> {
  const root = path.join(scratch, `cfg-${Math.random().toString(36).slice(2)}`);
  await cp(newRoot, root, { recursive: true });
  await writeFile(path.join(root, 'hvspec.config.json'), JSON.stringify(config));
  return root;
}

describe('diff suppressions', () => {
  it('fails on an unsuppressed danger finding', async () => {
    const outcome = await runDiff(oldRoot, newRoot);
    const finding = outcome.diagnostics.find((d) => d.code === 'HV6202');
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.message, /^\[WIRE danger\] /);
    assert.ok(outcome.diagnostics.some((d) => d.code === 'HV6901' && d.severity === 'error'));
    assert.equal(outcome.exitCode, 1);
  });

  it('accepts a finding suppressed with a reason, by code or by rule id', async () => {
    for (const rule of ['HV6202', 'struct-extended']) {
      const root = await withConfig({ diff: { suppress: [{ spec: 'x', rule, item: 'x_req', reason: 'flags is only sent after VIRTIO_X_F_FLAGS' }] } });
      const outcome = await runDiff(oldRoot, root);
      const finding = outcome.diagnostics.find((d) => d.code === 'HV6202');
      assert.equal(finding?.severity, 'note');
      assert.equal(finding?.diff?.suppressed, 'flags is only sent after VIRTIO_X_F_FLAGS');
      assert.match(finding!.message, /accepted: flags is only sent/);
      assert.ok(!outcome.diagnostics.some((d) => d.code === 'HV6901'), 'an accepted change needs no major version');
      assert.equal(outcome.exitCode, 0);
    }
  });

  it('accepts breaking changes under a new major version, still listing them', async () => {
    for (const [to, accepted] of [['2.0.0', true], ['1.1.0', false]] as const) {
      const root = path.join(scratch, `bumped-${to}`);
      await cp(newRoot, root, { recursive: true });
      const text = await readFile(path.join(root, 'standards', 'x.md'), 'utf8');
      await writeFile(path.join(root, 'standards', 'x.md'), text.replace('version: 1.0.0', `version: ${to}`));
      const outcome = await runDiff(oldRoot, root);
      const finding = outcome.diagnostics.find((d) => d.code === 'HV6202');
      assert.equal(finding?.severity, accepted ? 'warning' : 'error', to);
      assert.equal(finding?.diff?.acceptedByVersion, accepted ? `1.0.0 → ${to}` : undefined);
      assert.equal(outcome.diagnostics.some((d) => d.code === 'HV6901'), !accepted, to);
      assert.equal(outcome.exitCode, accepted ? 0 : 1, to);
    }
  });

  it('can accept the version gate itself, with a reason', async () => {
    // A renamed field breaks source only (a warning), so only the version gate fails the diff.
    const old = await materialiseSide('field-renamed', 'breaks', 'old', scratch);
    const renamed = await materialiseSide('field-renamed', 'breaks', 'new', scratch);
    assert.equal((await runDiff(old, renamed)).exitCode, 1);
    await writeFile(path.join(renamed, 'hvspec.config.json'), JSON.stringify({ diff: { suppress: [
      { spec: 'x', rule: 'version-major-required', reason: 'draft: the old name was never released' },
    ] } }));
    const outcome = await runDiff(old, renamed);
    assert.deepEqual(outcome.diagnostics.map((d) => [d.code, d.severity]), [['HV6901', 'note'], ['HV6103', 'warning']]);
    assert.equal(outcome.exitCode, 0);
  });

  it('warns about a suppression that matches nothing', async () => {
    const root = await withConfig({ diff: { suppress: [
      { rule: 'HV6202', reason: 'accepted on purpose' },
      { spec: 'x', rule: 'HV6205', item: 'x_req.len', reason: 'released long ago' },
    ] } });
    const outcome = await runDiff(oldRoot, root);
    const unused = outcome.diagnostics.filter((d) => d.code === 'HV6002');
    assert.equal(unused.length, 1);
    assert.equal(unused[0]!.severity, 'warning');
    assert.equal(unused[0]!.file, 'hvspec.config.json');
    assert.match(unused[0]!.message, /rule HV6205, item x_req\.len/);
    assert.equal(outcome.exitCode, 0);
  });

  it('rejects a suppression without a reason (usage error, exit 2)', async () => {
    const root = await withConfig({ diff: { suppress: [{ rule: 'HV6202' }] } });
    await assert.rejects(runDiff(oldRoot, root), (e: unknown) => e instanceof UsageError && /reason/.test((e as Error).message));
  });

  it('validates every entry', () => {
    const origin = { file: 'hvspec.config.json' };
    assert.throws(() => readSuppressions({}, origin), SuppressionError);
    assert.throws(() => readSuppressions([{ rule: 'HV6202', reason: 'ok fine', because: 'x' }], origin), /unknown key "because"/);
    assert.throws(() => readSuppressions([{ rule: 'HV6202', reason: '  ' }], origin), /reason/);
    assert.throws(() => readSuppressions([{ reason: 'a good reason' }], origin), /"rule"/);
    assert.deepEqual(readSuppressions([{ rule: 'HV6202', reason: ' why not ' }], origin, 'x'), [
      { spec: 'x', rule: 'HV6202', item: undefined, reason: 'why not', origin },
    ]);
  });

  it('reads `breaking:` from a standard\'s front matter once the model carries it', () => {
    const spec = { id: 'virtio-x', file: 'standards/virtio-x.md', breaking: [{ rule: 'struct-extended', item: 'x_req', reason: 'gated by VIRTIO_X_F_EXT' }] };
    const model = { hvspecModel: 2, specs: [spec] } as unknown as Model;
    assert.deepEqual(frontMatterSuppressions(model), [{
      spec: 'virtio-x', rule: 'struct-extended', item: 'x_req', reason: 'gated by VIRTIO_X_F_EXT',
      origin: { file: 'standards/virtio-x.md', line: 1 },
    }]);
    assert.deepEqual(frontMatterSuppressions({ hvspecModel: 2, specs: [{ id: 'y', file: 'standards/y.md' }] } as unknown as Model), []);
  });
});
