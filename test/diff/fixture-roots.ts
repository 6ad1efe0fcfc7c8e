/**
 * Diff fixtures: `test/diff/fixtures/<rule-id>/<case>.{old,new}[.<spec>].md`, case `breaks` (must
 * trigger the rule) or `passes` (must not). `passes.old*` defaults to `breaks.old*`. Each side is
 * materialised as a standards root in a temp directory: `<case>.old.md` → `standards/x.md`,
 * `<case>.old.y.md` → `standards/y.md`.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export type CaseName = 'breaks' | 'passes';

async function sideFiles(dir: string, kase: CaseName, side: 'old' | 'new'): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(`${kase}.${side}.`) && n.endsWith('.md')).sort();
  if (names.length === 0 && kase === 'passes' && side === 'old') return sideFiles(dir, 'breaks', 'old');
  return names.map((n) => path.join(dir, n));
}

/** Writes one side of a case into a fresh standards root and returns the root. */
export async function materialiseSide(rule: string, kase: CaseName, side: 'old' | 'new', scratch: string): Promise<string> {
  const dir = path.join(FIXTURES, rule);
  const root = await mkdtemp(path.join(scratch, `${rule}-${kase}-${side}-`));
  await mkdir(path.join(root, 'standards'));
  const files = await sideFiles(dir, kase, side);
  if (files.length === 0) throw new Error(`fixture ${rule}/${kase}.${side}.md is missing`);
  for (const file of files) {
    const spec = path.basename(file).split('.').slice(2, -1)[0] ?? 'x';
    await writeFile(path.join(root, 'standards', `${spec}.md`), await readFile(file));
  }
  return root;
}

export async function fixtureRules(): Promise<string[]> {
  return (await readdir(FIXTURES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export async function scratchDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'hvspec-diff-test-'));
}
