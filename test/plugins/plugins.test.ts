/*
 * Generator plugins (docs/plugins.md): the example Go plugin builds and vets with the Go toolchain
 * and encodes as the model's layout says; every way a plugin can fail is a coded diagnostic that
 * names it, and leaves output/ untouched.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { compileCorpus } from '../../src/compile.ts';
import { generateC } from '../../generators/c/index.ts';
import { cStructBytes } from '../crosslang/c-bytes.ts';
import { toHex } from '../crosslang/sample.ts';
import { goStructBytesProgram } from './go-bytes.ts';

const TOP = path.join(import.meta.dirname, '../..');
const GO_PLUGIN = path.join(TOP, 'examples/plugins/go-gen.mjs');

/** Run the CLI in-process (build prints only to stderr; stdout is the test reporter's), capturing stderr. */
async function hvspec(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const saved = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'hvspec', ...args]);
    return { code, stderr };
  } finally {
    process.stderr.write = saved;
  }
}

const FRONT = '---\nspec: demo\ntitle: Demo\nversion: 1.0.0\nstatus: draft\n---\n\n# Demo\n\n```hvspec struct\nname: demo_hdr\nfields:\n  - { name: kind, type: le32 }\n```\n';

/** A standards root with one small document and the given plugin modules (path → source). */
function rootWith(plugins: Record<string, string>, entries: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-plugin-'));
  mkdirSync(path.join(root, 'standards'));
  writeFileSync(path.join(root, 'standards', 'demo.md'), FRONT);
  for (const [file, source] of Object.entries(plugins)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), source);
  }
  writeFileSync(path.join(root, 'hvspec.config.json'), `${JSON.stringify({ plugins: entries }, null, 2)}\n`);
  return root;
}

