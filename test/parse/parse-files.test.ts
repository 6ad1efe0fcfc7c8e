import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseAndValidate, parseFiles, parseWorkerCount, WORKER_POLICY } from '../../src/parse/parse-files.ts';

/*
 * Where documents are parsed (issue 12: workers only when the corpus repays them). Whether in this
 * thread or in workers, every file yields the same diagnostics and document.
 */
const STANDARDS = path.join(import.meta.dirname, '../../standards');

describe('parse placement', () => {
  test('the project corpus is parsed in-process; only a large corpus on enough cores gets workers', () => {
    const bytes = readdirSync(STANDARDS).reduce((sum, f) => sum + readFileSync(path.join(STANDARDS, f)).length, 0);
    assert.equal(parseWorkerCount(bytes, 17, 2, undefined), 0);
    assert.equal(parseWorkerCount(bytes, 17, 64, undefined), 0);
    assert.equal(parseWorkerCount(WORKER_POLICY.minBytes, 1000, 2, undefined), 0, 'two cores never repaid workers');
    assert.equal(parseWorkerCount(WORKER_POLICY.minBytes, 1000, 8, undefined), 2);
    assert.equal(parseWorkerCount(10, 3, 2, '2'), 2, 'HVSPEC_PARSE_WORKERS forces');
    assert.equal(parseWorkerCount(WORKER_POLICY.minBytes, 1000, 8, '0'), 0);
    assert.equal(parseWorkerCount(10, 1, 2, '2'), 1, 'never more workers than files');
  });

  test('workers give exactly what in-process parsing gives, for valid and broken documents', async () => {
    const jobs = readdirSync(STANDARDS).sort().map((f) => ({ file: `standards/${f}`, text: readFileSync(path.join(STANDARDS, f), 'utf8') }));
    jobs.push({ file: 'standards/nested.md', text: '---\nspec: n\ntitle: N\nversion: 1.0.0\nstatus: draft\n---\n\n- ```hvspec struct\n' });
    const inProcess = jobs.map((j) => parseAndValidate(j.text, j.file));
    const saved = process.env.HVSPEC_PARSE_WORKERS;
    process.env.HVSPEC_PARSE_WORKERS = '2';
    try {
      const inWorkers = await parseFiles(jobs);
      assert.equal(inWorkers.length, jobs.length);
      for (let i = 0; i < jobs.length; i++) {
        assert.deepEqual(inWorkers[i]!.diagnostics, inProcess[i]!.diagnostics, jobs[i]!.file);
        assert.deepEqual(inWorkers[i]!.document, inProcess[i]!.document, jobs[i]!.file);
      }
      assert.deepEqual(inWorkers.at(-1)!.diagnostics.map((d) => d.code), ['HV1012']);
    } finally {
      if (saved === undefined) delete process.env.HVSPEC_PARSE_WORKERS; else process.env.HVSPEC_PARSE_WORKERS = saved;
    }
  });
});
