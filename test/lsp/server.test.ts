/**
 * `hvspec lsp` driven by a real client over its stdio, on the project's own corpus. Expected
 * values come from outside the server: the Linux uapi headers (compiled and probed with gcc),
 * Arm DEN0028's register assignment, the JSON Schemas, and positions found in the source text.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { probeHeaders } from '../abi/header-probe.ts';
import { LspClient, positionOf, type LspDiagnostic, type LspRange } from './client.ts';

const TOP = path.join(import.meta.dirname, '../..');
const I2C = 'standards/virtio-i2c.md';
const i2cText = readFileSync(path.join(TOP, I2C), 'utf8');

interface Location { uri: string; range: LspRange }
interface Hover { contents: { kind: string; value: string }; range: LspRange }
interface CompletionItem { label: string }

/** The range of `needle` (its `skip`-th character on) in `text`, `length` characters long. */
function rangeOf(text: string, needle: string, skip = 0, length = needle.length - skip, nth = 0): LspRange {
  const start = positionOf(text, needle, skip, nth);
  return { start, end: { line: start.line, character: start.character + length } };
}

// Facts from the Linux uapi headers, read by the compiler (never from hvspec's output).
const facts = probeHeaders(['linux/virtio_i2c.h', 'linux/psci.h'], {
  constants: ['VIRTIO_I2C_MSG_ERR', 'VIRTIO_I2C_FLAGS_M_RD', 'PSCI_0_2_FN64_CPU_ON'],
  structs: [{ name: 'virtio_i2c_out_hdr', kind: 'struct', fields: ['addr', 'padding', 'flags'] }],
});
/** Member types as the header declares them (`__le16 addr;` → le16). */
const headerTypes = new Map([...readFileSync('/usr/include/linux/virtio_i2c.h', 'utf8')
  .match(/struct virtio_i2c_out_hdr \{([^}]*)\}/)![1]!.matchAll(/__(le\d+|u\d+)\s+(\w+);/g)].map((m) => [m[2]!, m[1]!]));

let client: LspClient;

before(async () => {
  client = await LspClient.start(TOP);
  const opened = await client.open(I2C, i2cText);
  assert.deepEqual(opened.diagnostics, [], 'the corpus as committed has no diagnostics');
});

after(async () => { await client.stop(); });

describe('diagnostics', () => {
  test('an unknown type is flagged at its range with the code, hint, docs link and severity of hvspec check; fixing it clears it', async () => {
    const bad = i2cText.replace('{ name: flags, type: virtio_i2c_flags', '{ name: flags, type: virtio_i2c_flagz');
    const published = await client.change(I2C, bad);
    const unknown = published.diagnostics.filter((d) => d.code === 'HV3001');
    assert.equal(unknown.length, 1);
    const d = unknown[0]!;
    assert.deepEqual(d.range, rangeOf(bad, 'type: virtio_i2c_flagz', 6));
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'hvspec');
    assert.equal(d.message, 'Unknown type "virtio_i2c_flagz".\nhint: Did you mean "virtio_i2c_flags"?');
    assert.equal(d.codeDescription?.href, 'https://github.com/hvspec/hvspec/blob/main/docs/diagnostics.md#hv3001');
    // The struct's declared size (8, as sizeof in the header) no longer matches what is left of it.
    assert.equal(facts.structs.get('virtio_i2c_out_hdr')!.size, 8);
    assert.ok(published.diagnostics.some((x) => x.code === 'HV4003' && x.message.startsWith('"virtio_i2c_out_hdr" is 4 bytes, but `size:` says 8.')));

    // The hint names the fix: the quick fix replaces exactly the wrong name.
    const actions = await client.request<{ title: string; edit: { changes: Record<string, { range: LspRange; newText: string }[]> } }[]>(
      'textDocument/codeAction', { textDocument: { uri: client.uri(I2C) }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0]!.edit.changes[client.uri(I2C)], [{ range: rangeOf(bad, 'virtio_i2c_flagz'), newText: 'virtio_i2c_flags' }]);

    const fixed = await client.change(I2C, i2cText);
    assert.deepEqual(fixed.diagnostics, []);
  });

  test('a change in one standard re-checks those that require it, and clears them when fixed', async () => {
    const SMCCC = 'standards/arm-smccc.md';
    const KVM = 'standards/kvm-arm64.md';
    const smccc = readFileSync(path.join(TOP, SMCCC), 'utf8');
    const kvm = readFileSync(path.join(TOP, KVM), 'utf8');
    await client.open(SMCCC, smccc);
    const kvmFlagged = client.nextDiagnostics(KVM);
    await client.change(SMCCC, smccc.replace('name: arm_smccc_return_codes', 'name: arm_smccc_return_codez'));
    const inKvm = (await kvmFlagged).diagnostics;
    assert.deepEqual(inKvm.map((x) => [x.code, x.range]), [['HV3001', rangeOf(kvm, 'errors: arm_smccc_return_codes', 8)]]);
    assert.match(inKvm[0]!.message, /^Unknown enum "arm_smccc_return_codes"\.\nhint: Did you mean "arm_smccc_return_codez"\?$/);
    const kvmCleared = client.nextDiagnostics(KVM);
    await client.change(SMCCC, smccc);
    assert.deepEqual((await kvmCleared).diagnostics, []);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(SMCCC) } });
  });

  test('the diagnostics of a buffer are those hvspec check gives for the same text on disk', async () => {
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { compileCorpus } = await import('../../src/compile.ts');
    const bad = i2cText.replace('type: le16, doc: "Address', 'type: le61, doc: "Address').replace('name: VIRTIO_I2C_MSG_ERR, value: 1', 'name: VIRTIO_I2C_MSG_ERR, value: 0');
    const published = await client.change(I2C, bad);
    const dir = mkdtempSync(path.join(tmpdir(), 'hvspec-lsp-'));
    cpSync(path.join(TOP, 'standards'), path.join(dir, 'standards'), { recursive: true });
    writeFileSync(path.join(dir, I2C), bad);
    const checked = (await compileCorpus(dir, { cache: false })).diagnostics.filter((x) => x.file === I2C);
    assert.ok(checked.length >= 2);
    assert.deepEqual(published.diagnostics.map((x: LspDiagnostic) => [x.code, x.range.start.line + 1, x.range.start.character + 1, x.message, x.relatedInformation?.length ?? 0]),
      checked.map((x) => [x.code, x.range!.start.line, x.range!.start.column, x.hint ? `${x.message}\nhint: ${x.hint}` : x.message, x.related?.length ?? 0]));
    assert.deepEqual((await client.change(I2C, i2cText)).diagnostics, []);
  });
});

