/**
 * A Go program that fills every struct of the model with the cross-language sample
 * (test/crosslang/sample.ts) through the example plugin's Go API and prints its MarshalBinary
 * bytes, `name hex` per line (compared with the bytes the C headers give for the same sample), and
 * panics when UnmarshalBinary of those bytes does not give them back.
 */
import type { Model, TypeRef } from '../../src/model/types.ts';
import { findStruct, sampleStruct, type SampleValue } from '../crosslang/sample.ts';

// The plugin's naming contract (docs/plugins.md): snake_case → CamelCase for types, fields and members.
const camel = (name: string): string => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const typeName = (name: string): string => { const c = camel(name); return /^[A-Z]/.test(c) ? c : `X${c}`; };

const GO_PRIMITIVE: Record<string, string> = { u8: 'uint8', u16: 'uint16', u32: 'uint32', u64: 'uint64', i8: 'int8', i16: 'int16', i32: 'int32', i64: 'int64',
  le16: 'uint16', le32: 'uint32', le64: 'uint64', be16: 'uint16', be32: 'uint32', be64: 'uint64' };

function goType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive': return GO_PRIMITIVE[type.name]!;
    case 'array': return `${type.length === null ? '[]' : `[${type.length}]`}${goType(type.element)}`;
    case 'inline': throw new Error('inline members (format 2) are not covered by this harness yet');
    default: return `hv.${typeName(type.name)}`;
  }
}

let temp = 0;

/** Statements storing `value` (of `type`) at the Go lvalue `path`. */
function fill(model: Model, path: string, type: TypeRef, value: SampleValue, out: string[]): void {
  if (type.kind === 'primitive' || type.kind === 'enum' || type.kind === 'flags') {
    out.push(`${path} = ${goType(type)}(${(value as bigint).toString()})`);
    return;
  }
  if (type.kind === 'array') {
    (value as SampleValue[]).forEach((v, i) => fill(model, `${path}[${i}]`, type.element, v, out));
    return;
  }
  if (type.kind === 'inline') throw new Error('inline members (format 2) are not covered by this harness yet');
  const struct = findStruct(model, type.name);
  const record = value as { [field: string]: SampleValue };
  for (const field of struct.fields) {
    if (!(field.name in record) || field.reserved) continue;
    if (struct.kind === 'union') {
      const t = `t${temp++}`;
      out.push(`var ${t} ${goType(field.type)}`);
      fill(model, t, field.type, record[field.name]!, out);
      out.push(`${path}.Set${camel(field.name)}(${t})`);
    } else {
      fill(model, `${path}.${camel(field.name)}`, field.type, record[field.name]!, out);
    }
  }
}

export function goStructBytesProgram(model: Model, module: string, names: string[]): string {
  const lines = ['package main', '', 'import (', '\t"bytes"', '\t"encoding/hex"', '\t"fmt"', '', `\thv "${module}"`, ')', '', 'func main() {'];
  names.forEach((name, i) => {
    const struct = findStruct(model, name);
    const body: string[] = [];
    fill(model, `v${i}`, { kind: struct.kind, name, spec: '' }, sampleStruct(model, name), body);
    lines.push('\t{', `\t\tvar v${i} hv.${typeName(name)}`, ...body.map((s) => `\t\t${s}`));
    lines.push(`\t\tb, err := v${i}.MarshalBinary()`, '\t\tif err != nil {', '\t\t\tpanic(err)', '\t\t}', `\t\tfmt.Println("${name}", hex.EncodeToString(b))`);
    // Reading the bytes back and writing them again gives the same bytes: the decoder is the encoder's inverse.
    lines.push(`\t\tvar back hv.${typeName(name)}`, '\t\tif err := back.UnmarshalBinary(b); err != nil {', '\t\t\tpanic(err)', '\t\t}',
      '\t\tif again, _ := back.MarshalBinary(); !bytes.Equal(again, b) {', `\t\t\tpanic("${name} does not read back")`, '\t\t}', '\t}');
  });
  lines.push('}', '');
  return lines.join('\n');
}
