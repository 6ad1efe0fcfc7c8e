import type { OutputFile } from '../output/write.ts';

/** An error the overlay lists: where (file:line:col), code and message, as the CLI prints them. */
export interface OverlayError {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  hint?: string;
}

/**
 * The site the preview serves, in memory: the last good build's files, and the errors of the
 * latest check. Each build that changes any file's bytes starts a new generation; every file
 * remembers the generation its bytes last changed in, so the preview reloads only the pages that
 * changed and a page served before a build can tell, on connecting, whether it is out of date.
 */
export class PreviewSite {
  private files = new Map<string, Buffer>();
  private changedIn = new Map<string, number>();
  private built = false;
  generation = 0;
  errors: OverlayError[] = [];

  /** Replace the site with a new build; returns the paths whose bytes changed, appeared or went away. */
  update(files: OutputFile[]): string[] {
    const next = new Map(files.map((f) => [f.path, typeof f.contents === 'string' ? Buffer.from(f.contents, 'utf8') : Buffer.from(f.contents)]));
    const changed: string[] = [];
    for (const [p, bytes] of next) if (!this.files.get(p)?.equals(bytes)) changed.push(p);
    for (const p of this.files.keys()) if (!next.has(p)) changed.push(p);
    this.built = true;
    this.files = next;
    if (changed.length > 0) {
      this.generation++;
      for (const p of changed) this.changedIn.set(p, this.generation);
    }
    return changed.sort();
  }

  /** Has any build succeeded yet? Until then every page is the "not built yet" page. */
  get hasBuild(): boolean {
    return this.built;
  }

  file(p: string): Buffer | undefined {
    return this.files.get(p);
  }

  /** Did the file at `p` change (or appear, or go) after generation `seen`? */
  changedSince(p: string, seen: number): boolean {
    return (this.changedIn.get(p) ?? 0) > seen;
  }
}
