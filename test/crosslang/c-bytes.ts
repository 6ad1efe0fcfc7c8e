/**
 * The bytes C code produces for a sample: one program, compiled with the generated headers, fills
 * each struct through its members (byte-order fields through hvspec_cpu_to_le32() and friends, as
 * a vendor would) and prints the object's bytes. A compiler error or a layout bug shows here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cInteger, cPrimitive } from '../../generators/c/helpers.ts';
import type { Model, Primitive, TypeRef } from '../../src/model/types.ts';
import { findStruct, sampleStruct, type SampleValue } from './sample.ts';

/** Statements that store `value` (of `type`) at the lvalue `path`. */
function assignments(model: Model, path: string, type: TypeRef, value: SampleValue, out: string[]): void {
  const storage: Primitive | null = type.kind === 'primitive' ? type : type.kind === 'enum' || type.kind === 'flags' ? type.storage : null;
  if (storage) {
    const literal = cInteger(value as bigint, { type: storage.name, hex: (value as bigint) >= 0n });
    if (storage.endian === 'native') out.push(`${path} = (${cPrimitive(storage.name)})${literal};`);
    else out.push(`${path} = hvspec_cpu_to_${storage.name}((uint${storage.size * 8}_t)${literal});`);
    return;
  }
  if (type.kind === 'array') {
    (value as SampleValue[]).forEach((v, i) => assignments(model, `${path}[${i}]`, type.element, v, out));
    return;
  }
  if (type.kind === 'inline') throw new Error('inline members (format 2) are not covered by this harness yet');
  const record = value as { [field: string]: SampleValue };
  for (const field of findStruct(model, type.name).fields) {
    if (field.name in record) assignments(model, `${path}.${field.name}`, field.type, record[field.name]!, out);
  }
}

/** The C program: includes every header of `headerDir`, fills each struct, prints `name hex`. */
export function cStructBytesProgram(model: Model, headerDir: string, structNames: string[]): string {
  const headers = readdirSync(headerDir).filter((f) => f.endsWith('.h')).sort();
  const lines = [
    '#include <stdio.h>',
    '#include <string.h>',
    ...headers.map((h) => `#include "${h}"`),
    '',
    'static void print_bytes(const char *name, const void *object, size_t size)',
    '{',
    '\tconst unsigned char *bytes = (const unsigned char *)object;',
    '\tsize_t i;',
    '\tprintf("%s ", name);',
    '\tfor (i = 0; i < size; i++)',
    '\t\tprintf("%02x", bytes[i]);',
    '\tprintf("\\n");',
    '}',
    '',
    'int main(void)',
    '{',
  ];
  structNames.forEach((name, index) => {
    const struct = findStruct(model, name);
    const variable = `v${index}`;
    const body: string[] = [];
    assignments(model, variable, { kind: struct.kind, name, spec: '' }, sampleStruct(model, name), body);
    lines.push('\t{', `\t\t${struct.kind} ${name} ${variable};`, `\t\tmemset(&${variable}, 0, sizeof ${variable});`);
    lines.push(...body.map((s) => `\t\t${s}`));
    lines.push(`\t\tprint_bytes("${name}", &${variable}, sizeof ${variable});`, '\t}');
  });
  lines.push('\treturn 0;', '}', '');
  return lines.join('\n');
}

/**
 * Compile ONE C program with the generated headers (output/c or a given dir) that fills each named
 * struct with sampleStruct values (byte-order fields through the headers' conversion functions)
 * and prints its bytes as hex; returns name → bytes. `CC` picks the compiler (default gcc).
 */
export function cStructBytes(model: Model, headerDir: string, structNames: string[]): Map<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-crosslang-'));
  try {
    const source = join(dir, 'bytes.c');
    const binary = join(dir, 'bytes');
    writeFileSync(source, cStructBytesProgram(model, headerDir, structNames));
    const compiler = process.env.CC ?? 'gcc';
    execFileSync(compiler, ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', `-I${resolve(headerDir)}`, '-o', binary, source], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = execFileSync(binary, { encoding: 'utf8' });
    const result = new Map<string, Uint8Array>();
    for (const line of output.split('\n')) {
      const [name, hex] = line.split(' ');
      if (!name) continue;
      result.set(name, Uint8Array.from((hex ?? '').match(/../g) ?? [], (h) => parseInt(h, 16)));
    }
    return result;
  } catch (error) {
    const e = error as { stderr?: Buffer | string; message: string };
    throw new Error(`cStructBytes failed: ${e.stderr?.toString() || e.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
