/**
 * Hover text for a symbol, as Markdown, printed from the model: sizes, offsets, bit positions and
 * function IDs are the values the model computed (layout is computed once, there), never redone here.
 */
import { registerView } from '../model/hypercall-abi.ts';
import type { Field, HypercallFunction, HypercallInterface, Spec, TypeRef } from '../model/types.ts';
import type { SymbolEntry } from './symbol-index.ts';

const ENTITY_NAMES: Record<number, string> = {
  0: 'Arm architecture calls', 1: 'CPU service calls', 2: 'SiP service calls', 3: 'OEM service calls',
  4: 'standard secure service calls', 5: 'standard hypervisor service calls', 6: 'vendor specific hypervisor service calls',
};

export function typeName(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive': return type.name;
    case 'struct': case 'union': return type.name;
    case 'enum': case 'flags': return `${type.name} (${type.storage.name})`;
    case 'array': {
      const inner = typeName(type.element);
      return `${inner}[${type.length === null ? '' : type.lengthConstant ?? type.length}]`;
    }
    case 'inline': return `${type.aggregate} { … }`;
  }
}

export function hex(value: string | bigint | number, digits = 0): string {
  const n = BigInt(value);
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16).padStart(digits, '0')}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function definedIn(spec: Spec): string {
  return `defined in \`${spec.id}\` (${spec.file})`;
}

function bytes(n: number): string {
  return `${n} byte${n === 1 ? '' : 's'}`;
}

function doc(text: string): string {
  return text.trim() === '' ? '' : `\n\n${text.trim()}`;
}

/** Bits of a field within its struct: byte offset × 8 up to the end of the field. */
function bitRange(field: Field): string {
  if (field.size === 0) return `from bit ${field.offset * 8} (flexible)`;
  return `bits ${field.offset * 8}–${(field.offset + field.size) * 8 - 1}`;
}

function bitfieldList(field: Field): string {
  return field.bitfields.map((b) => `${b.name} ${b.width === 1 ? `[${b.bit}]` : `[${b.bit + b.width - 1}:${b.bit}]`}`).join(', ');
}

function functionEncoding(iface: HypercallInterface, fn: HypercallFunction): string[] {
  if (iface.convention !== 'smccc') return [`- hypercall number **${fn.number}** (${hex(fn.number)}), ${iface.convention} convention`];
  const entity = iface.entity ?? 0;
  return [
    `- ${fn.fast ? 'fast call (bit 31 set)' : 'yielding call (bit 31 clear)'}`,
    `- ${fn.width === 64 ? 'SMC64/HVC64 (bit 30 set)' : 'SMC32/HVC32 (bit 30 clear)'}`,
    `- owning entity **${entity}**${ENTITY_NAMES[entity] ? ` (${ENTITY_NAMES[entity]})` : ''}, bits 29:24`,
    `- function number **${fn.number}** (${hex(fn.number, 4)}), bits 15:0`,
  ];
}

function registers(iface: HypercallInterface, fn: HypercallFunction): string[] {
  const lines: string[] = [];
  for (const abi of iface.abis) {
    const id = registerView(abi.idRegister, fn.width);
    const args = fn.args.map((a) => `${a.registers[abi.arch] ?? '?'} = ${a.name} (${typeName(a.type)})`);
    const results = fn.results.map((r) => `${r.registers[abi.arch] ?? '?'} = ${r.name} (${typeName(r.type)})`);
    lines.push(`- **${abi.arch}** (${abi.instructions.join(', ')}): ID in ${id}; arguments: ${args.length ? args.join(', ') : 'none'}; results: ${results.length ? results.join(', ') : 'none'}`);
  }
  if (fn.memory) lines.push(`- arguments in memory: \`${fn.memory}\` (its guest-physical address is passed)`);
  return lines;
}