describe('hover', () => {
  test('a struct: kind, size, alignment and the field table match sizeof/offsetof from linux/virtio_i2c.h', async () => {
    const hover = await client.request<Hover>('textDocument/hover', client.at(I2C, ...pos(i2cText, 'name: virtio_i2c_out_hdr', 8)));
    const header = facts.structs.get('virtio_i2c_out_hdr')!;
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, new RegExp(`^\\*\\*struct virtio_i2c_out_hdr\\*\\* — ${header.size} bytes, alignment 4;`));
    assert.deepEqual(hover.range, rangeOf(i2cText, 'name: virtio_i2c_out_hdr', 6));
    for (const [field, at] of header.fields) {
      const row = new RegExp(`^\\| ${at.offset} \\| ${at.size} \\| [^|]*\\b${headerTypes.get(field)}\\b[^|]* \\| ${field}\\b`, 'm');
      assert.match(hover.contents.value, row, `row for ${field}`);
    }
  });

  test('a field: offset, size and bit range', async () => {
    const hover = await client.request<Hover>('textDocument/hover', client.at(I2C, ...pos(i2cText, '{ name: flags, type: virtio_i2c_flags', 9)));
    const at = facts.structs.get('virtio_i2c_out_hdr')!.fields.get('flags')!;
    assert.ok(hover.contents.value.includes(`offset ${at.offset}, ${at.size} bytes, bits ${at.offset * 8}–${(at.offset + at.size) * 8 - 1}`), hover.contents.value);
  });

  test('a hypercall function: the ID from linux/psci.h, its SMCCC encoding and DEN0028 registers', async () => {
    const PSCI = 'standards/arm-psci.md';
    const psci = readFileSync(path.join(TOP, PSCI), 'utf8');
    await client.open(PSCI, psci);
    const hover = await client.request<Hover>('textDocument/hover', client.at(PSCI, ...pos(psci, 'name: CPU_ON64', 8)));
    const id = facts.constants.get('PSCI_0_2_FN64_CPU_ON')!;
    const text = hover.contents.value;
    assert.ok(text.includes(`function ID **0x${id.toString(16).padStart(8, '0')}**`), text);
    assert.ok(text.includes((id >> 31n) & 1n ? 'fast call' : 'yielding call'));
    assert.ok(text.includes((id >> 30n) & 1n ? 'SMC64/HVC64' : 'SMC32/HVC32'));
    assert.ok(text.includes(`owning entity **${(id >> 24n) & 0x3fn}**`));
    assert.ok(text.includes(`function number **${id & 0xffffn}**`));
    // DEN0028 §2.7 (SMC64): function ID in x0 (w0), arguments from x1, result in x0.
    assert.ok(text.includes('x1 = target_cpu (u64), x2 = entry_point_address (u64), x3 = context_id (u64)'), text);
    assert.ok(text.includes('results: x0 = status (i32)'), text);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(PSCI) } });
  });

  test('an enum value and a flag: value and defining standard', async () => {
    const err = await client.request<Hover>('textDocument/hover', client.at(I2C, ...pos(i2cText, 'name: VIRTIO_I2C_MSG_ERR', 8)));
    assert.match(err.contents.value, new RegExp(`^\\*\\*VIRTIO_I2C_MSG_ERR\\*\\* = ${facts.constants.get('VIRTIO_I2C_MSG_ERR')} .*defined in \`virtio-i2c\``));
    const rd = await client.request<Hover>('textDocument/hover', client.at(I2C, ...pos(i2cText, 'name: VIRTIO_I2C_FLAGS_M_RD', 8)));
    assert.ok(rd.contents.value.includes(`mask 0x${facts.constants.get('VIRTIO_I2C_FLAGS_M_RD')!.toString(16)}`), rd.contents.value);
  });
});

