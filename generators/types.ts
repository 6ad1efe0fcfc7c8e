import type { Model } from '../src/model/types.ts';

/** One file a generator produces, relative to its target folder under `output/`. */
export interface GeneratedFile {
  /** e.g. `virtio-i2c.h` or `src/lib.rs`; forward slashes, no `..`. */
  path: string;
  contents: string | Uint8Array;
}

/** `package` of hvspec.config.json (schemas/config.schema.json): names and metadata of the vendor packages. */
export interface PackageConfig {
  name?: string;
  version?: string;
  description?: string;
  license?: string;
  repository?: string;
  homepage?: string;
  authors?: string[];
  ts?: { name?: string };
  rust?: { name?: string };
  c?: { name?: string };
}

/** PackageConfig with the defaults filled in (generators/package-info.ts): what a generator prints. */
export interface PackageInfo {
  version: string;
  description?: string;
  license: string;
  repository?: string;
  homepage?: string;
  authors: string[];
  /** Package name per built-in target: npm package, crate, pkg-config module and include folder. */
  names: { ts: string; rust: string; c: string };
}

export interface GenerateContext {
  /** Absolute path of the standards root (read-only use, e.g. to find assets). */
  root: string;
  /** Package names and metadata from hvspec.config.json; absent means the defaults. */
  package?: PackageInfo;
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
