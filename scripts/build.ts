/**
 * `npm run build`: the compiled hvspec that `bin/hvspec.js` runs and the package ships.
 *
 * 1. The JSON Schemas become standalone validators (src/validate/generated/), so no process
 *    compiles a schema at run time.
 * 2. esbuild bundles the CLI, the programmatic API (src/index.ts) and the parse worker into dist/
 *    with code splitting: each entry loads only its chunks, and commands import their heavy parts
 *    (generators, TypeScript, Chromium) lazily. Dependencies are bundled, so an install of hvspec
 *    fetches only the two it loads from node_modules: playwright-core (PDF) and typescript (the TS
 *    target's JavaScript and declarations). esbuild over tsc: the bundle starts a command in about
 *    a third of the CPU time of tsc's one-file-per-module output (figures in docs/package.md).
 * 3. dist/build-stamp.json records when the build started; in a checkout, bin/hvspec.js refuses
 *    to run a dist/ older than the sources.
 *
 * `npm run build:types` (`--types`, run by `npm pack`) writes the declarations of the API under
 * dist/types/: tsc (tsconfig.build.json), then their imports are pointed at the `.d.ts` files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { GENERATED_DECLARATIONS, GENERATED_VALIDATORS, generateDeclarationsSource, generateValidatorsSource } from '../src/validate/standalone.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(ROOT, 'dist');

function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

if (process.argv.includes('--types')) {
  rmSync(path.join(DIST, 'types'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // tsc keeps the sources' `./x.ts` specifiers in declarations; `./x.js` finds x.d.ts under any
  // consumer's module resolution.
  const stack = [path.join(DIST, 'types')];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.d.ts')) {
        writeIfChanged(full, readFileSync(full, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2'));
      }
    }
  }
  process.exit(0);
}
const started = Date.now();

writeIfChanged(GENERATED_VALIDATORS, generateValidatorsSource());
writeIfChanged(GENERATED_DECLARATIONS, generateDeclarationsSource());

/** Packages loaded from node_modules at run time instead of being bundled (large, and lazily loaded). */
const EXTERNAL = ['minisearch', 'playwright-core', 'typescript'];

/**
 * hvspec's own modules find their templates, assets, schemas and package.json relative to
 * `import.meta.url`. In a bundle every module shares its chunk's URL, so each module's
 * `import.meta.url` is replaced by the URL its source file has in the package (the package root
 * is dist/..); the files they read ship at their source paths.
 * The parse worker is the exception: its entry is dist/parse-worker.js, next to the chunks.
 */
const WORKER_SOURCE_ENTRY = "new URL('./parse-worker-entry.mjs', import.meta.url)";
const sourceUrls: Plugin = {
  name: 'hvspec-source-urls',
  setup(b) {
    let workerEntries = 0;
    b.onStart(() => { workerEntries = 0; });
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const relative = path.relative(ROOT, args.path).split(path.sep).join('/');
      if (relative.startsWith('..') || relative.startsWith('node_modules/')) return undefined;
      let text = readFileSync(args.path, 'utf8');
      const parts = text.split(WORKER_SOURCE_ENTRY);
      workerEntries += parts.length - 1;
      text = parts.join('__HVSPEC_WORKER_URL__')
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, new URL('../', import.meta.url)).href`)
        .replaceAll('__HVSPEC_WORKER_URL__', "new URL('./parse-worker.js', import.meta.url)");
      return { contents: text, loader: 'ts' };
    });
    b.onEnd((result) => {
      // A changed worker start-up in src/parse/ must not silently start the tsx entry from dist/.
      if (result.errors.length === 0 && workerEntries !== 1) {
        result.errors.push({ id: '', pluginName: 'hvspec-source-urls', text: `expected ${WORKER_SOURCE_ENTRY} once in src/parse/, found it ${workerEntries} times; update scripts/build.ts`, location: null, notes: [], detail: undefined });
      }
    });
  },
};

// Clean the previous bundle; dist/types/ (build:types) is kept, since `npm pack` builds it first.
if (existsSync(DIST)) for (const entry of readdirSync(DIST)) if (entry !== 'types') rmSync(path.join(DIST, entry), { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'parse-worker': 'src/parse/parse-worker.ts' },
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  // CommonJS dependencies (yaml, handlebars) call require(); ESM bundles have none of their own.
  banner: { js: "import { createRequire as __hvspecCreateRequire } from 'node:module'; const require = __hvspecCreateRequire(import.meta.url);" },
  // Chunks stay next to the entries: the URL rewriting above takes dist/.. as the package root.
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceUrls],
});

/** The bundled packages' licence texts, which the bundle no longer carries in node_modules/. */
function thirdPartyNotices(inputs: string[]): string {
  const packages = new Map<string, string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1]!, match[1]!);
  }
  const sections: string[] = [];
  for (const dir of [...packages.keys()].sort()) {
    const meta = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenceFile = ['LICENSE', 'LICENSE.md', 'license', 'LICENSE.txt', 'license.md', 'LICENCE'].map((f) => path.join(ROOT, dir, f)).find((f) => existsSync(f));
    sections.push(`${meta.name}@${meta.version} (${meta.license ?? 'see package'})\n\n${licenceFile ? readFileSync(licenceFile, 'utf8').trim() : `License: ${meta.license ?? 'unknown'}`}`);
  }
  return `hvspec's dist/ bundles the following packages; their licences follow.\n\n${sections.join('\n\n' + '-'.repeat(72) + '\n\n')}\n`;
}

writeFileSync(path.join(DIST, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(Object.keys(result.metafile.inputs)));
writeFileSync(path.join(DIST, 'build-stamp.json'), `${JSON.stringify({ started })}\n`);
