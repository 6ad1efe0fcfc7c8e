/**
 * Golden vectors as C: one test program per standard that has examples
 * (`examples/<spec-id>.examples.c`). For each struct example it decodes the bytes into the
 * generated struct and compares every field with the value the model holds, then encodes the
 * values into a zeroed struct and compares the bytes; for each call example it compares the
 * generated function-ID constant with the ID the example calls with. Offsets, sizes and byte
 * orders are the model's (its example leaves); this file only prints them.
 */
import type { ExampleLeaf, Spec, StructExample } from '../../src/model/types.ts';
import { commentLines, headerFileName } from './helpers.ts';

export interface ExampleProgramView {
  fileName: string;
  header: string;
  banner: string[];
  structs: StructExampleView[];
  calls: { label: string; idName: string; id: string }[];
}

interface StructExampleView {
  label: string;
  fn: string;
  type: string;
  size: number;
  bytes: string;
  leaves: { path: string; read: string; write: string; value: string }[];
}

/** `read` turns the stored field into a host value, `write` the host value into what is stored. */
function conversions(leaf: ExampleLeaf): { read: (lvalue: string) => string; write: (value: string) => string } {
  const bits = leaf.size * 8;
  if (leaf.size === 1 || leaf.endian === 'native') {
    const host = `${leaf.signed ? 'int' : 'uint'}${bits}_t`;
    return { read: (lv) => `(uint64_t)(uint${bits}_t)${lv}`, write: (v) => (leaf.signed ? `(${host})(uint${bits}_t)${v}` : `(${host})${v}`) };
  }
  const order = leaf.endian === 'big' ? 'be' : 'le';
  return {
    read: (lv) => `(uint64_t)hvspec_${order}${bits}_to_cpu(${lv})`,
    write: (v) => `hvspec_cpu_to_${order}${bits}((uint${bits}_t)${v})`,
  };
}

const identifier = (name: string): string => name.replace(/[^A-Za-z0-9]/g, '_');

function structView(example: StructExample): StructExampleView {
  const size = example.bytes.length / 2;
  return {
    label: example.name,
    fn: `example_${identifier(example.name)}`,
    type: `${example.type.kind} ${example.type.name}`,
    size,
    bytes: (example.bytes.match(/../g) ?? []).map((b) => `0x${b}`).join(', '),
    leaves: example.leaves.map((leaf) => {
      const c = conversions(leaf);
      const value = `UINT64_C(0x${BigInt(leaf.value).toString(16)})`;
      return { path: leaf.path, read: c.read(`v->${leaf.path}`), write: `v->${leaf.path} = ${c.write(value)}`, value };
    }),
  };
}

export function exampleProgramView(spec: Spec): ExampleProgramView | null {
  if (spec.examples.length === 0) return null;
  return {
    fileName: `examples/${spec.id}.examples.c`,
    header: headerFileName(spec.id),
    banner: commentLines(`${spec.id}.examples.c: the golden vectors of ${spec.title} (${spec.id} ${spec.version}), decoded and encoded with the generated header.`),
    structs: spec.examples.filter((e): e is StructExample => e.kind === 'struct').map(structView),
    calls: spec.examples.flatMap((e) => (e.kind === 'call' ? [{ label: e.name, idName: e.function, id: `UINT64_C(0x${BigInt(e.id).toString(16)})` }] : [])),
  };
}
