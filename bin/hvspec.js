#!/usr/bin/env node
// The hvspec command runs the compiled bundle in dist/ (scripts/build.ts; `npm ci` and `npm pack`
// build it). `--version` is answered from package.json without loading the CLI at all.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version}\n`);
} else {
  // A checkout has the sources next to dist/ (the package does not): never run a stale build.
  if (existsSync(new URL('src/', root))) {
    const stale = staleSource();
    if (stale) {
      process.stderr.write(`hvspec: ${stale}; run \`npm run build\` first\n`);
      process.exit(2);
    }
  }
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(process.argv);
}

/** Why dist/ cannot run: no build, or the first source, template or schema changed after it. */
function staleSource() {
  let started;
  try {
    started = JSON.parse(readFileSync(new URL('dist/build-stamp.json', root), 'utf8')).started;
  } catch {
    return 'dist/ has not been built';
  }
  for (const dir of ['src', 'generators', 'schemas']) {
    const stack = [new URL(`${dir}/`, root)];
    while (stack.length > 0) {
      const folder = stack.pop();
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          if (entry.name !== 'generated') stack.push(new URL(`${entry.name}/`, folder));
        } else if (statSync(new URL(entry.name, folder)).mtimeMs > started) {
          return `dist/ is older than ${new URL(entry.name, folder).pathname.slice(root.pathname.length)}`;
        }
      }
    }
  }
  return undefined;
}
