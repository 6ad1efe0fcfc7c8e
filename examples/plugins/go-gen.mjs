// An hvspec generator plugin: Go bindings (constants, enums, flags, device and function IDs, and
// structs with encoding/binary codecs) in one Go package under output/go/. See docs/plugins.md.
//
// Use it from a standards repository's hvspec.config.json:
//   { "plugins": ["./tools/go-gen.mjs"] }
// then `npx hvspec build --target go`. It depends on nothing but Node: copy it and adapt it.
//
// The model it reads is the one `hvspec model` prints (schemas/model.schema.json): layout (sizes,
// offsets, bit masks, function IDs) is already computed there, so this file only prints it.

/** Go's reserved words are lower case; every identifier printed here starts upper case, except locals. */
const camel = (name) => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
/** A C-style constant name (already upper snake case in the model) as a Go identifier. */
const constName = (name) => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z])/, 'X$1');
const typeName = (name) => { const c = camel(name); return /^[A-Z]/.test(c) ? c : `X${c}`; };

/** Go comments from standards text: one `//` line per line, nothing that could end the comment early. */
function comment(text, indent = '') {
  const lines = String(text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ').trim().split('\n');
  return lines.filter((l, i) => l.trim() !== '' || i > 0).map((l) => `${indent}//${l.trim() ? ` ${l.trimEnd()}` : ''}\n`).join('');
}

const GO_PRIMITIVE = { u8: 'uint8', u16: 'uint16', u32: 'uint32', u64: 'uint64', i8: 'int8', i16: 'int16', i32: 'int32', i64: 'int64',
  le16: 'uint16', le32: 'uint32', le64: 'uint64', be16: 'uint16', be32: 'uint32', be64: 'uint64' };

/** Byte order of a primitive: `native` (the u and i types) is written little-endian, the order of every architecture hvspec targets (aarch64, x86_64). */
const order = (prim) => (prim.endian === 'big' ? 'binary.BigEndian' : 'binary.LittleEndian');

function hex(value) {
  const v = BigInt(value);
  return v < 0n ? `-0x${(-v).toString(16).toUpperCase()}` : `0x${v.toString(16).toUpperCase()}`;
}

/** Names must be unique in a Go package: a clash is a bug to report, not a file that does not compile. */
class Names {
  constructor() { this.used = new Map(); }
  claim(name, owner) {
    const other = this.used.get(name);
    if (other !== undefined && other !== owner) throw new Error(`Go name ${name} is produced by both ${other} and ${owner}`);
    this.used.set(name, owner);
    return name;
  }
}

function indexModel(model) {
  const structs = new Map();
  for (const spec of model.specs) for (const s of spec.structs) structs.set(`${spec.id}:${s.name}`, s);
  return structs;
}

/** The specs to emit: this repository's own, and the standard-library specs they require (directly or not), so the package builds. */
function emittedSpecs(model) {
  const byId = new Map(model.specs.map((s) => [s.id, s]));
  const keep = new Set(model.specs.filter((s) => s.library === undefined).map((s) => s.id));
  const pending = [...keep];
  while (pending.length > 0) for (const id of byId.get(pending.pop())?.requires ?? []) if (!keep.has(id)) { keep.add(id); pending.push(id); }
  return model.specs.filter((s) => keep.has(s.id));
}

class GoPrinter {
  constructor(model) {
    this.structs = indexModel(model);
    this.names = new Names();
  }

  goType(type) {
    switch (type.kind) {
      case 'primitive': return GO_PRIMITIVE[type.name];
      case 'enum': case 'flags': case 'struct': case 'union': return typeName(type.name);
      case 'array': return `${type.length === null ? '[]' : `[${type.length}]`}${this.goType(type.element)}`;
      default: throw new Error(`unknown type kind ${type.kind}`);
    }
  }

  sizeOf(type) {
    switch (type.kind) {
      case 'primitive': return type.size;
      case 'enum': case 'flags': return type.storage.size;
      case 'struct': case 'union': return this.structs.get(`${type.spec}:${type.name}`).size;
      case 'array': return type.length === null ? 0 : type.length * this.sizeOf(type.element);
      default: throw new Error(`unknown type kind ${type.kind}`);
    }
  }

  /** Go statements writing `value` (of `type`) into `b` at byte offset `at` (a Go expression). */
  encode(type, at, value, depth) {
    const pad = '\t'.repeat(depth + 1);
    const prim = type.kind === 'primitive' ? type : type.kind === 'enum' || type.kind === 'flags' ? type.storage : null;
    if (prim) {
      if (prim.size === 1) return `${pad}b[${at}] = byte(${value})\n`;
      return `${pad}${order(prim)}.PutUint${prim.size * 8}(b[${at}:], uint${prim.size * 8}(${value}))\n`;
    }
    if (type.kind === 'struct' || type.kind === 'union') return `${pad}${value}.encode(b[${at}:])\n`;
    const i = `i${depth}`;
    const size = this.sizeOf(type.element);
    const count = type.length === null ? `len(${value})` : String(type.length);
    return `${pad}for ${i} := 0; ${i} < ${count}; ${i}++ {\n${this.encode(type.element, `${at}+${i}*${size}`, `${value}[${i}]`, depth + 1)}${pad}}\n`;
  }

  /** Go statements reading `target` (of `type`) from `b` at byte offset `at`. */
  decode(type, at, target, depth) {
    const pad = '\t'.repeat(depth + 1);
    const prim = type.kind === 'primitive' ? type : type.kind === 'enum' || type.kind === 'flags' ? type.storage : null;
    if (prim) {
      const go = this.goType(type);
      if (prim.size === 1) return `${pad}${target} = ${go}(b[${at}])\n`;
      return `${pad}${target} = ${go}(${order(prim)}.Uint${prim.size * 8}(b[${at}:]))\n`;
    }
    if (type.kind === 'struct' || type.kind === 'union') return `${pad}${target}.decode(b[${at}:])\n`;
    const i = `i${depth}`;
    const size = this.sizeOf(type.element);
    const count = type.length === null ? `len(${target})` : String(type.length);
    return `${pad}for ${i} := 0; ${i} < ${count}; ${i}++ {\n${this.decode(type.element, `${at}+${i}*${size}`, `${target}[${i}]`, depth + 1)}${pad}}\n`;
  }

  constants(spec) {
    let out = '';
    for (const group of spec.constants) {
      out += comment(`${group.name}: ${group.doc}`);
      out += 'const (\n';
      for (const c of group.constants) {
        out += comment(c.doc, '\t');
        const name = this.names.claim(constName(c.name), `constant ${c.name}`);
        out += `\t${name}${c.type ? ` ${GO_PRIMITIVE[c.type]}` : ''} = ${BigInt(c.value) > 9n || BigInt(c.value) < -9n ? hex(c.value) : c.value}\n`;
      }
      out += ')\n\n';
    }
    return out;
  }

  valueTypes(spec) {
    let out = '';
    for (const e of spec.enums) {
      const name = this.names.claim(typeName(e.name), `enum ${e.name}`);
      out += comment(`${name} is the enum ${e.name} (${e.storage.name}). ${e.doc}`);
      out += `type ${name} ${GO_PRIMITIVE[e.storage.name]}\n\nconst (\n`;
      for (const v of e.values) {
        out += comment(v.doc, '\t');
        out += `\t${this.names.claim(constName(v.name), `enum value ${v.name}`)} ${name} = ${v.value}\n`;
      }
      out += ')\n\n';
    }
    for (const set of spec.flags) {
      const name = this.names.claim(typeName(set.name), `flags ${set.name}`);
      out += comment(`${name} is the flag set ${set.name} (${set.storage.name}). ${set.doc}`);
      out += `type ${name} ${GO_PRIMITIVE[set.storage.name]}\n\nconst (\n`;
      for (const f of set.flags) {
        out += comment(`${f.doc} (${f.width > 1 ? `bits ${f.bit}..${f.bit + f.width - 1}` : `bit ${f.bit}`})`, '\t');
        out += `\t${this.names.claim(constName(f.name), `flag ${f.name}`)} ${name} = ${hex(f.mask)}\n`;
      }
      out += ')\n\n';
    }
    return out;
  }

  virtio(spec) {
    let out = '';
    for (const set of spec.features) {
      out += comment(`Feature bits ${set.name} (${set.scope}): bit numbers. ${set.doc}`);
      out += 'const (\n';
      for (const f of set.features) out += `${comment(f.doc, '\t')}\t${this.names.claim(constName(f.name), `feature ${f.name}`)} = ${f.bit}\n`;
      out += ')\n\n';
    }
    for (const d of spec.devices) {
      out += comment(`Device ${d.name}: ${d.doc}`);
      out += 'const (\n';
      out += `\t${this.names.claim(constName(d.idName), `device ${d.name}`)} = ${d.id}\n`;
      for (const q of d.virtqueues) {
        out += comment(`Index of the virtqueue ${q.name}. ${q.doc}`, '\t');
        out += `\t${this.names.claim(constName(`${d.idName}_VQ_${q.name}`.toUpperCase()), `virtqueue ${d.name}.${q.name}`)} = ${q.index}\n`;
      }
      for (const f of d.features) out += `${comment(`${f.doc} (feature bit number)`, '\t')}\t${this.names.claim(constName(f.name), `feature ${f.name}`)} = ${f.bit}\n`;
      out += ')\n\n';
    }
    return out;
  }

  hypercalls(spec) {
    let out = '';
    for (const iface of spec.hypercalls) {
      out += comment(`Function IDs of ${iface.name} (${iface.convention}). ${iface.doc}`);
      out += 'const (\n';
      for (const fn of iface.functions) {
        out += comment(fn.doc, '\t');
        out += `\t${this.names.claim(constName(fn.idName), `function ${iface.name}.${fn.name}`)} = ${hex(fn.id)}\n`;
      }
      out += ')\n\n';
    }
    return out;
  }

  struct(s) {
    const name = this.names.claim(typeName(s.name), `${s.kind} ${s.name}`);
    const sizeName = this.names.claim(`${name}Size`, `size of ${s.name}`);
    const members = new Names();
    for (const m of ['encode', 'decode', 'MarshalBinary', 'UnmarshalBinary', 'Raw']) members.claim(m, 'hvspec');
    let out = comment(`${name} is the ${s.kind} ${s.name}: ${s.size} byte${s.size === 1 ? '' : 's'}${s.flexible ? ' before its flexible array' : ''}, each field in the byte order the standard gives it. ${s.doc}`);
    out += `const ${sizeName} = ${s.size}\n\n`;
    if (s.kind === 'union') {
      // Go has no unions: the bytes, with a getter and a setter per member.
      out += `type ${name} struct {\n\tRaw [${s.size}]byte\n}\n\n`;
      for (const f of s.fields) {
        if (f.reserved) continue;
        const member = members.claim(camel(f.name) || 'X', `member ${f.name}`);
        const setter = members.claim(`Set${member}`, `member ${f.name}`);
        const go = this.goType(f.type);
        out += comment(`${member} reads the member ${f.name}. ${f.doc}`);
        out += `func (u *${name}) ${member}() ${go} {\n\tvar v ${go}\n\tb := u.Raw[:]\n${this.decode(f.type, '0', 'v', 0)}\treturn v\n}\n\n`;
        out += comment(`${setter} stores the member ${f.name} (the other bytes become zero).`);
        out += `func (u *${name}) ${setter}(v ${go}) {\n\tu.Raw = [${s.size}]byte{}\n\tb := u.Raw[:]\n${this.encode(f.type, '0', 'v', 0)}}\n\n`;
      }
      out += `func (u *${name}) encode(b []byte) { copy(b[:${s.size}], u.Raw[:]) }\n\n`;
      out += `func (u *${name}) decode(b []byte) { copy(u.Raw[:], b[:${s.size}]) }\n\n`;
    } else {
      out += `type ${name} struct {\n`;
      const fields = s.fields.filter((f) => !f.reserved);
      for (const f of fields) {
        f.goName = members.claim(camel(f.name) || 'X', `field ${f.name}`);
        out += comment(`${f.doc}${f.bitfields.length > 0 ? ` Bits: ${f.bitfields.map((b) => `${b.name} ${hex(b.mask)}`).join(', ')}.` : ''}`, '\t');
        out += `\t${f.goName} ${this.goType(f.type)}\n`;
      }
      out += '}\n\n';
      // Reserved fields and padding are not fields of the Go type: written as zero, ignored when read.
      out += `func (v *${name}) encode(b []byte) {\n`;
      for (const f of fields) out += this.encode(f.type, String(f.offset), `v.${f.goName}`, 0);
      out += '}\n\n';
      out += `func (v *${name}) decode(b []byte) {\n`;
      for (const f of fields) {
        if (f.type.kind === 'array' && f.type.length === null) {
          const size = this.sizeOf(f.type.element);
          // A counted array (`count: hash_key_length`) has as many elements as its count field
          // says; it may start inside the struct's tail padding, so the bytes after it do not tell.
          const counter = f.count && fields.find((c) => c.name === f.count.field);
          const length = counter ? `int(v.${counter.goName})*${f.count.scale}+${f.count.add}` : `(len(b)-${f.offset})/${size}`;
          out += `\tv.${f.goName} = make(${this.goType(f.type)}, ${length})\n`;
        }
        out += this.decode(f.type, String(f.offset), `v.${f.goName}`, 0);
      }
      out += '}\n\n';
    }
    const tail = s.flexible ? s.fields[s.fields.length - 1] : null;
    const tailSize = tail ? this.sizeOf(tail.type.element) : 0;
    out += comment(`MarshalBinary returns the bytes of v as they travel between guest and host: ${tail ? `${s.size}, or the trailing ${tail.name} from offset ${tail.offset} if it reaches further` : `${s.size}`}.`);
    out += `func (v *${name}) MarshalBinary() ([]byte, error) {\n`;
    // The trailing array starts at its own offset, which may lie inside the tail padding.
    out += tail
      ? `\tn := ${tail.offset} + len(v.${tail.goName})*${tailSize}\n\tif n < ${sizeName} {\n\t\tn = ${sizeName}\n\t}\n\tb := make([]byte, n)\n\tv.encode(b)\n\treturn b, nil\n}\n\n`
      : `\tb := make([]byte, ${sizeName})\n\tv.encode(b)\n\treturn b, nil\n}\n\n`;
    out += comment(`UnmarshalBinary reads v from exactly ${tail ? `${s.size} bytes plus whole ${tailSize}-byte elements` : `${s.size} byte${s.size === 1 ? '' : 's'}`}.`);
    out += `func (v *${name}) UnmarshalBinary(b []byte) error {\n`;
    out += tail
      ? `\tif len(b) < ${sizeName} || (len(b)-${sizeName})%${tailSize} != 0 {\n`
      : `\tif len(b) != ${sizeName} {\n`;
    out += `\t\treturn fmt.Errorf("${s.name}: %d bytes, want ${tail ? `${s.size} + n*${tailSize}` : s.size}", len(b))\n\t}\n\tv.decode(b)\n\treturn nil\n}\n\n`;
    return out;
  }

  file(spec, packageName) {
    let body = '';
    body += this.constants(spec);
    body += this.valueTypes(spec);
    body += this.virtio(spec);
    body += this.hypercalls(spec);
    for (const s of spec.structs) body += this.struct(s);
    const imports = [];
    if (body.includes('binary.')) imports.push('"encoding/binary"');
    if (body.includes('fmt.')) imports.push('"fmt"');
    let out = `// Code generated by the hvspec go plugin from ${spec.file}${spec.library ? ` (standard library ${spec.library})` : ''}. DO NOT EDIT.\n\n`;
    out += comment(`${spec.title} ${spec.version} (${spec.status}).`);
    out += `\npackage ${packageName}\n\n`;
    if (imports.length > 0) out += `import (\n${imports.map((i) => `\t${i}\n`).join('')})\n\n`;
    return `${out}${body}`.replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '\n');
  }
}

