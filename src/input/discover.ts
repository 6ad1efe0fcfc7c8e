import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../diagnostics/report.ts';
import { fileStart } from '../parse/positions.ts';
import { kindOf } from './read-source.ts';

export interface SourceFile {
  /** Relative to the standards root, forward slashes: `standards/virtio-i2c.md`. */
  file: string;
  absolute: string;
}

/** Is `inner` the directory `outer` or inside it (both real paths)? */
export function isWithin(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Every `*.md` under `<root>/standards`, sorted. Symbolic links are followed only when their real
 * path stays inside the standards tree; anything that is not a regular file is reported, not read
 * (a FIFO would block, a device could be endless). Iterative, so depth costs no stack.
 * Synchronous on purpose: for thousands of small files, async round trips cost more than the work.
 */
export async function discoverSources(root: string, report: Report): Promise<SourceFile[]> {
  const standards = path.join(root, 'standards');
  let realStandards: string;
  try {
    realStandards = realpathSync(standards);
  } catch {
    return [];
  }
  const found: SourceFile[] = [];
  const seenDirs = new Set<string>([realStandards]);
  const pending: string[] = [standards];
  const relative = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      report.add('HV1001', relative(dir), fileStart(), `Directory cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const isMarkdown = entry.name.endsWith('.md');
      let real = full;
      let stat;
      try {
        if (entry.isSymbolicLink()) {
          real = realpathSync(full);
          if (!isWithin(realStandards, real)) {
            if (isMarkdown || statSync(full).isDirectory()) {
              report.add('HV1005', relative(full), fileStart(), 'This link points outside the standards tree; it is not read.',
                { hint: 'Copy the document into standards/ instead of linking to it.' });
            }
            continue;
          }
        }
        stat = statSync(real);
      } catch (error) {
        if (isMarkdown) report.add('HV1001', relative(full), fileStart(), `File cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
        continue;
      }
      if (stat.isDirectory()) {
        if (isMarkdown) {
          report.add('HV1001', relative(full), fileStart(), 'This is a directory named like a document.', { hint: 'Rename the directory so it does not end in .md.' });
        }
        if (!seenDirs.has(real)) { seenDirs.add(real); pending.push(full); }
        continue;
      }
      if (!isMarkdown) continue;
      if (!stat.isFile()) {
        report.add('HV1001', relative(full), fileStart(), `This is ${kindOf(stat)}, not a regular file; it is not read.`,
          { hint: 'Standards are regular files; remove it or rename it so it does not end in .md.' });
        continue;
      }
      found.push({ file: relative(full), absolute: real });
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
