import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitDiagram, structDiagram } from '../../generators/html/diagrams.ts';
import { fixtureModel } from './fixtures/model.ts';

const structs = new Map(fixtureModel().specs.flatMap((s) => s.structs).map((s) => [s.name, s]));

function rects(svg: string) {
  return [...svg.matchAll(/<rect class="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => ({ cls: m[1]!, x: Number(m[2]), y: Number(m[3]), width: Number(m[4]) }));
}

test('struct diagram: one box per field piece, widths proportional to bytes, padding shaded, flexible array dashed', () => {
  const svg = structDiagram(structs.get('virtio_i2c_out_hdr')!, 'fig').html;
  const boxes = rects(svg);
  // Row 0: addr (2 bytes), padding (2, reserved), flags (4); row 1: implicit padding 8–11, word 12–15; row 2: data[].
  assert.deepEqual(
    boxes.map((b) => [b.cls, b.width]),
    [['cell', 144], ['cell shaded', 144], ['cell', 288], ['cell shaded', 288], ['cell', 288], ['cell open', 144]],
  );
  assert.match(svg, /<title id="fig-title">Byte layout of struct virtio_i2c_out_hdr \(16 bytes and a flexible array\)<\/title>/);
  assert.match(svg, /<desc id="fig-desc">bytes 0–1: addr; bytes 2–3: padding \(reserved\); bytes 4–7: flags; bytes 8–11: padding; bytes 12–15: word; from byte 16: data, a flexible array\.<\/desc>/);
  assert.match(svg, /aria-labelledby="fig-title fig-desc"/);
  assert.match(svg, />0x08</);
});

test('union diagram: one lane per member at its own size; the union size is stated once, not redrawn per member', () => {
  const svg = structDiagram(structs.get('virtio_i2c_word')!, 'u').html;
  assert.deepEqual(rects(svg).map((b) => [b.cls, b.x, b.width]), [['cell', 56, 576], ['cell', 56, 288]]);
  assert.match(svg, /member whole</);
  assert.match(svg, /member half \(4 of 8 bytes\)</);
  assert.equal([...svg.matchAll(/8 bytes/g)].length, 2, 'once in the title, once in the smaller member caption');
});

test('long arrays are elided to their first and last rows', () => {
  const config = structs.get('virtio_i2c_config')!;
  const big = { ...config, size: 264, fields: [config.fields[0]!, { ...config.fields[1]!, size: 256, type: { kind: 'array' as const, element: config.fields[1]!.type, length: 256 } }, { ...config.fields[0]!, name: 'tail', offset: 260 }] };
  // name covers bytes 4–259: a partial row, 31 full rows (8–255) and a partial row; the full rows keep their first and last.
  const svg = structDiagram(big, 'big').html;
  assert.match(svg, /⋮ 29 more rows of name/);
  assert.ok(rects(svg).length < 10);
  // The full rows kept around the elision are labelled too: no blank, anonymous row.
  const fullRows = rects(svg).filter((b) => b.width === 576);
  assert.equal(fullRows.length, 2);
  assert.equal([...svg.matchAll(/class="label"[^>]*>name</g)].length, 4, 'both partial rows and both kept full rows');
});

test('bit diagram: most significant bit on the left, gaps shaded, names that do not fit get a lettered legend', () => {
  const flags = fixtureModel().specs.flatMap((s) => s.flags).find((f) => f.name === 'virtio_i2c_flags')!;
  const svg = bitDiagram(flags.name, 32, flags.flags, 'b').html;
  const boxes = rects(svg);
  // 18 px per bit, left margin 56: bits 31:7 reserved, 6:4 SPEED, 3:2 reserved, 1 M_RD, 0 FAIL_NEXT.
  assert.deepEqual(boxes.map((b) => [b.cls, b.x, b.width]), [['cell shaded', 56, 450], ['cell', 506, 54], ['cell shaded', 560, 36], ['cell', 596, 18], ['cell', 614, 18]]);
  assert.match(svg, /a\u2002VIRTIO_I2C_FLAGS_SPEED \(bits 6:4\)/);
  // Keys in the boxes are letters: a digit under a bit axis reads as a bit number.
  assert.deepEqual([...svg.matchAll(/class="marker"[^>]*>([^<]+)</g)].map((m) => m[1]), ['a', 'b', 'c']);
  assert.match(svg, /<title id="b-title">Bit layout of virtio_i2c_flags \(32 bits\)<\/title>/);
  assert.match(svg, /bit 1: VIRTIO_I2C_FLAGS_M_RD/);
});

test('64-bit values are drawn as two rows of 32 bits, high half first', () => {
  const svg = bitDiagram('x', 64, [{ name: 'LOW', bit: 0, width: 1 }, { name: 'HIGH', bit: 63, width: 1 }], 'w').html;
  const labels = [...svg.matchAll(/class="offset"[^>]*>([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(labels, ['63:32', '31:0']);
});

test('user text in names and titles is escaped in the SVG', () => {
  const svg = bitDiagram('<script>', 8, [{ name: '</text><script>', bit: 0, width: 8 }], 'e').html;
  assert.ok(!svg.includes('<script>'));
  assert.match(svg, /&lt;\/text&gt;&lt;script&gt;/);
});