const goEnv = (scratch: string): NodeJS.ProcessEnv => ({
  ...process.env, GOPATH: path.join(scratch, 'gopath'), GOCACHE: path.join(scratch, 'gocache'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GO111MODULE: 'on',
});

const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

describe('the example Go plugin', { skip: hasGo ? false : 'go is not installed (scripts/setup.sh installs golang-go)' }, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-go-'));
  cpSync(path.join(TOP, 'standards'), path.join(root, 'standards'), { recursive: true });
  mkdirSync(path.join(root, 'tools'));
  cpSync(GO_PLUGIN, path.join(root, 'tools/go-gen.mjs'));
  writeFileSync(path.join(root, 'hvspec.config.json'), '{ "plugins": ["./tools/go-gen.mjs"], "package": { "name": "acme-hv" } }\n');
  const goDir = path.join(root, 'output/go');

  test('hvspec build --target go writes a Go module that go vet and go build accept', async () => {
    const r = await hvspec(['-C', root, 'build', '--target', 'go', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    // One Go file per standard, plus go.mod and the shared helpers file.
    const standards = readdirSync(path.join(root, 'standards')).filter((f) => f.endsWith('.md')).length;
    assert.match(r.stderr, new RegExp(`go: ${standards + 2} files in output/go/`));
    assert.equal(readFileSync(path.join(goDir, 'go.mod'), 'utf8'), 'module acme-hv\n\ngo 1.19\n');
    for (const args of [['vet', './...'], ['build', './...']]) {
      const go = spawnSync('go', args, { cwd: goDir, encoding: 'utf8', env: goEnv(root) });
      assert.equal(go.status, 0, `go ${args.join(' ')}: ${go.stderr}`);
    }
  });

  test('its codecs put each field at the model\'s offset in the standard\'s byte order, and read it back', async () => {
    const { model } = await compileCorpus(root, { cache: false });
    const frame = model!.specs.find((s) => s.id === 'virtio-rpmb')!.structs.find((s) => s.name === 'virtio_rpmb_frame')!;
    const out = model!.specs.find((s) => s.id === 'virtio-i2c')!.structs.find((s) => s.name === 'virtio_i2c_out_hdr')!;
    const at = (s: typeof frame, name: string): number => s.fields.find((f) => f.name === name)!.offset;
    const check = path.join(root, 'check');
    mkdirSync(check);
    writeFileSync(path.join(check, 'go.mod'), 'module check\n\ngo 1.19\n\nrequire acme-hv v0.0.0\n\nreplace acme-hv => ../output/go\n');
    writeFileSync(path.join(check, 'main.go'), `package main

import (
	"encoding/hex"
	"fmt"

	hv "acme-hv"
)

func main() {
	f := hv.VirtioRpmbFrame{WriteCounter: 0x01020304, Address: 0x0506, BlockCount: 7, ReqResp: hv.VIRTIO_RPMB_REQ_DATA_READ}
	f.Data[0] = 0xaa
	b, _ := f.MarshalBinary()
	fmt.Println(hex.EncodeToString(b))
	var back hv.VirtioRpmbFrame
	if err := back.UnmarshalBinary(b); err != nil || back != f {
		panic("frame does not read back")
	}
	if back.UnmarshalBinary(b[:10]) == nil {
		panic("short input accepted")
	}
	h := hv.VirtioI2cOutHdr{Addr: 0x1234, Flags: hv.VIRTIO_I2C_FLAGS_M_RD}
	o, _ := h.MarshalBinary()
	fmt.Println(hex.EncodeToString(o))
	fmt.Printf("%x %d %d\\n", hv.PSCI_0_2_FN64_CPU_ON, hv.VIRTIO_ID_I2C_ADAPTER, hv.VirtioRpmbFrameSize)
}
`);
    const run = spawnSync('go', ['run', '.'], { cwd: check, encoding: 'utf8', env: goEnv(root) });
    assert.equal(run.status, 0, run.stderr);
    const [frameHex, outHex, facts] = run.stdout.trim().split('\n');
    const bytes = Buffer.from(frameHex!, 'hex');
    assert.equal(bytes.length, frame.size);
    assert.equal(bytes.readUInt32BE(at(frame, 'write_counter')), 0x01020304);
    assert.equal(bytes.readUInt16BE(at(frame, 'address')), 0x0506);
    assert.equal(bytes.readUInt16BE(at(frame, 'block_count')), 7);
    assert.equal(bytes[at(frame, 'data')], 0xaa);
    // VIRTIO 1.3 §5.12.6: VIRTIO_RPMB_REQ_DATA_READ is 0x0004, a big-endian u16.
    assert.equal(bytes.readUInt16BE(at(frame, 'req_resp')), 4);
    assert.equal(outHex, `3412${'00'.repeat(at(out, 'flags') - 2)}02000000`);
    // Arm DEN0022 (PSCI): CPU_ON, SMC64, is 0xC4000003; virtio-i2c is device 34.
    assert.equal(facts, 'c4000003 34 512');
  });

  test('every struct of the corpus encodes to the same bytes in Go as in C', async (t) => {
    if (spawnSync('gcc', ['--version']).status !== 0) return t.skip('gcc not installed');
    const { model } = await compileCorpus(root, { cache: false });
    const names = model!.specs.flatMap((s) => s.structs.map((st) => st.name));
    const headers = path.join(root, 'c-headers');
    mkdirSync(headers);
    for (const f of generateC(model!, () => {})) {
      mkdirSync(path.dirname(path.join(headers, f.path)), { recursive: true });
      writeFileSync(path.join(headers, f.path), f.contents);
    }
    const c = cStructBytes(model!, headers, names);
    const dir = path.join(root, 'bytes');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'go.mod'), 'module structbytes\n\ngo 1.19\n\nrequire acme-hv v0.0.0\n\nreplace acme-hv => ../output/go\n');
    writeFileSync(path.join(dir, 'main.go'), goStructBytesProgram(model!, 'acme-hv', names));
    const run = spawnSync('go', ['run', '.'], { cwd: dir, encoding: 'utf8', env: goEnv(root) });
    assert.equal(run.status, 0, run.stderr);
    const go = new Map(run.stdout.trim().split('\n').map((line) => line.split(' ') as [string, string]));
    assert.ok(names.length > 50, 'the corpus has structs');
    const differ = names.filter((n) => go.get(n) !== toHex(c.get(n)!));
    assert.deepEqual(differ, [], differ.map((n) => `${n}\n  go ${go.get(n)}\n  c  ${toHex(c.get(n)!)}`).join('\n'));
  });

  test('build --check covers the plugin\'s committed output', async () => {
    assert.equal((await hvspec(['-C', root, 'build', '--check', '--target', 'go', '--no-cache'])).code, 0);
    writeFileSync(path.join(goDir, 'virtio-i2c.go'), 'package acmehv\n');
    const stale = await hvspec(['-C', root, 'build', '--check', '--target', 'go', '--no-cache']);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /output\/go\/virtio-i2c\.go/);
  });
});

describe('a plugin from an npm package', () => {
  test('is resolved from node_modules by its package.json exports and selected with --target', async () => {
    const root = rootWith({
      'node_modules/hvspec-list/package.json': '{ "name": "hvspec-list", "version": "1.0.0", "type": "module", "exports": { ".": { "import": "./gen.js" } } }\n',
      'node_modules/hvspec-list/gen.js': 'export const generator = { name: "list", committed: false, generate(model, context) { return [{ path: "specs/index.txt", contents: model.specs.map((s) => `${s.id} ${context.package.names.c}`).join("\\n") + "\\n" }]; } };\n',
    }, ['hvspec-list']);
    const r = await hvspec(['-C', root, 'build', '--target', 'list', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(root, 'output/list/specs/index.txt'), 'utf8'), 'demo hvspec\n');
    // Not committed: build --check does not look at it.
    assert.equal((await hvspec(['-C', root, 'build', '--check', '--no-cache'])).code, 1, 'the built-in targets were never built here');
  });
});

