import type { Rng } from './rng.ts';

/**
 * Mutation operators over a document's text. Each one damages the document the way an editor, a
 * bad merge, a generator bug or an attacker would; the fuzzer applies one to four of them to a
 * corpus document (or a generated one) and checks the invariants on the result.
 */
export type Mutation = (text: string, rng: Rng) => string;

const lines = (text: string): string[] => text.split('\n');

/** Offsets of the lines inside fenced hvspec blocks (YAML), or all lines when there are none. */
function yamlLines(list: string[]): number[] {
  const out: number[] = [];
  let inside = false;
  list.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) { inside = !inside && /hvspec/.test(line); return; }
    if (inside) out.push(i);
  });
  return out.length ? out : list.map((_, i) => i);
}

/** Lines that open or close a fence. */
function fenceLines(list: string[]): number[] {
  return list.flatMap((line, i) => (/^\s*(```|~~~)/.test(line) ? [i] : []));
}

/** Index of the closing `---` of the front matter, or -1. */
function frontMatterEnd(list: string[]): number {
  if (list[0] !== '---') return -1;
  for (let i = 1; i < list.length; i++) if (/^(---|\.\.\.)\s*$/.test(list[i]!)) return i;
  return -1;
}

export const HOSTILE_NUMBERS = [
  '9223372036854775808', '9223372036854775807', '18446744073709551615', '18446744073709551616', '0xFFFFFFFFFFFFFFFF',
  '0x10000000000000000', '-1', '-9223372036854775808', '-9223372036854775809', '-0', '1e400', '-1e400', '1.5', '2.0',
  '0.0000001', '1e3', '.inf', '-.inf', '.nan', '0o777', '0o', '0x', '0b101', '1_000', '+7', '007', '4294967296',
  '9007199254740993', '2147483648', '65536', '256', '63', '64', '127', '128', '0xffff', '0x10000', '99999999999999999999999999999',
];

/** Characters no document should carry, and a few it may (emoji, combining marks). */
export const UNICODE_TRAPS = [
  '\u0000', '\u001b[2J', '\u001b[31m', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\u007f', '\u0085', '\u009b', '\u00a0',
  '\u200b', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\ufeff', '\ufffd',
  '\u0301', 'e\u0301', '😀', '👩‍👩‍👧', '\u{10ffff}', 'ǅ', 'ß', 'İ', 'Ω', '\t',
];

const VALUES = ['~', 'null', 'true', 'false', '[]', '{}', '""', "''", '[1, 2]', '{ a: 1 }', 'u8', 'u8[]', 'x[0]', '"u8[4][0]"', '&a x', '*a',
  '!!binary aGk=', '!custom 1', '|\n  literal', '>-\n  folded', '? complex', '- item', '[[[[', '{{{{', 'a: b: c', '"unterminated', '#comment',
  'struct', 'virtio_i2c_out_hdr', 'le16', 'be64', 'i8', 'u128', 'void', 'int', 'union', 'self', 'Self', 'type', 'fn', '__proto__', 'constructor'];

/** Replace one random token of the text. */
function replaceMatch(text: string, pattern: RegExp, rng: Rng, make: (match: string) => string): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const m = rng.pick(matches);
  return text.slice(0, m.index!) + make(m[0]) + text.slice(m.index! + m[0].length);
}

const randomChar = (rng: Rng): string => rng.chance(0.5) ? String.fromCharCode(rng.int(0x20, 0x7e)) : rng.pick(UNICODE_TRAPS);

export const MUTATIONS: Record<string, Mutation> = {
  'byte-insert': (text, rng) => {
    const at = rng.int(0, text.length);
    return text.slice(0, at) + randomChar(rng) + text.slice(at);
  },
  'byte-delete': (text, rng) => {
    const at = rng.int(0, Math.max(0, text.length - 1));
    return text.slice(0, at) + text.slice(at + rng.int(1, 8));
  },
  'byte-replace': (text, rng) => {
    const at = rng.int(0, Math.max(0, text.length - 1));
    return text.slice(0, at) + randomChar(rng) + text.slice(at + 1);
  },
  'punctuation': (text, rng) => replaceMatch(text, /[:\-\[\]{},"'`#|>*&!%@]/g, rng, () => rng.pick([':', '-', '[', ']', '{', '}', ',', '"', "'", '`', '#', '', '  ', '\n'])),
  'line-delete': (text, rng) => {
    const list = lines(text);
    list.splice(rng.int(0, list.length - 1), rng.int(1, 3));
    return list.join('\n');
  },
  'line-duplicate': (text, rng) => {
    const list = lines(text);
    const i = rng.int(0, list.length - 1);
    list.splice(i, 0, ...Array(rng.pick([1, 1, 2, 50])).fill(list[i]!));
    return list.join('\n');
  },
  'line-swap': (text, rng) => {
    const list = lines(text);
    const a = rng.int(0, list.length - 1);
    const b = rng.int(0, list.length - 1);
    [list[a], list[b]] = [list[b]!, list[a]!];
    return list.join('\n');
  },
  'line-move': (text, rng) => {
    const list = lines(text);
    const [line] = list.splice(rng.int(0, list.length - 1), 1);
    list.splice(rng.int(0, list.length), 0, line!);
    return list.join('\n');
  },
  'indent': (text, rng) => {
    const list = lines(text);
    const i = rng.pick(yamlLines(list));
    list[i] = rng.pick([' ', '  ', '    ', '\t', '        ']) + list[i]!;
    if (rng.chance(0.3)) list[i] = list[i]!.replace(/^\s+/, '');
    return list.join('\n');
  },
  'yaml-value-swap': (text, rng) => {
    const list = lines(text);
    const candidates = yamlLines(list).filter((i) => /:\s*\S/.test(list[i]!));
    if (candidates.length < 2) return text;
    const a = rng.pick(candidates);
    const b = rng.pick(candidates);
    // [^] rather than `.`: a line may hold U+2028 or CR, which `.` does not match.
    const value = /:\s*([^]*)$/;
    const va = value.exec(list[a]!)?.[1];
    const vb = value.exec(list[b]!)?.[1];
    if (va === undefined || vb === undefined) return text;
    list[a] = list[a]!.replace(value, () => `: ${vb}`);
    list[b] = list[b]!.replace(value, () => `: ${va}`);
    return list.join('\n');
  },
  'yaml-value-replace': (text, rng) => replaceMatch(text, /(?<=:\s)[^\n,}\]]+/g, rng, () => rng.pick(VALUES)),
  'yaml-key-replace': (text, rng) => replaceMatch(text, /[A-Za-z_]+(?=:\s)/g, rng, () => rng.pick(['name', 'type', 'bit', 'width', 'fields', 'value', 'values', 'doc', 'id', 'index', 'fieldz', '', '<<', '?', 'Name', 'packed', 'align', 'size', 'reserved', 'bitfields'])),
  'number': (text, rng) => replaceMatch(text, /\b(0x[0-9a-fA-F]+|\d+)\b/g, rng, () => rng.pick(HOSTILE_NUMBERS)),
  'type-expression': (text, rng) => replaceMatch(text, /(?<=type:\s*)[^\n,}]+/g, rng, () => rng.pick([
    'u8[0]', 'u8[18446744073709551615]', 'u8[16777216]', 'u8[]', 'u8[][]', 'u8[4][]', 'u32[NOPE]', 'u8[ 4 ]', 'u8[-1]', 'u8[0x10]', 'u8[1e3]',
    'le16[99999999999999999999]', 'self', 'struct', '"u8 [4]"', '"u8[4]x"', 'i64[16777215]', 'u64[16777215][16777215]', 'u8[1][1][1][1][1][1][1][1]'])),
  'fence-unclose': (text, rng) => {
    const list = lines(text);
    const fences = fenceLines(list).filter((i) => !/hvspec/.test(list[i]!));
    if (fences.length === 0) return text;
    list.splice(rng.pick(fences), 1);
    return list.join('\n');
  },
  'fence-damage': (text, rng) => {
    const list = lines(text);
    const fences = fenceLines(list);
    if (fences.length === 0) return text;
    const i = rng.pick(fences);
    list[i] = rng.pick([
      (l: string) => l.replace('```', '````'), (l: string) => l.replace('```', '``'), (l: string) => l.replace('```', '~~~'),
      (l: string) => `   ${l}`, (l: string) => `    ${l}`, (l: string) => l.replace('hvspec', 'hvspec  '), (l: string) => l.replace(/hvspec \w+/, 'hvspec'),
      (l: string) => l.replace(/hvspec (\w+)/, 'hvspec $1 extra words'), (l: string) => l.replace(/hvspec (\w+)/, 'hvspec strukt'),
      (l: string) => l.replace(/hvspec (\w+)/, 'HVSPEC $1'), (l: string) => `${l}\`\`\``, (l: string) => l.replace(/hvspec (\w+)/, 'hvspec $1{}'),
    ])(list[i]!);
    return list.join('\n');
  },
  'fence-open': (text, rng) => {
    const list = lines(text);
    list.splice(rng.int(0, list.length), 0, rng.pick(['```hvspec struct', '```hvspec', '```', '~~~hvspec enum', '````hvspec flags', '```hvspec constants']));
    return list.join('\n');
  },
  'front-matter': (text, rng) => {
    const list = lines(text);
    const end = frontMatterEnd(list);
    const op = rng.int(0, 7);
    if (op === 0 && end > 0) list.splice(end, 1);
    else if (op === 1) list.splice(0, 1);
    else if (op === 2 && end > 0) list.splice(1, 0, 'spec: other-spec');
    else if (op === 3 && end > 0) list.splice(end, 0, rng.pick(['requires: [nope]', 'requires: [virtio-core, virtio-core]', 'requires: virtio-core', 'breaking: [{ rule: x }]', 'status: final', 'version: 1.0', 'spec: Bad_Id', '- list', 'editors: [""]']));
    else if (op === 4 && end > 0) list[end] = '...';
    else if (op === 5) list.unshift('');
    else if (op === 6 && end > 0) list.splice(1, end - 1);
    else list.unshift('\ufeff---', '---');
    return list.join('\n');
  },
  'nest-in-list': (text, rng) => {
    const list = lines(text);
    const fences = fenceLines(list);
    const start = fences.length && rng.chance(0.8) ? rng.pick(fences) : rng.int(0, list.length - 1);
    const length = rng.pick([1, 1, 2, 5, 50]);
    const prefix = rng.pick(['- ', '* ', '1. ', '> ', '> - ', '- > ', '>> ', '   - ', '- - ', '> > > ', '10) ']);
    const cont = rng.chance(0.5) ? ' '.repeat(prefix.length) : prefix.startsWith('>') ? '> ' : '';
    for (let i = start; i < Math.min(list.length, start + length); i++) list[i] = (i === start ? prefix : cont) + list[i]!;
    return list.join('\n');
  },
  'unicode': (text, rng) => {
    const at = rng.int(0, text.length);
    return text.slice(0, at) + rng.pick(UNICODE_TRAPS) + text.slice(at);
  },
  'crlf': (text, rng) => (rng.chance(0.5) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r')),
  'long-line': (text, rng) => {
    const list = lines(text);
    const i = rng.int(0, list.length - 1);
    const unit = list[i]!.slice(0, 40) || 'x';
    list[i] = unit.repeat(rng.pick([100, 1000, 5000]));
    return list.join('\n');
  },
  'repeat-key': (text, rng) => {
    // The shape of issue 11 item 2: one flow mapping repeating a key on one long line.
    const list = lines(text);
    const yl = yamlLines(list);
    const n = rng.pick([10, 200, 2000, 12000]);
    const key = rng.pick(['a', 'name', 'doc']);
    list.splice(rng.pick(yl), 0, `${rng.chance(0.5) ? '- ' : ''}{ ${Array(n).fill(`${key}: 1`).join(', ')} }`);
    return list.join('\n');
  },
  'long-name': (text, rng) => replaceMatch(text, /(?<=name:\s*)\w+/g, rng, (m) => m + rng.pick(['_x', 'X'.repeat(300), '_'.repeat(70), '$', '-x', '9'])),
  'deep-nesting': (text, rng) => {
    const list = lines(text);
    const depth = rng.pick([10, 65, 500, 5000]);
    const flow = rng.chance(0.5);
    list.splice(rng.pick(yamlLines(list)), 0, flow ? `x: ${'['.repeat(depth)}${']'.repeat(depth)}` : Array.from({ length: Math.min(depth, 300) }, (_, k) => `${' '.repeat(k)}k${k}:`).join('\n'));
    return list.join('\n');
  },
  'alias': (text, rng) => {
    const list = lines(text);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    list.splice(rng.pick(yamlLines(list)), 0, ...(rng.chance(0.5) ? bomb : ['x: *undefined_anchor', '&anchor y: 1']));
    return list.join('\n');
  },
  'block-duplicate': (text, rng) => {
    const list = lines(text);
    const fences = fenceLines(list);
    if (fences.length < 2) return text;
    const k = rng.int(0, Math.floor(fences.length / 2) - 1) * 2;
    const block = list.slice(fences[k]!, (fences[k + 1] ?? fences[k]!) + 1);
    const copies = rng.pick([1, 2, 30]);
    list.splice(fences[k + 1]! + 1, 0, ...Array.from({ length: copies }, () => ['', ...block]).flat());
    return list.join('\n');
  },
  'prose': (text, rng) => {
    const list = lines(text);
    list.splice(rng.int(0, list.length), 0, rng.pick([
      '[[nope]]', '[[ VIRTIO_F_VERSION_1 ]]', '[[spec:virtio-core]]', '[x](../../etc/passwd)', '[x](javascript:alert(1))', '<script>alert(1)</script>',
      'The device MUST NOT.', `${'*'.repeat(3000)}`, `${'['.repeat(2000)}`, `${'> '.repeat(200)}x`, `${'- '.repeat(300)}x`, '| a | b |\n| - | - |\n| 1 | 2 |',
      '<!--', '[ref]: http://x', '![img](file:///etc/passwd)', `${'`'.repeat(300)}`, '#'.repeat(7) + ' heading', 'Setext\n===',
    ]));
    return list.join('\n');
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Apply one to four mutations; returns the text and the names applied (for the report). */
export function mutate(text: string, rng: Rng): { text: string; ops: string[] } {
  const ops: string[] = [];
  let out = text;
  for (let i = rng.int(1, 4); i > 0; i--) {
    const name = rng.pick(MUTATION_NAMES);
    out = MUTATIONS[name]!(out, rng);
    ops.push(name);
  }
  return { text: out, ops };
}
