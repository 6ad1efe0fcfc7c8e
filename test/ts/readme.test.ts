/**
 * The example of docs/ts.md runs as written against the package generated from the project
 * corpus, imported by name, and prints exactly the output the document shows.
 * (tsc.test.ts type-checks the same example with the strict options.)
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { compileRoot, docsExample, generateInto, makeConsumer, projectRoot, scratch } from './support.ts';

const run = promisify(execFile);
const root = scratch('readme');
after(() => rmSync(root, { recursive: true, force: true }));

test('docs/ts.md: the example decodes real virtio-i2c and virtio-snd messages and prints what the document says', async (t) => {
  const model = await compileRoot(projectRoot);
  if (model === null) return t.skip('src/compile.ts is not there yet');
  await generateInto(model, join(root, 'package'));
  const { code, output } = docsExample();
  makeConsumer(join(root, 'consumer'), join(root, 'package'), { 'example.ts': code });
  // The consumer has no tsx of its own: load the project's, by its resolved URL.
  const result = await run(process.execPath, ['--import', import.meta.resolve('tsx'), 'example.ts'], { cwd: join(root, 'consumer') });
  assert.equal(result.stdout, output);
});
