import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError, type GlobalOptions } from '../context.ts';
import { toolVersion } from '../version.ts';

/** The scaffold, shipped in the package. A leading `_` in a path segment stands for `.` (npm drops dotfiles such as .gitignore from packages). */
const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/init/', import.meta.url));

export function registerInit(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('init')
    .description('create a standards repository: an example standard, config, package.json, .gitignore and CI workflows')
    .argument('[dir]', 'where to create it (created if missing)', '.')
    .action((dir: string, _options: unknown, command: Command) => run(async () => {
      const globals = command.optsWithGlobals() as GlobalOptions;
      const target = path.resolve(globals.C ?? '.', dir);
      const files = scaffold(target);
      writeAll(target, files);
      if (!globals.quiet) {
        const shown = path.relative(process.cwd(), target) || '.';
        process.stdout.write(`Created ${files.length} files in ${shown}:\n${files.map((f) => `  ${f.path}\n`).join('')}\nNext:\n${shown === '.' ? '' : `  cd ${shown}\n`}  npm install\n  npx hvspec check\n  npx hvspec build\n`);
      }
      return 0;
    }));
}

interface ScaffoldFile {
  /** Relative to the new repository, forward slashes. */
  path: string;
  contents: string;
}

/** The files of a new repository in `target`, with the placeholders filled in. */
export function scaffold(target: string): ScaffoldFile[] {
  const name = packageName(path.basename(target));
  const values: Record<string, string> = { name, bindingsName: bindingsName(name), hvspecVersion: toolVersion() };
  const files: ScaffoldFile[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = entry.name.replace(/^_/, '.');
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${name}/`);
      else {
        const text = readFileSync(path.join(dir, entry.name), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
        files.push({ path: `${prefix}${name}`, contents: text });
      }
    }
  };
  walk(TEMPLATE_DIR, '');
  return files;
}

/** An npm package name from a directory name: lower case, only the characters npm allows. */
function packageName(base: string): string {
  const name = base.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._-]+/, '').replace(/-+$/, '');
  return name === '' ? 'standards' : name.slice(0, 214);
}

/** The config's `package.name` (npm, crate and pkg-config names): lower-case letters, digits and dashes, starting with a letter. */
function bindingsName(name: string): string {
  const plain = name.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(plain) ? plain : `standards-${plain}`.replace(/-+$/, '');
}

function exists(file: string): boolean {
  try {
    lstatSync(file); // a dangling symbolic link exists too: writing through it is refused as well
    return true;
  } catch {
    return false;
  }
}

/**
 * Write every file or none: existing files are never overwritten (all are checked first, then
 * each is created exclusively), and on any failure what was created is removed again.
 */
function writeAll(target: string, files: ScaffoldFile[]): void {
  const clashes = files.filter((f) => exists(path.join(target, f.path))).map((f) => f.path);
  if (clashes.length > 0) {
    throw new UsageError(`init: ${path.relative(process.cwd(), target) || '.'} already has ${clashes.join(', ')}; nothing was written (init only creates new files; move them away or choose another directory)`);
  }
  const createdFiles: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of files) {
      const full = path.join(target, file.path);
      const missing: string[] = [];
      for (let dir = path.dirname(full); !exists(dir); dir = path.dirname(dir)) missing.unshift(dir);
      for (const dir of missing) { mkdirSync(dir); createdDirs.push(dir); }
      writeFileSync(full, file.contents, { flag: 'wx' });
      createdFiles.push(full);
    }
  } catch (error) {
    for (const file of createdFiles.reverse()) { try { unlinkSync(file); } catch { /* already gone */ } }
    for (const dir of createdDirs.reverse()) { try { rmdirSync(dir); } catch { /* not empty: not ours alone */ } }
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`init: cannot write in ${target}: ${code === 'EEXIST' ? 'a file appeared while writing' : (error as Error).message}; nothing was written`);
  }
}