describe('a failing plugin is a coded diagnostic naming it; output/ stays untouched', () => {
  const cases: { name: string; files: Record<string, string>; entries: string[]; code: string; message: RegExp }[] = [
    { name: 'module file missing', files: {}, entries: ['./tools/nope.mjs'], code: 'HV8001', message: /"\.\/tools\/nope\.mjs": the module file does not exist/ },
    { name: 'package not installed', files: {}, entries: ['hvspec-nothing'], code: 'HV8001', message: /"hvspec-nothing": the package is not installed/ },
    { name: 'import throws', files: { 'p.mjs': 'throw new RangeError("boom at load");\n' }, entries: ['./p.mjs'], code: 'HV8001', message: /importing "p\.mjs" failed: RangeError: boom at load/ },
    { name: 'syntax error', files: { 'p.mjs': 'export default {\n' }, entries: ['./p.mjs'], code: 'HV8001', message: /importing "p\.mjs" failed: SyntaxError/ },
    { name: 'no generator exported', files: { 'p.mjs': 'export const x = 1;\n' }, entries: ['./p.mjs'], code: 'HV8002', message: /exports no generator/ },
    { name: 'generate missing', files: { 'p.mjs': 'export default { name: "go" };\n' }, entries: ['./p.mjs'], code: 'HV8002', message: /`generate` is not a function/ },
    { name: 'built-in name', files: { 'p.mjs': 'export default { name: "c", generate() { return []; } };\n' }, entries: ['./p.mjs'], code: 'HV8003', message: /"c" is already taken by the built-in target/ },
    { name: 'built-in folder', files: { 'p.mjs': 'export default { name: "site", outDir: "html", generate() { return []; } };\n' }, entries: ['./p.mjs'], code: 'HV8003', message: /output\/html\/ already belongs to the built-in target/ },
    { name: 'two plugins, one name', files: { 'a.mjs': 'export default { name: "go", generate() { return []; } };\n', 'b.mjs': 'export default { name: "go", generate() { return []; } };\n' },
      entries: ['./a.mjs', './b.mjs'], code: 'HV8003', message: /"\.\/b\.mjs": the name "go" is already taken by plugin "\.\/a\.mjs"/ },
    { name: 'name not a plain name', files: { 'p.mjs': 'export default { name: "../up", generate() { return []; } };\n' }, entries: ['./p.mjs'], code: 'HV8003', message: /must be lower-case names/ },
    { name: 'generate throws', files: { 'p.mjs': 'export default { name: "bad", generate() { throw new Error("no such struct\\n    at secret:1"); } };\n' }, entries: ['./p.mjs'], code: 'HV8004', message: /Plugin "bad" \(\.\/p\.mjs\) failed: no such struct$/m },
    { name: 'modifies the model', files: { 'p.mjs': 'export default { name: "bad", generate(model) { model.specs[0].structs[0].size = 99; return []; } };\n' }, entries: ['./p.mjs'], code: 'HV8004', message: /failed: TypeError: Cannot assign to read only property 'size'/ },
    { name: 'returns no array', files: { 'p.mjs': 'export default { name: "bad", async generate() { return { path: "x" }; } };\n' }, entries: ['./p.mjs'], code: 'HV8005', message: /returned object, not an array of files/ },
    { name: 'path escapes', files: { 'p.mjs': 'export default { name: "bad", generate() { return [{ path: "ok.txt", contents: "a" }, { path: "../model.json", contents: "{}" }]; } };\n' }, entries: ['./p.mjs'], code: 'HV8005', message: /the path "\.\.\/model\.json" is not a plain relative path/ },
    { name: 'absolute path', files: { 'p.mjs': 'export default { name: "bad", generate() { return [{ path: "/etc/passwd", contents: "a" }]; } };\n' }, entries: ['./p.mjs'], code: 'HV8005', message: /"\/etc\/passwd" is not a plain relative path/ },
    { name: 'same path twice', files: { 'p.mjs': 'export default { name: "bad", generate() { return [{ path: "A.txt", contents: "a" }, { path: "a.txt", contents: "b" }]; } };\n' }, entries: ['./p.mjs'], code: 'HV8005', message: /"a\.txt" is returned twice/ },
    { name: 'contents not text', files: { 'p.mjs': 'export default { name: "bad", generate() { return [{ path: "a.txt", contents: 42 }]; } };\n' }, entries: ['./p.mjs'], code: 'HV8005', message: /contents of "a\.txt" are not a string or a Uint8Array/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const root = rootWith(c.files, c.entries);
      // Loading fails whatever the targets; generate runs only for a selected plugin.
      const r = await hvspec(['-C', root, 'build', '--no-cache', '--target', c.code === 'HV8004' || c.code === 'HV8005' ? 'c,bad' : 'c']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`hvspec\\.config\\.json:\\d+:\\d+ error ${c.code}|${c.code}`));
      assert.match(r.stderr, c.message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.match(r.stderr, /build stopped: a plugin (could not be loaded|failed); output\/ was not changed/);
      assert.ok(!existsSync(path.join(root, 'output')), 'nothing written');
    });
  }
});