/** @type {import('hvspec').Generator} */
const goGenerator = {
  name: 'go',
  outDir: 'go',
  committed: true,
  generate(model, context) {
    const module = context.package?.names.rust ?? 'hvspec-bindings';
    const packageName = module.replace(/[^a-z0-9]/g, '') || 'bindings';
    const printer = new GoPrinter(model);
    const specs = emittedSpecs(model);
    const files = [
      { path: 'go.mod', contents: `module ${module}\n\ngo 1.19\n` },
      { path: 'doc.go', contents: `// Code generated by the hvspec go plugin. DO NOT EDIT.\n\n// Package ${packageName} holds Go bindings of ${specs.length} hypervisor interface standard${specs.length === 1 ? '' : 's'}: constants, enums, flags, device and function IDs, and structs whose MarshalBinary and UnmarshalBinary give the bytes the standard defines.\npackage ${packageName}\n` },
    ];
    // Spec ids keep their dashes as file names: an underscore suffix such as `_arm64` would be a Go build constraint.
    // Structs are annotated in place by the printer (Go field names), so it works on a copy: the model itself is frozen.
    for (const spec of structuredClone(specs)) files.push({ path: `${spec.id}.go`, contents: printer.file(spec, packageName) });
    return files;
  },
};

export default goGenerator;