describe('navigation', () => {
  test('definition of a type used in the same file and of one defined in another standard', async () => {
    const local = await client.request<Location>('textDocument/definition', client.at(I2C, ...pos(i2cText, 'type: virtio_i2c_flags', 8)));
    assert.deepEqual(local, { uri: client.uri(I2C), range: rangeOf(i2cText, 'name: virtio_i2c_flags', 6) });
    const KVM = 'standards/kvm-arm64.md';
    const kvm = readFileSync(path.join(TOP, KVM), 'utf8');
    await client.open(KVM, kvm);
    const remote = await client.request<Location>('textDocument/definition', client.at(KVM, ...pos(kvm, 'errors: arm_smccc_return_codes', 10)));
    const smccc = readFileSync(path.join(TOP, 'standards/arm-smccc.md'), 'utf8');
    assert.deepEqual(remote, { uri: client.uri('standards/arm-smccc.md'), range: rangeOf(smccc, 'name: arm_smccc_return_codes', 6) });
    // A `requires` entry goes to the spec id of the required document.
    const required = await client.request<Location>('textDocument/definition', client.at(I2C, ...pos(i2cText, 'requires: [virtio-core', 12)));
    const core = readFileSync(path.join(TOP, 'standards/virtio-core.md'), 'utf8');
    assert.deepEqual(required, { uri: client.uri('standards/virtio-core.md'), range: rangeOf(core, 'spec: virtio-core', 6) });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri(KVM) } });
  });

  test('references of a struct: its definition and every request that names it', async () => {
    const refs = await client.request<Location[]>('textDocument/references',
      { ...client.at(I2C, ...pos(i2cText, 'name: virtio_i2c_out_hdr', 8)), context: { includeDeclaration: true } });
    // Every place the name is written in the corpus, found by text search (no doc string mentions it).
    const expected = everyOccurrence('virtio_i2c_out_hdr');
    assert.deepEqual(sortLocations(refs), sortLocations(expected));
    assert.equal(expected.length, 5); // the definition, the two requests and the two examples of a register read
  });

  test('[[name]] and [[req:id]] in prose point at what they name', async () => {
    const withRefs = `${i2cText}\nSee [[req:i2c-drv-set-addr-flags]] and [[virtio_i2c_out_hdr.flags]].\n`;
    assert.deepEqual((await client.change(I2C, withRefs)).diagnostics, []);
    const req = await client.request<Location>('textDocument/definition', client.at(I2C, ...pos(withRefs, '[[req:i2c-drv-set-addr-flags', 8)));
    assert.deepEqual(req.range, rangeOf(withRefs, 'id: i2c-drv-set-addr-flags', 4));
    const hover = await client.request<Hover>('textDocument/hover', client.at(I2C, ...pos(withRefs, '[[req:i2c-drv-set-addr-flags', 8)));
    assert.match(hover.contents.value, /^\*\*requirement i2c-drv-set-addr-flags\*\* — MUST, role driver/);
    const field = await client.request<Location>('textDocument/definition', client.at(I2C, ...pos(withRefs, '[[virtio_i2c_out_hdr.flags', 22)));
    assert.deepEqual(field.range, rangeOf(withRefs, '{ name: flags, type: virtio_i2c_flags', 8, 5));
    await client.change(I2C, i2cText);

    // In a doc string too (the checker resolves those as well): xen-sched's `[[spec:xen]]`.
    const sched = readFileSync(path.join(TOP, 'standards/xen-sched.md'), 'utf8');
    const xen = readFileSync(path.join(TOP, 'standards/xen.md'), 'utf8');
    const fromDoc = await client.request<Location>('textDocument/definition', client.at('standards/xen-sched.md', ...pos(sched, 'see [[spec:xen]]', 12)));
    assert.deepEqual(fromDoc, { uri: client.uri('standards/xen.md'), range: rangeOf(xen, 'spec: xen\n', 6, 3) });
  });

  test('rename across files; an invalid or taken name is refused with a reason', async () => {
    const at = client.at(I2C, ...pos(i2cText, 'name: virtio_i2c_out_hdr', 8));
    const edit = await client.request<{ changes: Record<string, { range: LspRange; newText: string }[]> }>('textDocument/rename', { ...at, newName: 'virtio_i2c_req_hdr' });
    const edits = Object.entries(edit.changes).flatMap(([uri, list]) => list.map((e) => ({ uri, range: e.range, newText: e.newText })));
    assert.deepEqual(sortLocations(edits), sortLocations(everyOccurrence('virtio_i2c_out_hdr')));
    assert.ok(edits.every((e) => e.newText === 'virtio_i2c_req_hdr'));

    const core = readFileSync(path.join(TOP, 'standards/virtio-core.md'), 'utf8');
    const spec = await client.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', { ...client.at(I2C, ...pos(i2cText, 'requires: [virtio-core', 12)), newName: 'virtio-base' });
    assert.ok(Object.keys(spec.changes).length > 5, 'every standard that requires virtio-core is edited');
    assert.ok(core.includes('spec: virtio-core'));

    for (const [newName, reason] of [['9hdr', /not a valid identifier/], ['virtio_i2c_in_hdr', /already defined \(struct\) in standards\/virtio-i2c\.md:\d+/], ['struct', /a C keyword/]] as const) {
      await assert.rejects(client.request('textDocument/rename', { ...at, newName }), (error: Error) => reason.test(error.message), newName);
    }
  });
});

