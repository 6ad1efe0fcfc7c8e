/**
 * A synthetic corpus for the check benchmark: N standards shaped like the project's own
 * (about 350 lines and 16 KB each, front matter, headings, prose paragraphs and lists with
 * `[[references]]`, and 8–10 schema blocks). Every document defines only its own names, prefixed
 * `sN_` / `SN_`, and no devices or feature bits, so documents cannot collide with each other
 * whatever N is. The text is a pure function of (index, seed): runs are comparable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small deterministic PRNG (mulberry32): the same seed gives the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Lower-case only: upper-case RFC 2119 keywords in prose are a warning (HV5003).
const WORDS = (
  'the driver device queue buffer request response header field value host guest transport ' +
  'descriptor ring notification interrupt register memory address length status feature bit ' +
  'negotiation configuration space segment transfer completes returns writes reads sets clears ' +
  'each every one two first last next previous before after when unless while because so that ' +
  'a an of to in on for with from by as is are was be may can should not only also then ' +
  'implementation backend frontend hypervisor firmware call function argument result error code'
).split(' ');

interface Names {
  /** Lower-case prefix of types, e.g. `s12`. */
  lower: string;
  /** Upper-case prefix of constants, e.g. `S12`. */
  upper: string;
}

class Writer {
  readonly lines: string[] = [];
  constructor(readonly rnd: () => number, readonly names: Names, readonly refs: string[]) {}

  pick<T>(items: readonly T[]): T { return items[Math.floor(this.rnd() * items.length)]!; }

  sentence(): string {
    const n = 6 + Math.floor(this.rnd() * 10);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.rnd();
      if (r < 0.06 && this.refs.length > 0) words.push(`[[${this.pick(this.refs)}]]`);
      else if (r < 0.10) words.push(`\`${this.pick(WORDS)}_${this.pick(WORDS)}\``);
      else if (r < 0.12) words.push(`*${this.pick(WORDS)}*`);
      else if (r < 0.13) words.push(`[${this.pick(WORDS)}](https://example.org/${this.pick(WORDS)})`);
      else words.push(this.pick(WORDS));
    }
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  }

  /** A paragraph of `lines` lines, wrapped near 80 columns like the real standards. */
  paragraph(lines: number): void {
    let current = '';
    let written = 0;
    while (written < lines) {
      const s = this.sentence();
      if (current.length + s.length + 1 > 80 && current !== '') {
        this.lines.push(current);
        written++;
        current = s;
      } else {
        current = current === '' ? s : `${current} ${s}`;
      }
    }
    this.lines.push('');
  }

  list(items: number): void {
    for (let i = 0; i < items; i++) this.lines.push(`- ${this.sentence()}`);
    this.lines.push('');
  }

  heading(level: number, text: string): void {
    this.lines.push(`${'#'.repeat(level)} ${text}`, '');
  }

  block(kind: string, body: string[]): void {
    this.lines.push(`\`\`\`hvspec ${kind}`, ...body, '```', '');
  }
}

