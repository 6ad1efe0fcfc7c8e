/**
 * The reader's edition (issue 16) without a browser: doc strings that are not lists, one code span
 * per array type, every RFC 2119 level badged, no generated sentence that contradicts the model,
 * no empty table column, autolinks with their opt-out, "Referenced by" panels, and the contents
 * listing the definitions placed before the first section.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSite } from '../../generators/html/site.ts';
import { renderDoc, type LinkContext } from '../../generators/html/markdown.ts';
import { levelsOf } from '../../generators/html/items.ts';
import type { Model } from '../../src/model/types.ts';
import { fixtureModel } from './fixtures/model.ts';

const context: LinkContext = {
  symbols: new Map([
    ['virtio_i2c_out_hdr', { spec: 'virtio-i2c', anchor: 'type-virtio_i2c_out_hdr', kind: 'struct', name: 'virtio_i2c_out_hdr' }],
    ['virtio_i2c_out_hdr.addr', { spec: 'virtio-i2c', anchor: 'field-virtio_i2c_out_hdr.addr', kind: 'field', name: 'virtio_i2c_out_hdr.addr' }],
    ['VIRTIO_F_VERSION_1', { spec: 'virtio-core', anchor: 'const-VIRTIO_F_VERSION_1', kind: 'feature bit', name: 'VIRTIO_F_VERSION_1' }],
    ['req:i2c-drv-addr', { spec: 'virtio-i2c', anchor: 'req-i2c-drv-addr', kind: 'requirement', name: 'i2c-drv-addr' }],
    ['device:can', { spec: 'virtio-can', anchor: 'dev-can', kind: 'device', name: 'can' }],
    ['spec:arm-psci', { spec: 'arm-psci', anchor: '', kind: 'standard', name: 'Arm PSCI' }],
  ]),
  spec: 'virtio-i2c',
  samePageOnly: false,
};

const strip = (html: string) => html.replace(/<wbr>/g, '').replace(/<td data-label="[^"]*">/g, '<td>');

test('a doc string is never a list: `0.`, `1)` and a leading dash stay text', () => {
  assert.equal(renderDoc('0.', context), '0.');
  assert.equal(renderDoc('1) first', context), '1) first');
  assert.equal(renderDoc('- negative', context), '- negative');
  assert.doesNotMatch(renderDoc('0.\n1. next', context), /<ol|<li/);
});

test('autolinks: defined names, field paths, requirement ids and exact inline code link without [[ ]]', () => {
  assert.equal(renderDoc('Set VIRTIO_F_VERSION_1 first.', context), 'Set <a href="virtio-core.html#const-VIRTIO_F_VERSION_1" class="xref"><code>VIRTIO_F_VERSION_1</code></a> first.');
  assert.match(renderDoc('See virtio_i2c_out_hdr.addr and i2c-drv-addr.', context), /<a href="#field-virtio_i2c_out_hdr.addr" class="xref"><code>virtio_i2c_out_hdr.addr<\/code><\/a> and <a href="#req-i2c-drv-addr" class="xref"><code>i2c-drv-addr<\/code><\/a>\./);
  assert.equal(renderDoc('The `virtio_i2c_out_hdr` header.', context), 'The <a href="#type-virtio_i2c_out_hdr" class="xref"><code>virtio_i2c_out_hdr</code></a> header.');
  assert.match(renderDoc('A `struct virtio_i2c_out_hdr`.', context), /<a href="#type-virtio_i2c_out_hdr" class="xref"><code>struct virtio_i2c_out_hdr<\/code><\/a>/);
  // A field of a known struct that is not itself defined links the struct, not a made-up anchor.
  assert.match(renderDoc('virtio_i2c_out_hdr.nothing', context), /^<a href="#type-virtio_i2c_out_hdr" class="xref"><code>virtio_i2c_out_hdr<\/code><\/a>\.nothing$/);
  // Not a whole word, a device or standard name (words such as "can"), code that is more than a name, code blocks.
  assert.equal(renderDoc('xVIRTIO_F_VERSION_1 and can', context), 'xVIRTIO_F_VERSION_1 and can');
  assert.equal(renderDoc('`virtio_i2c_out_hdr *p`', context), '<code>virtio_i2c_out_hdr *p</code>');
  assert.doesNotMatch(renderDoc('```c\nstruct virtio_i2c_out_hdr h;\n```', context), /<a /);
  // Inside a link the author wrote, no second link.
  assert.equal(renderDoc('[VIRTIO_F_VERSION_1](https://example.org)', context), '<a href="https://example.org">VIRTIO_F_VERSION_1</a>');
});

test('autolink opt-out: a backslash before the name keeps that one mention plain, in text and in code', () => {
  assert.equal(renderDoc('Plain \\VIRTIO_F_VERSION_1 here.', context), 'Plain <span class="nolink">VIRTIO_F_VERSION_1</span> here.');
  assert.equal(renderDoc('`\\virtio_i2c_out_hdr`', context), '<span class="nolink"><code>virtio_i2c_out_hdr</code></span>');
  // Explicit references keep working and unknown ones stay code without brackets.
  assert.equal(renderDoc('[[nope]]', context), '<code>nope</code>');
});

test('headings do not autolink (explicit [[ ]] only)', () => {
  const model = fixtureModel();
  const i2c = model.specs.find((s) => s.id === 'virtio-i2c')!;
  i2c.body.splice(1, 0, { part: 'prose', line: 9, markdown: '## About VIRTIO_I2C_MAX_LEN\n\nVIRTIO_I2C_MAX_LEN bounds a transfer.\n' });
  const html = new Map(renderSite(model).map((p) => [p.path, p.html])).get('virtio-i2c.html')!;
  assert.match(html, /class="section-heading"><span class="secno">\d<\/span> About VIRTIO_I2C_MAX_LEN <a class="permalink"/);
  assert.match(html, /<div class="prose"><p><a href="#const-VIRTIO_I2C_MAX_LEN" class="xref"><code>VIRTIO_I2C_MAX_LEN<\/code><\/a> bounds a transfer\.<\/p><\/div>/);
});

function site(edit: (model: Model) => void = () => {}): Map<string, string> {
  const model = fixtureModel();
  edit(model);
  return new Map(renderSite(model).map((p) => [p.path, strip(p.html)]));
}

test('a generated table labels each cell with its column (the phone layout shows it)', () => {
  const model = fixtureModel();
  const raw = new Map(renderSite(model).map((p) => [p.path, p.html])).get('virtio-i2c.html')!;
  assert.match(raw, /<td data-label="Offset">0<\/td><td data-label="Size">2<\/td>/);
});

test('an array type is one code span, its element and length constant linked inside it', () => {
  const i2c = site().get('virtio-i2c.html')!;
  assert.match(i2c, /<td><code class="type">u8\[32\]<\/code><\/td>/);
  assert.doesNotMatch(i2c, /<code>\[<\/code>/);
});

test('level badges: every level the text states, in its order', () => {
  const r = { id: 'x', role: 'device' as const, section: '', source: { file: 'x.md', line: 1 } };
  assert.deepEqual(levelsOf({ ...r, level: 'MUST NOT', text: 'The device MUST set it and MUST NOT clear it.' }), ['MUST', 'MUST NOT']);
  assert.deepEqual(levelsOf({ ...r, level: 'MUST', text: 'The device MUST populate the table.' }), ['MUST']);
  assert.deepEqual(levelsOf({ ...r, level: 'SHOULD', text: 'It is RECOMMENDED, and the driver MAY skip it.' }), ['SHOULD', 'MAY']);
  const i2c = site((m) => {
    m.specs.find((s) => s.id === 'virtio-i2c')!.requirements[0]!.text = 'The device MUST set it and MUST NOT clear it.';
  }).get('virtio-i2c.html')!;
  assert.match(i2c, /id="req-i2c-dev-status-ok"><span class="req-meta"><span class="req-level level-must">MUST<\/span> <span class="req-level level-must-not">MUST NOT<\/span>/);
});

test('protocol table: a column no message fills is left out; a filled one keeps "none" for the others', () => {
  const filled = site().get('virtio-i2c.html')!;
  assert.match(filled, /<th scope="col">Payload<\/th><th scope="col">Reply<\/th>/);
  const empty = site((m) => {
    for (const msg of m.specs.find((s) => s.id === 'virtio-i2c')!.protocols[0]!.messages) msg.payload = null;
  }).get('virtio-i2c.html')!;
  assert.doesNotMatch(empty, /<th scope="col">Payload<\/th>/);
  assert.match(empty, /<th scope="col">Direction<\/th><th scope="col">Reply<\/th>/);
});

test('a function without register arguments that defers to another does not say "none"', () => {
  const psci = site((m) => {
    const iface = m.specs.find((s) => s.id === 'arm-psci')!.hypercalls[0]!;
    const on = iface.functions.find((f) => f.name === 'CPU_ON')!;
    iface.functions.push({ ...on, name: 'CPU_ON_AGAIN', idName: 'PSCI_CPU_ON_AGAIN', args: [], results: [], doc: 'Arguments as CPU_ON.' });
  }).get('arm-psci.html')!;
  const section = psci.slice(psci.indexOf('id="fn-psci.CPU_ON_AGAIN"'));
  assert.doesNotMatch(section, /No arguments or results/);
  assert.match(section, /see the registers of <a class="xref" href="#fn-psci.CPU_ON"><code>CPU_ON<\/code><\/a>/);
});

test('"Referenced by" panels list the sections, items and statements that mention a definition, across standards', () => {
  const pages = site();
  const i2c = pages.get('virtio-i2c.html')!;
  // virtio_i2c_msg_status is the type of virtio_i2c_in_hdr.status and named in its doc string.
  const status = i2c.slice(i2c.indexOf('id="type-virtio_i2c_msg_status"'));
  assert.match(status, /^[^]*?<details class="refs"><summary>Referenced by \d+<\/summary><ul>[^]*?<a href="#type-virtio_i2c_in_hdr">struct virtio_i2c_in_hdr<\/a>/);
  // VIRTIO_I2C_MSG_OK is named by the statement i2c-dev-status-ok.
  const ok = i2c.slice(i2c.indexOf('id="const-VIRTIO_I2C_MSG_OK"'));
  assert.match(ok.slice(0, ok.indexOf('</tr>')), /<a href="#req-i2c-dev-status-ok">i2c-dev-status-ok<\/a>/);
  // No marker is left behind.
  for (const [path, html] of pages) assert.doesNotMatch(html, /hvspec-refs/, path);
});

test('the contents list definitions under their section, and those placed before the first section', () => {
  const i2c = site((m) => {
    const spec = m.specs.find((s) => s.id === 'virtio-i2c')!;
    const device = spec.body.findIndex((p) => p.part === 'item' && p.kind === 'device');
    const [part] = spec.body.splice(device, 1);
    spec.body.unshift(part!);
  }).get('virtio-i2c.html')!;
  const toc = i2c.slice(i2c.indexOf('<nav class="sidebar"'), i2c.indexOf('</nav>', i2c.indexOf('<nav class="sidebar"')));
  assert.match(toc, /<p class="toc-title"><a href="#top">Contents<\/a><\/p><ul class="toc-defs"><li><a href="#dev-i2c-adapter" class="toc-def">device i2c-adapter<\/a>/);
  assert.match(toc, /<a href="#type-virtio_i2c_out_hdr" class="toc-def">struct virtio_i2c_out_hdr<\/a>/);
});

test('generated tables and figures are numbered in page order and listed at the end, linked', () => {
  const i2c = site().get('virtio-i2c.html')!;
  const tables = [...i2c.matchAll(/<table class="generated [^"]*" id="table-(\d+)"><caption><span class="caption-number">Table (\d+)\.<\/span>/g)].map((m) => [m[1], m[2]]);
  assert.ok(tables.length >= 5);
  tables.forEach(([id, n], i) => assert.deepEqual([id, n], [String(i + 1), String(i + 1)]));
  const figures = [...i2c.matchAll(/<figure class="diagram-figure" id="figure-(\d+)">/g)].map((m) => Number(m[1]));
  assert.deepEqual(figures, [1, 2, 3, 4, 5, 6]);
  const list = i2c.slice(i2c.indexOf('id="list-of-tables-and-figures"'));
  assert.match(list, /<h3>Tables<\/h3><ol class="captions"><li><a href="#table-1">Table 1\. /);
  assert.match(list, /<h3>Figures<\/h3><ol class="captions"><li><a href="#figure-1">Figure 1\. Byte layout of /);
  assert.match(i2c, /<a href="#list-of-tables-and-figures"><span class="secno"><\/span>Tables and figures<\/a>/);
});

test('conformance entries link to their statement', () => {
  const i2c = site().get('virtio-i2c.html')!;
  const chapter = i2c.slice(i2c.indexOf('id="conformance"'));
  assert.match(chapter, /<a class="req-id" href="#req-i2c-dev-status-ok">i2c-dev-status-ok<\/a>/);
});
