/**
 * The VS Code extension in editors/vscode/: it type-checks against the VS Code API, bundles with
 * esbuild to one file that needs only `vscode` and Node built-ins, packages to a .vsix with
 * @vscode/vsce, finds the workspace's own `hvspec` and starts a working language server with it,
 * and its grammar recognises exactly the corpus's hvspec fences.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { serverCommand } from '../../editors/vscode/src/server-command.ts';
import { LspClient } from './client.ts';

const TOP = path.join(import.meta.dirname, '../..');
const EXTENSION = path.join(TOP, 'editors/vscode');
const work = mkdtempSync(path.join(tmpdir(), 'hvspec-vscode-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the extension type-checks against @types/vscode', () => {
  const r = spawnSync(process.execPath, [path.join(TOP, 'node_modules/typescript/bin/tsc'), '-p', path.join(EXTENSION, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('bundled and packaged to a .vsix with vsce', async () => {
  const copy = path.join(work, 'extension');
  cpSync(EXTENSION, copy, { recursive: true, filter: (p) => !p.includes(`${path.sep}dist`) && !p.endsWith('.vsix') });
  await build({
    entryPoints: [path.join(copy, 'src/extension.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], outfile: path.join(copy, 'dist/extension.js'), nodePaths: [path.join(TOP, 'node_modules')], logLevel: 'silent',
  });
  const bundle = readFileSync(path.join(copy, 'dist/extension.js'), 'utf8');
  const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  assert.deepEqual([...required].filter((m) => m !== 'vscode' && !builtins.has(m)), [], 'the bundle needs no node_modules');
  assert.ok(required.has('vscode'));

  const vsix = path.join(work, 'hvspec.vsix');
  const r = spawnSync(process.execPath, [path.join(TOP, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix],
    { cwd: copy, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const zip = readZip(readFileSync(vsix));
  const files = [...zip.keys()].sort();
  for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/syntaxes/hvspec-codeblock.tmLanguage.json', 'extension/readme.md', 'extension.vsixmanifest']) {
    assert.ok(files.some((x) => x.toLowerCase() === f.toLowerCase()), `${f} in ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.startsWith('extension/src/') || f.startsWith('extension/node_modules/')), files.join(', '));
  const manifest = JSON.parse(zip.get('extension/package.json')!().toString('utf8')) as { main: string; engines: { vscode: string } };
  assert.equal(manifest.main, './dist/extension.js');
});

test("the extension finds the workspace's node_modules/.bin/hvspec, which serves LSP", async () => {
  const workspace = path.join(work, 'workspace');
  mkdirSync(path.join(workspace, 'node_modules/.bin'), { recursive: true });
  cpSync(path.join(TOP, 'standards'), path.join(workspace, 'standards'), { recursive: true });
  symlinkSync(path.join(TOP, 'bin/hvspec.js'), path.join(workspace, 'node_modules/.bin/hvspec'));
  const found = serverCommand(path.join(workspace, 'standards'), '', 'linux');
  assert.deepEqual(found, { command: path.join(workspace, 'node_modules/.bin/hvspec'), args: ['lsp', '--stdio'], shell: false });
  assert.deepEqual(serverCommand(path.join(work, 'elsewhere'), '', 'linux'), { command: 'hvspec', args: ['lsp', '--stdio'], shell: false });
  assert.equal(serverCommand(workspace, '/opt/hvspec/bin/hvspec', 'linux').command, '/opt/hvspec/bin/hvspec');

  const client = await LspClient.start(workspace, {}, found);
  try {
    for (const capability of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'completionProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'codeActionProvider']) {
      assert.ok(client.capabilities[capability], capability);
    }
    const file = 'standards/virtio-i2c.md';
    const text = readFileSync(path.join(workspace, file), 'utf8');
    const published = await client.open(file, text.replace('type: le16,', 'type: le61,'));
    assert.ok(published.diagnostics.some((d) => d.code === 'HV3001' && d.message.startsWith('Unknown type "le61".')), JSON.stringify(published.diagnostics));
  } finally {
    await client.stop();
  }
});

test('the injection grammar treats exactly the hvspec fences of the corpus as YAML blocks', () => {
  const grammar = JSON.parse(readFileSync(path.join(EXTENSION, 'syntaxes/hvspec-codeblock.tmLanguage.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
  const contribution = manifest.contributes.grammars[0];
  assert.equal(contribution.scopeName, grammar.scopeName);
  assert.deepEqual(contribution.injectTo, ['text.html.markdown']);
  const block = grammar.repository['hvspec-block'];
  const inner = block.patterns[0];
  assert.deepEqual(contribution.embeddedLanguages, { [inner.contentName]: 'yaml' });
  assert.deepEqual(inner.patterns, [{ include: 'source.yaml' }]);
  // Oniguruma → JS: \G is "where the previous match ended", a line start here; (?i:…) becomes the i flag.
  const js = (source: string): RegExp => new RegExp(source.replace(/\(\^\|\\G\)/g, '^').replace(/\(\?i:/g, '(?:'), 'i');
  const begin = js(block.begin);
  const end = js(block.end.replace('(\\2|\\s{0,3})', '\\s{0,3}').replace('(\\3)', '(`{3,}|~{3,})'));
  let fences = 0;
  for (const f of readdirSync(path.join(TOP, 'standards'))) {
    let open = false;
    for (const line of readFileSync(path.join(TOP, 'standards', f), 'utf8').split('\n')) {
      if (!open && /^\s*```/.test(line)) {
        const isHvspec = /^\s*```hvspec(\s|$)/.test(line);
        assert.equal(begin.test(line), isHvspec, `${f}: ${line}`);
        open = true;
        fences += isHvspec ? 1 : 0;
      } else if (open && /^\s*```\s*$/.test(line)) {
        assert.ok(end.test(line));
        open = false;
      }
    }
  }
  assert.ok(fences > 100, `${fences} hvspec fences`);
  assert.ok(!begin.test('```hvspecx struct') && !begin.test('```c') && begin.test('~~~hvspec enum'));
});

/** The entries of a zip archive (a .vsix), each with a reader of its bytes (stored or deflated). */
function readZip(bytes: Buffer): Map<string, () => Buffer> {
  const entries = new Map<string, () => Buffer>();
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip archive');
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    entries.set(name, () => {
      const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const raw = bytes.subarray(data, data + size);
      return method === 8 ? inflateRawSync(raw) : raw;
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}
