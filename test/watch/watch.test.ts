/**
 * `hvspec watch --build` as a user runs it, on a temp copy of a small corpus: an unknown type
 * saved into a document is printed as a new diagnostic with check's code frame and hint; the fix
 * is printed as fixed; a change of one document rewrites only the outputs whose bytes changed;
 * SIGTERM stops it with exit code 0.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CliProcess } from './cli-process.ts';
import { BASE_MD, DEVICE_MD, makeCorpus } from './corpus.ts';

/** Where `needle` starts in `text`, as the CLI prints it (1-based line and column). */
function positionOf(text: string, needle: string): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the document`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

test('watch --build prints new and fixed diagnostics and rewrites only changed outputs', async (t) => {
  const corpus = makeCorpus();
  const cli = new CliProcess(['-C', corpus.root, 'watch', '--build', '--target', 'c']);
  t.after(async () => { await cli.kill(); corpus.remove(); });
  const output = (name: string) => path.join(corpus.root, 'output', name);
  const inode = (name: string) => statSync(output(name)).ino;

  // Start-up: a full check, then a first build that writes everything.
  const first = await cli.waitFor(/^built: .*\n/m);
  assert.match(first, /checked · 0 errors, 0 warnings · 2 files checked in/);
  assert.match(first, /output\/c\/include\/hvspec\/demo-device\.h/);
  const before = { base: inode('c/include/hvspec/demo-base.h'), device: inode('c/include/hvspec/demo-device.h'), common: inode('c/include/hvspec/hvspec_common.h'), model: inode('model.json') };

  // An editor's atomic save introduces an unknown type.
  let from = cli.mark();
  const broken = DEVICE_MD.replace('{ name: length, type: le32', '{ name: length, type: le23');
  corpus.saveAtomically('demo-device.md', broken);
  let chunk = await cli.waitFor(/build skipped.*\n/, from);
  assert.match(chunk, /── standards\/demo-device\.md changed/);
  const where = positionOf(broken, 'le23');
  assert.ok(chunk.includes(`standards/demo-device.md:${where}: error HV3001: Unknown type "le23".`), chunk);
  assert.match(chunk, /> \d+ \|   - \{ name: length, type: le23/, 'the code frame of hvspec check');
  assert.match(chunk, /hint: Did you mean "le32"\?/);
  assert.match(chunk, /1 new, 0 fixed · 1 error, 0 warnings/);
  assert.deepEqual({ base: inode('c/include/hvspec/demo-base.h'), device: inode('c/include/hvspec/demo-device.h'), common: inode('c/include/hvspec/hvspec_common.h'), model: inode('model.json') }, before,
    'nothing is written while the standards have errors');

  // Fixed by writing the file in place: printed as fixed; the outputs are already right.
  from = cli.mark();
  corpus.saveInPlace('demo-device.md', DEVICE_MD);
  chunk = await cli.waitFor(/^built: .*\n/m, from);
  assert.ok(chunk.includes(`fixed: standards/demo-device.md:${where}: error HV3001: Unknown type "le23".`), chunk);
  assert.match(chunk, /0 new, 1 fixed · 0 errors, 0 warnings/);
  assert.match(chunk, /built: the model did not change; output\/ is as the last build left it/);
  assert.doesNotMatch(chunk, /error HV3001[^\n]*\n {2}\d/, 'a fixed diagnostic is one line, without a frame');

  // A doc change in one standard: only that header and the model are rewritten.
  from = cli.mark();
  corpus.saveAtomically('demo-device.md', DEVICE_MD.replace('Bytes of payload.', 'Bytes of payload after the header.'));
  chunk = await cli.waitFor(/^built: .*\n/m, from);
  assert.match(chunk, /no new or fixed diagnostics · 0 errors, 0 warnings/);
  assert.match(chunk, /built: output\/model\.json, output\/c\/include\/hvspec\/demo-device\.h \(2 written, 0 removed, \d+ unchanged\)/);
  assert.match(readFileSync(output('c/include/hvspec/demo-device.h'), 'utf8'), /Bytes of payload after the header\./);
  assert.notEqual(inode('c/include/hvspec/demo-device.h'), before.device);
  assert.notEqual(inode('model.json'), before.model);
  assert.equal(inode('c/include/hvspec/demo-base.h'), before.base, 'an unchanged header is not rewritten');
  assert.equal(inode('c/include/hvspec/hvspec_common.h'), before.common);

  // A target's file edited by hand is put back by the next build that generates it.
  writeFileSync(output('c/include/hvspec/demo-base.h'), 'edited by hand\n');
  from = cli.mark();
  corpus.saveAtomically('demo-device.md', DEVICE_MD.replace('Bytes of payload.', 'Bytes of payload (little-endian).'));
  chunk = await cli.waitFor(/^built: .*\n/m, from);
  assert.match(chunk, /built: output\/model\.json, output\/c\/include\/hvspec\/demo-base\.h, output\/c\/include\/hvspec\/demo-device\.h \(3 written/);
  assert.doesNotMatch(readFileSync(output('c/include/hvspec/demo-base.h'), 'utf8'), /edited by hand/);

  const exit = await cli.stop('SIGTERM');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.match(cli.stdout, /stopped watching\n$/);
  assert.equal(cli.stderr, '');
});

test('watch without --build: a burst of saves ends in the state of the last one; Ctrl-C exits 0', async (t) => {
  const corpus = makeCorpus();
  const cli = new CliProcess(['-C', corpus.root, 'watch']);
  t.after(async () => { await cli.kill(); corpus.remove(); });
  await cli.waitFor(/checked · 0 errors/);

  const from = cli.mark();
  // Quick saves of broken text, then a correct one. However the events are grouped into runs,
  // every state but the last has an error, so a clean summary can only come from the last save.
  for (let i = 0; i < 4; i++) corpus.saveInPlace('demo-base.md', BASE_MD.replace('type: le32', `type: le${90 + i}`));
  corpus.saveAtomically('demo-base.md', BASE_MD.replace('Request flags.', 'Request flags (none defined).'));
  const settled = await cli.waitFor(/·[^\n]* 0 errors, 0 warnings · 2 files checked[^\n]*\n/, from);
  const lastRun = settled.slice(settled.lastIndexOf('── '));
  assert.match(lastRun, /^── standards\/demo-base\.md changed\n/, settled);
  assert.doesNotMatch(lastRun, /^standards\/[^\n]*: error HV/m, 'no new error in the last run');

  // Editors' swap, backup and probe files start no run; the document saved after them does.
  let mark = cli.mark();
  for (const junk of ['.demo-base.md.swp', 'demo-base.md~', '4913', '#demo-base.md#', 'notes.txt']) writeFileSync(path.join(corpus.root, 'standards', junk), 'junk');
  corpus.saveInPlace('demo-base.md', BASE_MD);
  const afterJunk = await cli.waitFor(/── standards\/demo-base\.md changed\n[^\n]*0 errors, 0 warnings[^\n]*\n/, mark);
  assert.deepEqual(afterJunk.match(/^── .*$/gm), ['── standards/demo-base.md changed'], afterJunk);

  // A broken config is reported and the previous one kept; watching goes on.
  mark = cli.mark();
  writeFileSync(path.join(corpus.root, 'hvspec.config.json'), '{ "severity": ');
  await cli.waitFor(/hvspec\.config\.json: .*; keeping the previous configuration\n/, 0, undefined, 'stderr');
  await cli.waitFor(/── hvspec\.config\.json changed\n[^\n]*0 errors/, mark);

  const exit = await cli.stop('SIGINT');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.doesNotMatch(cli.stderr.replace(/^hvspec: hvspec\.config\.json: .*\n/m, ''), /\S/, 'nothing else on stderr');
});
