/**
 * compileCorpus's editor session (the language server's warm per-file results): an unchanged file
 * is not read again, an unsaved buffer wins over the disk, and a deleted file leaves the session.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { compileCorpus, type EditorSession } from '../../src/compile.ts';

const doc = (id: string, type: string): string => `---\nspec: ${id}\ntitle: ${id}\nversion: 1.0.0\nstatus: draft\n---\n\n# ${id}\n\n\`\`\`hvspec struct\nname: ${id.replace(/-/g, '_')}_s\nfields:\n  - { name: a, type: ${type} }\n\`\`\`\n`;

test('a session reuses unchanged files, reads buffers before the disk, and forgets deleted files', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-session-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'standards'));
  writeFileSync(path.join(root, 'standards', 'a.md'), doc('a', 'u32'));
  writeFileSync(path.join(root, 'standards', 'b.md'), doc('b', 'u16'));
  const session: EditorSession = { overlay: new Map(), warm: new Map() };

  const first = await compileCorpus(root, { cache: false, session });
  assert.deepEqual(first.diagnostics, []);
  const warmB = session.warm.get('standards/b.md')!.processed;

  session.overlay.set('standards/a.md', doc('a', 'le23'));
  const edited = await compileCorpus(root, { cache: false, session });
  assert.deepEqual(edited.diagnostics.map((d) => `${d.file} ${d.code}`), ['standards/a.md HV3001']);
  assert.equal(session.warm.get('standards/b.md')!.processed, warmB, 'the unchanged file is not processed again');

  unlinkSync(path.join(root, 'standards', 'b.md'));
  await compileCorpus(root, { cache: false, session });
  assert.deepEqual([...session.warm.keys()], ['standards/a.md']);
});
