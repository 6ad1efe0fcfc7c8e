/**
 * The aarch64 conduits' inline assembly, assembled for real. No aarch64 Rust standard library is
 * installed, so the test lifts every `#[cfg(target_arch = "aarch64")]` conduit's `asm!` call out
 * of the generated crate (template, register operands and options unchanged; only `args[i]` and
 * `results[i]` become plain locals), builds them as a `#![no_core]` object for
 * `aarch64-unknown-none` with the nightly compiler, and checks with objdump that each function
 * holds its instruction (`hvc #0`, `smc #0`, `hvc #0xea1`) and moves the function ID into the
 * ID register the model gives.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Model } from '../../src/model/types.ts';
import { findTool, modelOf, PROJECT_ROOT, writeCrate, type Crate } from './support.ts';

interface Conduit {
  name: string;
  args: number;
  results: number;
  template: string[];
  operands: string[];
}

/** Every aarch64 conduit of one generated module, with its register-file sizes resolved. */
function aarch64Conduits(source: string): Conduit[] {
  const sizes = new Map<string, number>();
  for (const match of source.matchAll(/^pub const (\w+_(?:ARG|RESULT)_REGISTERS): usize = (\d+);$/gm)) sizes.set(match[1]!, Number(match[2]));
  const conduits: Conduit[] = [];
  const impl = /#\[cfg\(target_arch = "aarch64"\)\]\nunsafe impl crate::hypercall::HypercallConduit<\{ (\w+) \}, \{ (\w+) \}> for (\w+) \{[\s\S]*?core::arch::asm!\(\n([\s\S]*?)\n\s*options\(nostack\),\n\s*\);/g;
  for (const match of source.matchAll(impl)) {
    const lines = match[4]!.split('\n').map((line) => line.trim());
    conduits.push({
      name: match[3]!,
      args: sizes.get(match[1]!)!,
      results: sizes.get(match[2]!)!,
      template: lines.filter((line) => line.startsWith('"')),
      operands: lines.filter((line) => !line.startsWith('"')),
    });
  }
  return conduits;
}

const PRELUDE = `#![feature(no_core, lang_items, rustc_attrs, decl_macro)]
#![allow(internal_features, non_snake_case)]
#![no_core]
#![no_std]
#[lang = "pointee_sized"] pub trait PointeeSized {}
#[lang = "meta_sized"] pub trait MetaSized: PointeeSized {}
#[lang = "sized"] pub trait Sized: MetaSized {}
#[lang = "copy"] pub trait Copy {}
impl Copy for u64 {}
#[rustc_builtin_macro] pub macro asm("assembly template", $(operands,)* $(options($(option),*))?) { /* built in */ }
`;

function liftedFunction(conduit: Conduit, index: number): string {
  const args = Array.from({ length: conduit.args }, (_, i) => `a${i}`);
  const results = Array.from({ length: conduit.results }, (_, i) => `r${i}`);
  const operands = conduit.operands.map((line) => line.replace(/args\[(\d+)\]/g, 'a$1').replace(/results\[(\d+)\]/g, 'r$1'));
  return `
#[no_mangle]
pub unsafe fn conduit_${index}_${conduit.name}(function_id: u64, ${args.map((a) => `${a}: u64`).join(', ')}) -> [u64; ${conduit.results}] {
${results.map((r) => `    let mut ${r} = 0u64;`).join('\n')}
    unsafe {
        asm!(
            ${[...conduit.template, ...operands].join('\n            ')}
            options(nostack),
        );
    }
    [${results.join(', ')}]
}
`;
}

function needNightly(t: TestContext): string | null {
  const rustc = findTool('rustc');
  const works = rustc !== null && spawnSync(rustc, ['+nightly', '--version'], { stdio: 'ignore' }).status === 0;
  const objdump = spawnSync('aarch64-linux-gnu-objdump', ['--version'], { stdio: 'ignore' }).status === 0;
  if (works && objdump) return rustc;
  if (process.env.CI === 'true') throw new Error('nightly rustc (rustup toolchain `nightly`) and aarch64-linux-gnu-objdump are required in CI');
  t.skip('nightly rustc or aarch64-linux-gnu-objdump not installed');
  return null;
}

describe('rust crate: aarch64 conduits', () => {
  let model: Model;
  let crate: Crate;

  before(async () => {
    model = await modelOf(PROJECT_ROOT);
    crate = writeCrate(model);
  });
  after(() => rmSync(crate.dir, { recursive: true, force: true }));

  it('assemble for aarch64-unknown-none with the instruction and ID register of the model', (t) => {
    const rustc = needNightly(t);
    if (rustc === null) return;
    const conduits = [...crate.files.entries()]
      .filter(([path]) => path.startsWith('src/'))
      .flatMap(([, source]) => aarch64Conduits(source));
    const expected = model.specs.flatMap((spec) =>
      spec.hypercalls.flatMap((iface) => iface.abis.filter((abi) => abi.arch === 'aarch64').flatMap((abi) => abi.instructions.map((instruction) => ({ instruction, id: abi.idRegister })))),
    );
    assert.equal(conduits.length, expected.length, 'one aarch64 conduit per aarch64 instruction of every interface');
    const source = PRELUDE + conduits.map(liftedFunction).join('');
    const file = join(crate.dir, 'aarch64_conduits.rs');
    const object = join(crate.dir, 'aarch64_conduits.o');
    writeFileSync(file, source);
    execFileSync(rustc, ['+nightly', '--edition', '2021', '--target', 'aarch64-unknown-none', '--crate-type', 'lib', '--emit', 'obj', '-C', 'opt-level=1', '-C', 'panic=abort', '-D', 'warnings', '-o', object, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const disassembly = execFileSync('aarch64-linux-gnu-objdump', ['-d', '--no-show-raw-insn', object], { encoding: 'utf8' });
    const functions = new Map<string, string>();
    for (const block of disassembly.split(/\n(?=[0-9a-f]+ <)/)) {
      const name = /^[0-9a-f]+ <(\w+)>:/.exec(block)?.[1];
      if (name) functions.set(name, block);
    }
    conduits.forEach((conduit, index) => {
      const body = functions.get(`conduit_${index}_${conduit.name}`);
      assert.ok(body, `${conduit.name} is in the object`);
      const instruction = JSON.parse(conduit.template[0]!.replace(/,$/, "")) as string;
      const [mnemonic, immediate] = instruction.split(' ');
      // objdump prints immediates in hex: `hvc #0xea1`, `smc #0x0`.
      const operand = immediate === undefined ? '' : `#0x${Number(immediate.slice(1)).toString(16)}`;
      assert.match(body, new RegExp(`\\t${mnemonic}\\t${operand}\\n`), `${conduit.name}: ${instruction}`);
      const idRegister = /inlateout\("(x\d+)"\) function_id/.exec(conduit.operands.join('\n'))![1]!;
      // The function ID is the first argument (x0 in the AAPCS64): it must reach the ID register.
      if (idRegister !== 'x0') assert.match(body, new RegExp(`mov\\t${idRegister}, x0`), `${conduit.name}: ID moved to ${idRegister}`);
      assert.ok(expected.some((e) => e.instruction === instruction && e.id === idRegister), `${conduit.name}: ${instruction} with the ID in ${idRegister} is one of the model's ABIs`);
    });
  });
});
