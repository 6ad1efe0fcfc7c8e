import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A content-addressed cache of per-file results in `<root>/.hvspec-cache/`. Keys hash the input
 * bytes together with a fingerprint of hvspec's own sources and schemas, so an entry can never be
 * stale: a changed input or a changed hvspec gives a different key. Entries that fail to parse are
 * ignored; a cache that cannot be written is simply not used.
 */
export class ResultCache {
  private readonly dir: string;
  private disabled = false;

  constructor(root: string) {
    this.dir = path.join(root, '.hvspec-cache');
  }

  key(...parts: (string | Uint8Array)[]): string {
    const hash = createHash('sha256');
    hash.update(toolFingerprint());
    for (const part of parts) { hash.update(part); hash.update('\u0000'); }
    return hash.digest('hex');
  }

  get<T>(key: string): T | undefined {
    if (this.disabled) return undefined;
    try {
      const entry = JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as { key: string; value: T };
      return entry.key === key ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    if (this.disabled) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const target = path.join(this.dir, `${key}.json`);
      const temp = `${target}.tmp-${process.pid}`;
      writeFileSync(temp, JSON.stringify({ key, value }, mapReplacer));
      renameSync(temp, target);
    } catch {
      this.disabled = true;
    }
  }
}

/** Maps are stored as `{ "$map": [[k, v], …] }` and revived by `reviveMaps`. */
function mapReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? { $map: [...value.entries()] } : value;
}

export function reviveMaps<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) v[i] = walk(v[i]); return v; }
    if (v !== null && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      if (Array.isArray(record.$map) && Object.keys(record).length === 1) return new Map((record.$map as [string, unknown][]).map(([k, x]) => [k, walk(x)]));
      for (const k of Object.keys(record)) record[k] = walk(record[k]);
    }
    return v;
  };
  return walk(value) as T;
}

let fingerprint: string | undefined;

/** Hash of hvspec's sources and schemas: any change to the tool invalidates every entry. */
function toolFingerprint(): string {
  if (fingerprint) return fingerprint;
  const top = fileURLToPath(new URL('../../', import.meta.url));
  const hash = createHash('sha256');
  // A checkout hashes the sources; an installed package, which has no src/, its compiled code.
  for (const dir of [existsSync(path.join(top, 'src')) ? 'src' : 'dist', 'schemas']) {
    const stack = [path.join(top, dir)];
    const files: string[] = [];
    while (stack.length > 0) {
      const d = stack.pop()!;
      for (const name of readdirSync(d)) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) stack.push(full); else files.push(full);
      }
    }
    for (const f of files.sort()) { hash.update(path.relative(top, f)); hash.update(readFileSync(f)); }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}
