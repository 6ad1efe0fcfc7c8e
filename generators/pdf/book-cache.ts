/**
 * Finished books from earlier builds, so a build prints only the books whose input changed.
 * A book's bytes are a function of its HTML (which includes the CSS), its outline, its metadata
 * (with the source date), the browser, hvspec and pdf-lib (the books are reproducible, so a
 * cached book is byte-for-byte what printing again would give); the key hashes all of them. The
 * browser is identified by its `--version` and its executable's path, size and time stamp.
 *
 * Entries live in `.hvspec-cache/pdf/<key>.pdf`, written to a temp file and renamed; after a
 * build only the entries of the current books are kept. A damaged or unreadable entry is a miss.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../../src/cli/version.ts';
import type { Book } from './book.ts';
import type { BookMetadata } from './finish.ts';

/** Bump when the printing pipeline changes in a way the inputs above do not show. */
const FORMAT = 2;

export class BookCache {
  private readonly browser: string;
  private readonly used = new Set<string>();

  constructor(private readonly dir: string, executable: string) {
    this.browser = browserIdentity(executable);
  }

  key(book: Book, meta: BookMetadata): string {
    const hash = createHash('sha256');
    for (const part of [String(FORMAT), toolVersion(), 'pdf-lib 1.17.1', this.browser, JSON.stringify(meta), JSON.stringify(book.outline), book.html]) hash.update(`${part.length}:${part}`);
    return hash.digest('hex');
  }

  get(key: string): Uint8Array | null {
    this.used.add(key);
    try {
      const bytes = readFileSync(path.join(this.dir, `${key}.pdf`));
      // A file cut short (disk full, an older hvspec) is not a book.
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.subarray(-6).toString('latin1').includes('%%EOF') ? new Uint8Array(bytes) : null;
    } catch {
      return null;
    }
  }

  put(key: string, bytes: Uint8Array): void {
    this.used.add(key);
    try {
      mkdirSync(this.dir, { recursive: true });
      const temp = path.join(this.dir, `.${key}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      writeFileSync(temp, bytes);
      renameSync(temp, path.join(this.dir, `${key}.pdf`));
    } catch {
      // The cache only saves time: a read-only or full disk must not fail the build.
    }
  }

  /** Removes the entries this build did not ask for (older versions of the books). */
  prune(): void {
    let names: string[];
    try { names = readdirSync(this.dir); } catch { return; }
    for (const name of names) {
      const key = /^([0-9a-f]{64})\.pdf$/.exec(name)?.[1];
      if (key !== undefined && !this.used.has(key)) rmSync(path.join(this.dir, name), { force: true });
    }
  }
}

function browserIdentity(executable: string): string {
  let version = '';
  try {
    version = execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch {
    version = 'unknown';
  }
  try {
    const real = realpathSync(executable);
    const stat = statSync(real);
    return `${version}|${real}|${stat.size}|${stat.mtimeMs}`;
  } catch {
    return `${version}|${executable}`;
  }
}