export function hoverMarkdown(entry: SymbolEntry): string {
  const item = entry.item;
  const spec = entry.spec;
  switch (item.kind) {
    case 'struct':
    case 'union': {
      const s = item.struct;
      const head = `**${s.kind} ${s.name}** — ${bytes(s.size)}, alignment ${s.align}${s.packed ? ', packed' : ''}${s.flexible ? ', ends in a flexible array' : ''}; ${definedIn(spec)}`;
      const rows = s.fields.map((f) => `| ${f.offset} | ${f.size} | ${cell(typeName(f.type))} | ${cell(f.name)}${f.reserved ? ' (reserved)' : ''} | ${cell(bitfieldList(f))} |`);
      return `${head}${doc(s.doc)}\n\n| offset | size | type | field | bits |\n| ---: | ---: | --- | --- | --- |\n${rows.join('\n')}`;
    }
    case 'field': {
      const f = item.field;
      const bits = f.bitfields.length > 0 ? `\n\nbit fields: ${bitfieldList(f)}` : '';
      return `**${item.struct.name}.${f.name}**: \`${typeName(f.type)}\` — offset ${f.offset}, ${bytes(f.size)}, ${bitRange(f)}${f.reserved ? ' (reserved)' : ''}; in ${item.struct.kind} \`${item.struct.name}\` (${bytes(item.struct.size)}), ${definedIn(spec)}${bits}${doc(f.doc)}`;
    }
    case 'enum': {
      const e = item.enum;
      const rows = e.values.map((v) => `| ${cell(v.name)} | ${v.value} | ${hex(v.value)} |`);
      return `**enum ${e.name}** (${e.storage.name}); ${definedIn(spec)}${doc(e.doc)}\n\n| name | value | hex |\n| --- | ---: | ---: |\n${rows.join('\n')}`;
    }
    case 'enum value':
      return `**${item.value.name}** = ${item.value.value} (${hex(item.value.value)}) — value of enum \`${item.enum.name}\` (${item.enum.storage.name}); ${definedIn(spec)}${doc(item.value.doc)}`;
    case 'flag set': {
      const f = item.flags;
      const rows = f.flags.map((x) => `| ${cell(x.name)} | ${x.width === 1 ? x.bit : `${x.bit + x.width - 1}:${x.bit}`} | ${hex(x.mask)} |`);
      return `**flags ${f.name}** (${f.storage.name}); ${definedIn(spec)}${doc(f.doc)}\n\n| flag | bit | mask |\n| --- | ---: | ---: |\n${rows.join('\n')}`;
    }
    case 'flag':
      return `**${item.flag.name}** — ${item.flag.width === 1 ? `bit ${item.flag.bit}` : `bits ${item.flag.bit + item.flag.width - 1}:${item.flag.bit}`}, mask ${hex(item.flag.mask)}; flag of \`${item.flags.name}\` (${item.flags.storage.name}), ${definedIn(spec)}${doc(item.flag.doc)}`;
    case 'constant':
      return `**${item.constant.name}** = ${item.constant.value} (${hex(item.constant.value)})${item.constant.type ? `, ${item.constant.type}` : ''} — constant of group \`${item.group.name}\`; ${definedIn(spec)}${doc(item.constant.doc)}`;
    case 'constant group':
      return `**constants ${item.group.name}** (${item.group.constants.length}); ${definedIn(spec)}${doc(item.group.doc)}`;
    case 'feature': {
      const owner = 'id' in item.owner ? `device \`${item.owner.name}\`` : `${item.owner.scope} feature set \`${item.owner.name}\``;
      return `**${item.feature.name}** — feature bit ${item.feature.bit} of ${owner}; ${definedIn(spec)}${doc(item.feature.doc)}`;
    }
    case 'feature set':
      return `**features ${item.set.name}** (${item.set.scope}, ${item.set.features.length} bits); ${definedIn(spec)}${doc(item.set.doc)}`;
    case 'device':
    case 'device ID': {
      const d = item.device;
      const queues = d.virtqueues.map((q) => `${q.index}: ${q.name}`).join(', ');
      return `**device ${d.name}** — device ID ${d.id} (\`${d.idName}\`); ${definedIn(spec)}${doc(d.doc)}\n\n- virtqueues: ${queues || 'none'}\n- feature bits: ${d.features.map((f) => `${f.bit} ${f.name}`).join(', ') || 'none'}\n- config space: ${d.config ? `\`${d.config}\`` : 'none'}\n- status codes: ${d.status ? `\`${d.status}\`` : 'none'}`;
    }
    case 'virtqueue':
      return `**virtqueue ${item.queue.name}** — index ${item.queue.index} of device \`${item.device.name}\`; ${definedIn(spec)}${doc(item.queue.doc)}`;
    case 'hypercall interface': {
      const i = item.iface;
      return `**hypercall interface ${i.name}** — ${i.convention} convention over ${i.conduits.join(', ')}${i.entity !== undefined ? `, owning entity ${i.entity}` : ''}; ${i.functions.length} functions; errors: ${i.errors ? `\`${i.errors}\`` : 'none'}; ${definedIn(spec)}${doc(i.doc)}`;
    }
    case 'function':
    case 'function ID': {
      const { iface, fn } = item;
      return [
        `**${iface.name}.${fn.name}** — function ID **${hex(fn.id, iface.convention === 'smccc' ? 8 : 0)}** (\`${fn.idName}\`); ${definedIn(spec)}${doc(fn.doc)}`,
        '',
        ...functionEncoding(iface, fn),
        ...registers(iface, fn),
      ].join('\n');
    }
    case 'protocol': {
      const p = item.protocol;
      const rows = p.messages.map((m) => `| ${cell(m.name)} | ${m.value} | ${m.direction} | ${m.payload ?? ''} | ${m.reply ?? ''} |`);
      return `**protocol ${p.name}** — header \`${p.header}\`, type in \`${p.header}.${p.discriminator}\` (enum \`${p.messageTypes}\`); ${definedIn(spec)}${doc(p.doc)}\n\n| message | value | direction | payload | reply |\n| --- | ---: | --- | --- | --- |\n${rows.join('\n')}`;
    }
    case 'requirement': {
      const r = item.requirement;
      return `**requirement ${r.id}** — ${r.level}, role ${r.role}, section "${r.section}"; ${definedIn(spec)}\n\n${r.text}`;
    }
    case 'spec': {
      const s = item.spec;
      return `**${s.id}** ${s.version} (${s.status}) — ${s.title}\n\nfile: ${s.file}; requires: ${s.requires.length ? s.requires.join(', ') : 'nothing'}`;
    }
  }
}
