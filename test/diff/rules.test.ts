/**
 * The rule catalogue, proven on fixtures: every rule has an old/new pair that triggers it and one
 * that does not, documentation with examples, and a unique code in the HV6xxx range.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';
import { diffCodes } from '../../src/diff/codes.ts';
import { diffModels } from '../../src/diff/engine.ts';
import { diffRules } from '../../src/diff/rules/index.ts';
import { fixtureRules, materialiseSide, scratchDir, type CaseName } from './fixture-roots.ts';

let scratch: string;
before(async () => { scratch = await scratchDir(); });
after(async () => { await rm(scratch, { recursive: true, force: true }); });

async function compileSide(rule: string, kase: CaseName, side: 'old' | 'new'): Promise<Model> {
  const root = await materialiseSide(rule, kase, side, scratch);
  const { model, diagnostics } = await compileCorpus(root, { cache: false });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.ok(model, `${rule}/${kase}.${side} does not compile:\n${errors.map((d) => `${d.file}:${d.range?.start.line} ${d.code} ${d.message}`).join('\n')}`);
  return model;
}

async function codesOf(rule: string, kase: CaseName): Promise<string[]> {
  const [oldModel, newModel] = await Promise.all([compileSide(rule, kase, 'old'), compileSide(rule, kase, 'new')]);
  return diffModels(oldModel, newModel).map((c) => c.rule.code);
}

describe('diff rule catalogue', () => {
  it('has unique ids and HV6xxx codes, and documents every code', () => {
    assert.equal(new Set(diffRules.map((r) => r.id)).size, diffRules.length);
    assert.equal(new Set(diffCodes.map((c) => c.code)).size, diffCodes.length);
    for (const doc of diffCodes) {
      assert.match(doc.code, /^HV6\d{3}$/);
      assert.ok(doc.summary.length > 10, `${doc.code} summary`);
      assert.match(doc.explanation, /(Bad|Example)/, `${doc.code} explanation needs an example`);
    }
    for (const rule of diffRules) {
      if (rule.severity !== 'note') assert.match(rule.explanation, /Good/, `${rule.id} needs a good example`);
    }
  });

  it('has a fixture directory for every rule and a rule for every fixture directory', async () => {
    assert.deepEqual(await fixtureRules(), diffRules.map((r) => r.id).sort());
  });

  for (const rule of diffRules) {
    describe(`${rule.code} ${rule.id}`, () => {
      it('fires on its breaks fixture', async () => {
        const codes = await codesOf(rule.id, 'breaks');
        assert.ok(codes.includes(rule.code), `expected ${rule.code}, got [${codes.join(', ')}]`);
      });
      it('stays quiet on its passes fixture', async () => {
        const codes = await codesOf(rule.id, 'passes');
        assert.ok(!codes.includes(rule.code), `did not expect ${rule.code}, got [${codes.join(', ')}]`);
      });
    });
  }
});
