import type { Model } from '../src/model/types.ts';

/** One file a generator produces, relative to its target folder under `output/`. */
export interface GeneratedFile {
  /** e.g. `virtio-i2c.h` or `src/lib.rs`; forward slashes, no `..`. */
  path: string;
  contents: string | Uint8Array;
}

export interface GenerateContext {
  /** Absolute path of the standards root (read-only use, e.g. to find assets). */
  root: string;
  /** Report a problem that stops this target (e.g. no browser for PDF). */
  warn(message: string): void;
  /** A directory a generator may keep reusable results in (`.hvspec-cache/`); absent: cache nothing. */
  cacheDir?: string;
}

/**
 * A target: `generators/<name>/index.ts` exports one of these; `generators/index.ts` lists them.
 * `generate` reads only the model; the CLI validates everything first, then writes the files
 * atomically under `output/<outDir>/`.
 */
export interface Generator {
  name: string;
  /** Folder under output/, usually the same as name. */
  outDir: string;
  /** Committed to git (C, Rust, TS) and so covered by `hvspec build --check`, or a build product. */
  committed: boolean;
  generate(model: Model, context: GenerateContext): GeneratedFile[] | Promise<GeneratedFile[]>;
}
