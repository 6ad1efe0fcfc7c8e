/**
 * Ask a C compiler what integer values a header gives a set of expressions, without running
 * anything: each expression initialises a 64-bit constant object, the translation unit is
 * compiled to assembly (`-S`), and the values are read back from the data directives. That works
 * the same for the host compiler and for a cross compiler whose output cannot run here.
 *
 * An expression the compiler rejects (an undeclared name, an incomplete struct, a missing member)
 * is dropped by line number and reported with the compiler's message, and the rest is compiled
 * again, so one missing name never hides the others.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Compiler {
  /** Executable, e.g. `gcc`, `clang`, `aarch64-linux-gnu-gcc`. */
  command: string;
  /** Extra arguments: `--target=…` for clang, `-I…`, `-D…`. */
  args: string[];
}

export interface ProbeResult {
  /** Value of each expression, as the header defines it (two's complement, 64 bits). */
  values: Map<number, bigint>;
  /** Whether each value is negative in C (only asked for with `signed: true`). */
  negative: Map<number, boolean>;
  /** Expressions the compiler rejected, with its first message. */
  rejected: Map<number, string>;
}

/** The header itself does not compile (an error outside the probe lines). */
export class HeaderError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

/** The compiler could not be started. */
export class CompilerMissing extends Error {}

export interface ProbeExpression {
  expression: string;
  /** Also ask whether the value is negative (constants; sizes and offsets never are). */
  signed?: boolean;
}

const MAX_ROUNDS = 10;

export function probeIntegers(headers: string[], expressions: ProbeExpression[], compiler: Compiler): ProbeResult {
  const result: ProbeResult = { values: new Map(), negative: new Map(), rejected: new Map() };
  let live = expressions.map((_, index) => index);
  const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-conform-'));
  try {
    const source = path.join(dir, 'probe.c');
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const prologue = ['#include <stddef.h>', ...headers.map((h) => `#include "${h.replace(/["\\]/g, '\\$&')}"`)];
      const lines = live.map((index) => {
        const { expression, signed } = expressions[index]!;
        const value = `const unsigned long long hvspec_v${index} = (unsigned long long)(${expression});`;
        return signed ? `${value} const int hvspec_n${index} = ((${expression}) < 0);` : value;
      });
      writeFileSync(source, `${[...prologue, ...lines].join('\n')}\n`);
      const compiled = compile(compiler, source);
      if (compiled.ok) {
        readAssembly(compiled.output, result);
        return result;
      }
      const failing = failingLines(compiled.output, source);
      const ours = [...failing.keys()].filter((line) => line > prologue.length && line <= prologue.length + lines.length);
      if (ours.length === 0) throw headerError(compiled.output, source);
      for (const line of ours) {
        const index = live[line - prologue.length - 1]!;
        result.rejected.set(index, failing.get(line)!);
      }
      live = live.filter((index) => !result.rejected.has(index));
      if (live.length === 0) return result;
    }
    throw new HeaderError('the compiler kept rejecting probe lines; the header may not compile on its own');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function compile(compiler: Compiler, source: string): { ok: boolean; output: string } {
  return runCompiler(compiler.command, [...compiler.args, '-std=gnu11', '-w', '-O0', '-S', '-o', '-', source]);
}

/**
 * Runs a C compiler with every error reported, not the first few (each error names a probe line
 * to drop): standard output when it succeeds, its messages when it fails.
 */
export function runCompiler(command: string, args: string[]): { ok: boolean; output: string } {
  const noLimit = /clang/.test(path.basename(command)) ? '-ferror-limit=0' : '-fmax-errors=0';
  try {
    const output = execFileSync(command, [noLimit, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    return { ok: true, output };
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new CompilerMissing(`C compiler not found: ${command}`);
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}

/**
 * Lines (1-based) of `source` the compiler complained about, with the first message. Notes ("in
 * expansion of macro") point back into the source when the error itself is inside a header's
 * macro body, so every source location in an error's block counts.
 */
export function failingLines(output: string, source: string): Map<number, string> {
  const failing = new Map<number, string>();
  let message = '';
  for (const line of output.split('\n')) {
    const located = /^(.*?):(\d+):(?:\d+:)? (error|fatal error|note): (.*)$/.exec(line);
    if (!located) continue;
    if (located[3] !== 'note') message = located[4]!;
    if (located[1] !== source) continue;
    const n = Number(located[2]);
    if (!failing.has(n)) failing.set(n, message);
  }
  return failing;
}

function headerError(output: string, source: string): HeaderError {
  for (const line of output.split('\n')) {
    const located = /^(.*?):(\d+):(\d+): (?:error|fatal error): (.*)$/.exec(line);
    if (located && located[1] !== source) return new HeaderError(located[4]!, located[1], Number(located[2]), Number(located[3]));
    if (located) return new HeaderError(located[4]!);
  }
  return new HeaderError(output.trim().split('\n').slice(0, 5).join('; ') || 'the compiler failed without a message');
}

/**
 * Reads `hvspec_vN:` / `hvspec_nN:` labels and the directive after each. 64-bit data is written
 * `.quad` (x86), `.xword` (AArch64), `.8byte`/`.dword` (RISC-V, MIPS); zero may be `.zero 8`.
 * Comments (`#`, `//`, `@`) after the operand are ignored.
 */
function readAssembly(assembly: string, result: ProbeResult): void {
  let label: { kind: 'v' | 'n'; index: number } | undefined;
  for (const raw of assembly.split('\n')) {
    const line = raw.replace(/\s(#|\/\/|@).*$/, '').trim();
    const named = /^_?hvspec_([vn])(\d+):$/.exec(line);
    if (named) {
      label = { kind: named[1] as 'v' | 'n', index: Number(named[2]) };
      continue;
    }
    if (!label) continue;
    const data = /^\.(quad|xword|8byte|dword|long|word|4byte|zero|space)\s+(-?(?:0x[0-9a-f]+|\d+))/i.exec(line);
    if (!data) continue;
    const directive = data[1]!.toLowerCase();
    const operand = BigInt(data[2]!);
    const value = directive === 'zero' || directive === 'space' ? 0n : operand;
    if (label.kind === 'v') {
      if (!['quad', 'xword', '8byte', 'dword', 'zero', 'space'].includes(directive)) {
        throw new HeaderError(`the target's assembly stores a 64-bit value as .${directive}; hvspec conform supports 64-bit targets`);
      }
      result.values.set(label.index, BigInt.asUintN(64, value));
    } else {
      result.negative.set(label.index, value !== 0n);
    }
    label = undefined;
  }
}