describe('completion', () => {
  const labels = async (text: string, needle: string, skip: number): Promise<string[]> => {
    const version = await client.change(I2C, text);
    void version;
    const items = await client.request<CompletionItem[]>('textDocument/completion', client.at(I2C, ...pos(text, needle, skip)));
    return items.map((i) => i.label);
  };

  test('block kinds after ```hvspec', async () => {
    const text = `${i2cText}\n\`\`\`hvspec \n`;
    const got = await labels(text, '```hvspec \n', 10);
    const kinds = readdirSync(path.join(TOP, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => f.replace('.schema.json', ''))
      .filter((k) => !['common', 'config', 'frontmatter', 'model'].includes(k));
    assert.deepEqual([...got].sort(), [...kinds, 'requirements'].filter((k, i, a) => a.indexOf(k) === i).sort());
  });

  test('keys of a struct field, from schemas/struct.schema.json', async () => {
    const text = i2cText.replace('{ name: addr, type: le16, doc:', '{ name: addr, type: le16, r');
    const got = await labels(text, '{ name: addr, type: le16, r', 27);
    // A field is `$defs/field` (recursive since inline members, format 2).
    const schema = JSON.parse(readFileSync(path.join(TOP, 'schemas/struct.schema.json'), 'utf8')) as { $defs: { field: { properties: object } } };
    const fieldKeys = Object.keys(schema.$defs.field.properties).filter((k) => k !== 'name' && k !== 'type');
    assert.deepEqual([...got].sort(), fieldKeys.sort());
  });

  test('type names after type:, [[ ]] targets, spec ids in requires', async () => {
    const typed = await labels(i2cText.replace('type: virtio_i2c_flags', 'type: virtio_i2c_f'), 'type: virtio_i2c_f', 18);
    for (const name of ['virtio_i2c_flags', 'virtio_i2c_out_hdr', 'virtio_i2c_msg_status', 'le32', 'u8']) assert.ok(typed.includes(name), name);
    assert.ok(!typed.includes('VIRTIO_I2C_MSG_OK'), 'enum values are not types');

    const prose = `${i2cText}\nSee [[VIRTIO_I2C_\n`;
    const refs = await labels(prose, 'See [[VIRTIO_I2C_', 17);
    for (const name of ['VIRTIO_I2C_FLAGS_M_RD', 'VIRTIO_I2C_MSG_ERR', 'virtio_i2c_out_hdr.flags', 'spec:virtio-core', 'req:i2c-drv-set-addr-flags']) assert.ok(refs.includes(name), name);

    const required = await labels(i2cText.replace('requires: [virtio-core]', 'requires: [virtio-core, ]'), 'requires: [virtio-core, ', 24);
    const ids = readdirSync(path.join(TOP, 'standards')).map((f) => /^spec: (\S+)$/m.exec(readFileSync(path.join(TOP, 'standards', f), 'utf8'))![1]!);
    assert.deepEqual([...required].sort(), ids.sort());
    await client.change(I2C, i2cText);
  });
});

describe('symbols', () => {
  test('the outline has the sections and blocks with their items', async () => {
    const symbols = await client.request<{ name: string; children?: { name: string; children?: unknown[] }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(I2C) } });
    const flat: { name: string; children?: { name: string }[] }[] = [];
    const walk = (list: typeof symbols): void => { for (const s of list) { flat.push(s); walk((s.children ?? []) as typeof symbols); } };
    walk(symbols);
    const headings = [...i2cText.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!);
    for (const h of headings) assert.ok(flat.some((s) => s.name === h), h);
    const hdr = flat.find((s) => s.name === 'virtio_i2c_out_hdr')!;
    assert.deepEqual(hdr.children!.map((c) => c.name), [...facts.structs.get('virtio_i2c_out_hdr')!.fields.keys()]);
  });

  test('workspace symbols find a struct by part of its name', async () => {
    const found = await client.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'i2c_out_h' });
    const hit = found.find((s) => s.name === 'virtio_i2c_out_hdr');
    assert.deepEqual(hit?.location, { uri: client.uri(I2C), range: rangeOf(i2cText, 'name: virtio_i2c_out_hdr', 6) });
  });
});