/** Markdown text of synthetic standard number `index` (0-based). */
export function syntheticDocument(index: number, seed = 1): string {
  const names: Names = { lower: `s${index}`, upper: `S${index}` };
  const { lower: l, upper: u } = names;
  const refs = [
    `${l}_req_hdr`, `${l}_req_hdr.flags`, `${l}_resp`, `${l}_op`, `${u}_OP_READ`, `${l}_req_flags`,
    `${u}_REQ_F_URGENT`, `${u}_NAME_LEN`, `${l}_ctl_word`, `${l}_msg`, `req:${l}-dev-complete`,
  ];
  const w = new Writer(random(seed * 1_000_003 + index), names, refs);
  const reqCount = 4 + (index % 3);

  w.lines.push('---', `spec: synth-${index}`, `title: Synthetic Standard ${index}`, 'version: 1.0.0',
    `status: ${index % 4 === 0 ? 'draft' : 'standard'}`, 'editors: [hvspec bench]',
    'sources:', `  - { title: "Synthetic source ${index}", ref: "https://example.org/synth/${index}" }`, '---', '');

  w.heading(1, `Synthetic device ${index}`);
  w.paragraph(7);
  w.paragraph(6);
  w.list(4);

  w.heading(2, 'Constants');
  w.paragraph(5);
  w.block('constants', [
    `name: ${l}_limits`, 'doc: Limits of the synthetic interface.', 'type: u32', 'items:',
    `  - { name: ${u}_NAME_LEN, value: ${8 + (index % 4) * 8}, doc: Length of a name in bytes. }`,
    `  - { name: ${u}_MAX_SEGMENTS, value: ${16 + (index % 7)}, doc: Most segments in one request. }`,
    `  - { name: ${u}_MAX_QUEUE, value: 0x${(256 + index).toString(16)}, doc: Largest queue size. }`,
    `  - { name: ${u}_TIMEOUT_MS, value: ${1000 + index}, doc: Default timeout in milliseconds. }`,
    `  - { name: ${u}_MAGIC, value: 0x${(0x53594e00 + (index & 0xff)).toString(16)}, doc: Magic number of the header. }`,
  ]);

  w.heading(2, 'Operations');
  w.paragraph(6);
  w.block('enum', [
    `name: ${l}_op`, 'type: le16', 'doc: Operation of a request.', 'values:',
    ...['READ', 'WRITE', 'FLUSH', 'DISCARD', 'RESET', 'QUERY', 'GET_ID'].map((op, i) =>
      `  - { name: ${u}_OP_${op}, value: ${i}, doc: ${w.sentence().replace(/[[\]:`*()]/g, '')} }`),
  ]);
  w.paragraph(5);
  w.block('enum', [
    `name: ${l}_status`, 'type: u8', 'doc: Final status of a request, written by the device.', 'values:',
    `  - { name: ${u}_S_OK, value: 0, doc: Success. }`,
    `  - { name: ${u}_S_IOERR, value: 1, doc: The device could not complete the request. }`,
    `  - { name: ${u}_S_UNSUPP, value: 2, doc: The operation is not supported. }`,
    `  - { name: ${u}_S_BUSY, value: 3, doc: Try again later. }`,
  ]);

  w.heading(2, 'Request header');
  w.paragraph(8);
  w.list(3);
  w.block('flags', [
    `name: ${l}_req_flags`, 'type: le32', 'doc: Flags of a request. Other bits are reserved and zero.', 'flags:',
    `  - { name: ${u}_REQ_F_URGENT, bit: 0, doc: Process before queued requests. }`,
    `  - { name: ${u}_REQ_F_FUA, bit: 1, doc: Write through to stable storage. }`,
    `  - { name: ${u}_REQ_F_CHAIN, bit: 2, doc: Fail the next request when this one fails. }`,
    `  - { name: ${u}_REQ_F_NOTIFY, bit: 3, doc: Interrupt on completion. }`,
    `  - { name: ${u}_REQ_F_PRIO, bit: 4, width: 3, doc: Priority with 0 the lowest. }`,
    `  - { name: ${u}_REQ_F_TRACE, bit: 8, doc: Record the request in the trace buffer. }`,
  ]);
  w.paragraph(5);
  w.block('struct', [
    `name: ${l}_req_hdr`, 'doc: Device-readable header of every request.', `size: ${24 + 8 + 8 * Math.ceil((8 + (index % 4) * 8) / 8)}`, 'fields:',
    `  - { name: type, type: ${l}_op, doc: Operation. }`,
    `  - { name: reserved0, type: le16, reserved: true, doc: Zero. }`,
    `  - { name: flags, type: ${l}_req_flags, doc: Request flags. }`,
    '  - { name: sector, type: le64, doc: First sector. }',
    '  - { name: length, type: le32, doc: Bytes to transfer. }',
    `  - { name: segments, type: le32, doc: "Number of segments, at most [[${u}_MAX_SEGMENTS]]." }`,
    '  - { name: tag, type: le64, doc: Chosen by the driver; echoed in the response. }',
    `  - { name: name, type: "u8[${u}_NAME_LEN]", doc: Name of the target. }`,
  ]);

  w.heading(2, 'Control word');
  w.paragraph(6);
  w.block('struct', [
    `name: ${l}_ctl_word`, 'doc: A control register with bit fields.', 'size: 8', 'fields:',
    '  - name: word', '    type: le32', '    doc: Packed control bits.', '    bitfields:',
    '      - { name: enable, bit: 0, width: 1, doc: Enables the unit. }',
    '      - { name: mode, bit: 1, width: 3, doc: Operating mode. }',
    `      - { name: op, bit: 4, width: 4, enum: ${l}_op, doc: Pending operation. }`,
    '      - { name: count, bit: 8, width: 16, doc: Pending count. }',
    '  - { name: event, type: le16, doc: Last event. }',
    '  - { name: reserved1, type: le16, reserved: true, doc: Zero. }',
  ]);

  w.heading(2, 'Responses');
  w.paragraph(7);
  w.list(4);
  w.block('struct', [
    `name: ${l}_resp`, 'doc: Device-writable trailer of every request.', 'size: 16', 'fields:',
    '  - { name: tag, type: le64, doc: Tag of the request. }',
    '  - { name: residual, type: le32, doc: Bytes not transferred. }',
    '  - { name: reserved0, type: "u8[3]", reserved: true, doc: Zero. }',
    `  - { name: status, type: ${l}_status, doc: Final status. }`,
  ]);
  w.paragraph(5);
  w.block('struct', [
    `name: ${l}_msg`, 'doc: A message with a variable payload.', 'size: 8', 'fields:',
    `  - { name: hdr_len, type: le16, doc: Bytes of the header. }`,
    `  - { name: op, type: ${l}_op, doc: Operation. }`,
    '  - { name: payload_len, type: le32, doc: Bytes of the payload. }',
    '  - { name: payload, type: "u8[]", doc: The payload. }',
  ]);

  w.heading(2, 'Device requirements');
  w.paragraph(4);
  w.block('requirements', [
    'section: Device Operation', 'role: device', 'items:',
    `  - id: ${l}-dev-complete`, `    text: The device MUST complete every request it takes from the queue, setting \`status\` in [[${l}_resp]].`,
    ...Array.from({ length: reqCount }, (_, i) => [
      `  - id: ${l}-dev-rule-${i}`,
      `    text: "The device ${['MUST', 'SHOULD', 'MAY', 'MUST NOT'][i % 4]} ${w.sentence().replace(/[[\]:`*"()]/g, '').toLowerCase()}"`,
    ]).flat(),
  ]);
  w.heading(2, 'Driver requirements');
  w.paragraph(4);
  w.block('requirements', [
    'section: Driver Operation', 'role: driver', 'items:',
    ...Array.from({ length: reqCount }, (_, i) => [
      `  - id: ${l}-drv-rule-${i}`,
      `    text: "The driver ${['MUST', 'SHOULD NOT', 'MAY', 'MUST'][i % 4]} ${w.sentence().replace(/[[\]:`*"()]/g, '').toLowerCase()}"`,
    ]).flat(),
  ]);

  w.heading(2, 'Notes');
  while (w.lines.length < 345) w.paragraph(Math.min(6, 345 - w.lines.length));
  return `${w.lines.join('\n')}\n`;
}

/** Write `count` synthetic standards into `<root>/standards/` and return the file paths. */
export function writeSyntheticCorpus(root: string, count: number, seed = 1): string[] {
  const dir = path.join(root, 'standards');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `synth-${String(i).padStart(4, '0')}.md`);
    writeFileSync(file, syntheticDocument(i, seed));
    files.push(file);
  }
  return files;
}
