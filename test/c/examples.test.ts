/**
 * The golden vectors of the corpus, in C: every examples program the C target emits is built
 * with gcc and clang (C99, C11) and as C++ (g++, clang++), `-Wall -Wextra -Werror -pedantic`, and
 * run: it decodes each example's bytes into the generated struct and compares the fields, encodes
 * the fields and compares the bytes. The aarch64 cross compiler builds each program too, and runs
 * it under qemu-aarch64 where that is installed. The bytes were written by the standards' authors
 * from the specifications; the header is what a vendor compiles.
 *
 * Run: node --import tsx --test test/c/examples.test.ts
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateC } from '../../generators/c/index.ts';
import type { GeneratedFile } from '../../generators/types.ts';
import { compileCorpus } from '../../src/compile.ts';
import { compile, hasTool, needTool, writeFiles } from './toolchain.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STRICT = ['-Wall', '-Wextra', '-Werror', '-pedantic'];

let files: GeneratedFile[];
let dir: string;
let programs: string[];

before(async () => {
  const result = await compileCorpus(ROOT, { cache: false });
  assert.ok(result.model, 'the corpus compiles');
  files = generateC(result.model, () => {});
  dir = writeFiles(files, 'hvspec-c-examples-');
  programs = files.filter((f) => f.path.endsWith('.examples.c')).map((f) => f.path);
});

/** The directory holding the spec headers (the examples include them by name). */
function headerDir(): string {
  const common = files.find((f) => f.path.endsWith('hvspec_common.h'))!;
  return join(dir, common.path, '..');
}

function build(compiler: string, args: string[], source: string, output: string): void {
  compile({ label: `${compiler} ${args.join(' ')}`, compiler, args: [...args, ...STRICT], language: source.endsWith('.cpp') ? 'cpp' : 'c' }, source, ['-I', headerDir(), '-o', output]);
}

function runProgram(command: string, args: string[], expected: number): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${[command, ...args].join(' ')} failed:\n${result.stderr}`);
  assert.equal(result.stdout.trim(), `${expected} examples passed`);
}

const count = (path: string): number => {
  const text = String(files.find((f) => f.path === path)!.contents);
  return (text.match(/^\/\* example /gm) ?? []).length + (text.match(/"function ID /g) ?? []).length;
};

describe('C examples programs', () => {
  test('the corpus has examples programs', () => {
    assert.ok(programs.length >= 3, `examples programs: ${programs.join(', ')}`);
  });

  const hosts: { tool: string; args: string[]; cpp?: boolean }[] = [
    { tool: 'gcc', args: ['-std=c99'] },
    { tool: 'gcc', args: ['-std=c11'] },
    { tool: 'clang', args: ['-std=c99'] },
    { tool: 'clang', args: ['-std=c11'] },
    { tool: 'g++', args: ['-std=c++17'], cpp: true },
    { tool: 'clang++', args: ['-std=c++17'], cpp: true },
  ];
  for (const host of hosts) {
    test(`${host.tool} ${host.args.join(' ')}: build and run every examples program`, (t) => {
      if (!needTool(t, host.tool)) return;
      for (const program of programs) {
        let source = join(dir, program);
        if (host.cpp) {
          source = source.replace(/\.c$/, '.cpp');
          copyFileSync(join(dir, program), source);
        }
        const binary = `${source}.${host.tool}${host.args.join('')}`.replace(/[^\w./-]/g, '_');
        build(host.tool, host.args, source, binary);
        runProgram(binary, [], count(program));
      }
    });
  }

  test('aarch64-linux-gnu-gcc: build every examples program (and run it under qemu-aarch64 when installed)', (t) => {
    if (!needTool(t, 'aarch64-linux-gnu-gcc')) return;
    const qemu = hasTool('qemu-aarch64');
    for (const program of programs) {
      const binary = join(dir, `${program}.aarch64`);
      build('aarch64-linux-gnu-gcc', ['-std=c11', '-static'], join(dir, program), binary);
      if (qemu) runProgram('qemu-aarch64', [binary], count(program));
    }
    if (!qemu) t.diagnostic('qemu-aarch64 not installed: built, not run');
  });

  test('a wrong byte fails the program at the field', (t) => {
    if (!needTool(t, 'gcc')) return;
    const program = programs.find((p) => p.includes('virtio-i2c'))!;
    const text = String(files.find((f) => f.path === program)!.contents);
    // The FAIL_NEXT flag byte of the first request: flip it in the golden bytes only.
    const broken = text.replace('{ 0xa0, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }', '{ 0xa0, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00 }');
    assert.notEqual(broken, text, 'the i2c program holds the register-read bytes');
    const source = join(dir, 'broken.examples.c');
    spawnSync('sh', ['-c', 'cat > "$1"', 'sh', source], { input: broken });
    build('gcc', ['-std=c11'], source, `${source}.bin`);
    const result = spawnSync(`${source}.bin`, { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /i2c-register-read-address: decode flags/);
    assert.match(result.stderr, /i2c-register-read-address: encode/);
  });
});