describe('bad input', () => {
  test('a broken document gets positioned diagnostics and every request still answers', async () => {
    const broken = '---\nspec: virtio-i2c\ntitle: [unclosed\n';
    const published = await client.change(I2C, broken);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [['HV1011', 0]]);
    const at = client.at(I2C, 1, 3);
    assert.equal(await client.request('textDocument/hover', at), null);
    assert.equal(await client.request('textDocument/definition', at), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: at.textDocument }), []);
    assert.ok(Array.isArray(await client.request('textDocument/completion', at)));
    await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'x' }), /Nothing hvspec can rename is here/);
    assert.deepEqual((await client.change(I2C, i2cText)).diagnostics, []);
  });

  test('a 1 MB pathological buffer does not stop the server from answering the next request', async () => {
    // 250,000 setext headings: no pre-scan refuses them, remark needs minutes; the parse budget stops it.
    const front = i2cText.slice(0, i2cText.indexOf('\n---\n', 4) + 5);
    const hostile = front + 'a\n=\n'.repeat(Math.floor((1_000_000 - front.length) / 4));
    assert.ok(hostile.length > 990_000 && Buffer.byteLength(hostile) < 1024 * 1024);
    const version = 100;
    const flagged = client.nextDiagnostics(I2C);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(I2C), version }, contentChanges: [{ text: hostile }] });
    // Answered from the last good model while the hostile text is being parsed.
    const hover = await client.request<Hover>('textDocument/hover', client.at('standards/virtio-core.md', ...pos(readFileSync(path.join(TOP, 'standards/virtio-core.md'), 'utf8'), 'spec: virtio-core', 7)));
    assert.match(hover.contents.value, /^\*\*virtio-core\*\*/);
    const published = await flagged;
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['HV1014']);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri(I2C), version: version + 1 }, contentChanges: [{ text: i2cText }] });
    const clean = await client.nextDiagnostics(I2C, version + 1);
    assert.deepEqual(clean.diagnostics, []);
  });
});

function pos(text: string, needle: string, skip: number): [number, number] {
  const p = positionOf(text, needle, skip);
  return [p.line, p.character];
}

/** Every whole-word occurrence of `name` in the corpus files. */
function everyOccurrence(name: string): Location[] {
  const out: Location[] = [];
  for (const f of readdirSync(path.join(TOP, 'standards'))) {
    const text = readFileSync(path.join(TOP, 'standards', f), 'utf8');
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length - 1;
      const character = m.index! - (before.lastIndexOf('\n') + 1);
      out.push({ uri: client.uri(`standards/${f}`), range: { start: { line, character }, end: { line, character: character + name.length } } });
    }
  }
  return out;
}

function sortLocations<T extends Location>(list: T[]): Location[] {
  return list.map((l) => ({ uri: l.uri, range: l.range }))
    .sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
