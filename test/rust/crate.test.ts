/**
 * The generated crate, proven with the real compiler: for the fixture corpus and for the
 * project's own corpus, `rustc --edition 2021 --crate-type lib -D warnings` builds it, and one
 * `rustc --test` build runs the generated tests (round trips against the model's bytes, enums
 * and flags, bit ranges, a dispatcher + client test per hypercall interface, a decoder test per
 * protocol), prints every struct's bytes for the cross-language check against C, and, for the
 * project corpus, builds the README example backend.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateC } from '../../generators/c/index.ts';
import { generateRust } from '../../generators/rust/index.ts';
import type { Model } from '../../src/model/types.ts';
import { cStructBytes, toHex } from '../crosslang/index.ts';
import { printBytesTest, rustTestFile } from './rust-tests.ts';
import { buildLibrary, CRATE, FIXTURES, modelOf, needTool, PROJECT_ROOT, runRustTests, runTestBinary, writeCrate, type Crate } from './support.ts';

const EXAMPLE = new URL('./example_backend.rs', import.meta.url);
const DOCS = new URL('../../docs/rust.md', import.meta.url);

/** The bytes C gives each struct's sample (test/crosslang), from the generated C headers. */
function cBytes(model: Model, names: string[]): Map<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-rust-c-'));
  try {
    for (const file of generateC(model, () => {})) {
      const path = join(dir, file.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, file.contents);
    }
    return cStructBytes(model, dir, names);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseBytes(output: string): Map<string, string> {
  const bytes = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /BYTES (\S+) ([0-9a-f]*)$/.exec(line);
    if (match) bytes.set(match[1]!, match[2]!);
  }
  return bytes;
}

function structNames(model: Model): string[] {
  return model.specs.flatMap((spec) => spec.structs.map((s) => s.name));
}

function suite(label: string, root: string, options: { example: boolean }): void {
  describe(`rust crate: ${label}`, () => {
    let model: Model;
    let crate: Crate;

    before(async () => {
      model = await modelOf(root);
      crate = writeCrate(model);
    });
    after(() => rmSync(crate.dir, { recursive: true, force: true }));

    it('is generated deterministically and without warnings', () => {
      assert.deepEqual(crate.warnings, []);
      const again = generateRust(model, { root, warn: () => {} });
      assert.deepEqual(new Map(again.map((f) => [f.path, f.contents])), crate.files);
      const cargo = crate.files.get('Cargo.toml')!;
      assert.match(cargo, /^edition = "2021"$/m);
      assert.match(cargo, /\[dependencies\]\n*$/, 'the crate has no dependencies');
      assert.match(crate.files.get('src/lib.rs')!, /^#!\[no_std\]$/m);
    });

    it('builds with rustc -D warnings; its generated tests pass; struct bytes equal C', (t) => {
      const rustc = needTool(t, 'rustc');
      if (rustc === null) return;
      const rlib = buildLibrary(rustc, crate);
      const names = structNames(model);
      const source = rustTestFile(model) + printBytesTest(model, names);
      const output = runRustTests(rustc, crate, rlib, 'generated_tests', source);
      assert.match(output, /test result: ok\. \d+ passed; 0 failed/);

      const printed = parseBytes(runTestBinary(crate, 'generated_tests', ['print_struct_bytes', '--exact', '--nocapture']));
      const fromC = cBytes(model, names);
      for (const name of names) {
        assert.ok(fromC.has(name), `C printed no bytes for ${name}`);
        assert.equal(printed.get(name), toHex(fromC.get(name)!), `bytes of ${name}: Rust vs C`);
      }

      if (options.example) {
        const example = readFileSync(EXAMPLE, 'utf8');
        assert.ok(readFileSync(DOCS, 'utf8').includes(example), 'docs/rust.md shows test/rust/example_backend.rs as it is');
        const result = runRustTests(rustc, crate, rlib, 'example_backend', example);
        assert.match(result, /test result: ok\. 2 passed; 0 failed/);
      }
    });

    it('is a Cargo package with no dependencies (cargo metadata --offline)', (t) => {
      const cargo = needTool(t, 'cargo');
      if (cargo === null) return;
      const metadata = JSON.parse(
        execFileSync(cargo, ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', join(crate.dir, 'Cargo.toml')], {
          cwd: crate.dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      ) as { packages: { name: string; edition: string; dependencies: unknown[]; targets: { name: string; kind: string[] }[] }[] };
      assert.equal(metadata.packages.length, 1);
      const [pkg] = metadata.packages;
      assert.equal(pkg!.name, 'hvspec-bindings');
      assert.equal(pkg!.edition, '2021');
      assert.deepEqual(pkg!.dependencies, []);
      assert.deepEqual(pkg!.targets.map((target) => [target.name, target.kind]), [[CRATE, ['lib']]]);
    });

    it('documents without rustdoc warnings (links, bare URLs)', (t) => {
      const rustdoc = needTool(t, 'rustdoc');
      if (rustdoc === null) return;
      execFileSync(rustdoc, ['--edition', '2021', '--crate-name', CRATE, '-D', 'warnings', '-o', join(crate.dir, 'doc'), join(crate.dir, 'src', 'lib.rs')], {
        cwd: crate.dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    });
  });
}

suite('fixture corpus', join(FIXTURES, 'corpus'), { example: false });
suite('project corpus', PROJECT_ROOT, { example: true });

describe('rust crate: keywords as names', () => {
  it('writes raw identifiers for keyword fields and `_` where raw is impossible', async () => {
    const model = await modelOf(join(FIXTURES, 'corpus'));
    const crate = writeCrate(model);
    try {
      const source = crate.files.get('src/demo_device.rs')!;
      assert.match(source, /pub r#type: Le16,/);
      assert.match(source, /pub r#match: u8,/);
      assert.match(source, /core::mem::offset_of!\(DemoHdr, r#type\) == 0/);
      assert.match(source, /Self_ = 2,/, 'DEMO_STATUS_SELF: `Self` cannot be raw, so `Self_`');
      assert.match(crate.files.get('src/demo_calls.rs')!, /fn configure\(&mut self, r#type: u64,/);
    } finally {
      rmSync(crate.dir, { recursive: true, force: true });
    }
  });
});

