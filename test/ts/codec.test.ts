/**
 * Behaviour of the generated encoders and decoders on the hand-written fixture model, against
 * bytes worked out by hand from the layout (not from a previous run): byte order, bounds,
 * the error rules (unknown enum values, non-zero reserved bytes, out-of-range values, wrong
 * array lengths), trailing arrays, unions, bit ranges and protocol dispatch.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { handModel } from './fixtures/hand-model.ts';
import { generateInto, loadModule, scratch } from './support.ts';

type Fn = (...args: unknown[]) => unknown;
let dir = '';
let base: Record<string, unknown> = {};
let ext: Record<string, unknown> = {};
let rt: Record<string, unknown> = {};
const fn = (module: Record<string, unknown>, name: string): Fn => module[name] as Fn;

before(async () => {
  dir = scratch('codec');
  await generateInto(handModel, dir);
  base = await loadModule(dir, 'fx-base');
  ext = await loadModule(dir, 'fx-ext');
  rt = await loadModule(dir, '_runtime');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function hex(view: DataView): string {
  return Array.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
}
function viewOf(hexText: string): DataView {
  return new DataView(Uint8Array.from(hexText.match(/../g)!, (h) => parseInt(h, 16)).buffer);
}
/** Runs `action` and returns the CodecError it throws. */
function codecError(action: () => unknown): { name: string; code: string; field: string; offset: number; value?: unknown } {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof (rt.CodecError as new () => Error), `a CodecError, got ${String(error)}`);
    return error as never;
  }
  assert.fail('no error thrown');
}

describe('byte order and layout', () => {
  test('little-endian fields, reserved zero, at an offset', () => {
    const view = new DataView(new ArrayBuffer(10));
    assert.equal(fn(base, 'encodeFxHdr')({ type: 0x1234, flags: 0x80000001 }, view, 2), 8);
    assert.equal(hex(view), '0000' + '3412' + '0000' + '01000080');
    assert.deepEqual(fn(base, 'decodeFxHdr')(view, 2), { type: 0x1234, flags: 0x80000001 });
  });

  test('big-endian fields and implicit padding', () => {
    const view = new DataView(new ArrayBuffer(16));
    fn(base, 'encodeFxBe')({ a: 0x0102, b: 0x03040506, c: 0x0708090a0b0c0d0en }, view);
    assert.equal(hex(view), '0102' + '0000' + '03040506' + '0708090a0b0c0d0e');
  });

  test('native fields are written little-endian; signed values in two\'s complement', () => {
    const view = new DataView(new ArrayBuffer(32));
    fn(base, 'encodeFxSigned')({ a: -1, b: -2, c: -3, d: -4n, e: -2, w: 18446744073709551615n }, view);
    assert.equal(hex(view), 'ff00' + 'feff' + 'fdffffff' + 'fcffffffffffffff' + 'feffffff' + '00000000' + 'ffffffffffffffff');
  });

  test('packed struct: no padding', () => {
    const view = new DataView(new ArrayBuffer(7));
    fn(base, 'encodeFxPacked')({ a: 1, b: 0x05040302, c: 0x0706 }, view);
    assert.equal(hex(view), '01020304050607');
  });

  test('keyword-named fields', () => {
    const view = new DataView(new ArrayBuffer(16));
    fn(base, 'encodeFxKeywords')({ function: 1, let: -1, yield: 0x0203, status: 7, value: 5n }, view);
    assert.equal(hex(view), '01ff0203' + '07000000' + '0500000000000000');
  });
});

describe('error rules', () => {
  test('out of bounds names the struct, the offset and both sizes', () => {
    const e = codecError(() => fn(base, 'decodeFxHdr')(new DataView(new ArrayBuffer(9)), 2));
    assert.equal(e.name, 'DecodeError');
    assert.equal(e.code, 'out-of-bounds');
    assert.equal(e.field, 'fx_hdr');
    assert.equal(e.offset, 2);
    assert.match((e as unknown as Error).message, /needs 8 bytes, the view has 9 bytes/);
    assert.equal(codecError(() => fn(base, 'encodeFxHdr')({ type: 0, flags: 0 }, new DataView(new ArrayBuffer(7)))).code, 'out-of-bounds');
    assert.equal(codecError(() => fn(base, 'decodeFxHdr')(new DataView(new ArrayBuffer(8)), -1)).code, 'out-of-bounds');
  });

  test('an unknown enum value is a DecodeError naming the field and its offset', () => {
    const e = codecError(() => fn(base, 'decodeFxKeywords')(viewOf('0000000005000000' + '0000000000000000')));
    assert.deepEqual({ code: e.code, field: e.field, offset: e.offset, value: e.value }, { code: 'unknown-enum', field: 'fx_keywords.status', offset: 4, value: 5 });
  });

  test('a non-zero reserved byte is rejected by default and ignored on request', () => {
    const view = viewOf('3412' + '0100' + '00000000');
    const e = codecError(() => fn(base, 'decodeFxHdr')(view));
    assert.deepEqual({ code: e.code, field: e.field, offset: e.offset }, { code: 'reserved-nonzero', field: 'fx_hdr.padding', offset: 2 });
    assert.deepEqual(fn(base, 'decodeFxHdr')(view, 0, { reserved: 'ignore' }), { type: 0x1234, flags: 0 });
  });

  test('encode refuses values that do not fit, unknown enum values and wrong array lengths', () => {
    const view = new DataView(new ArrayBuffer(64));
    assert.equal(codecError(() => fn(base, 'encodeFxHdr')({ type: 0x10000, flags: 0 }, view)).code, 'out-of-range');
    assert.equal(codecError(() => fn(base, 'encodeFxHdr')({ type: 1.5, flags: 0 }, view)).code, 'out-of-range');
    assert.equal(codecError(() => fn(base, 'encodeFxSigned')({ a: 128, b: 0, c: 0, d: 0n, e: 0, w: 0n }, view)).code, 'out-of-range');
    assert.equal(codecError(() => fn(base, 'encodeFxSigned')({ a: 0, b: 0, c: 0, d: 1n << 63n, e: 0, w: 0n }, view)).code, 'out-of-range');
    const unknown = codecError(() => fn(base, 'encodeFxKeywords')({ function: 0, let: 0, yield: 0, status: 3, value: 0n }, view));
    assert.deepEqual([unknown.code, unknown.field], ['unknown-enum', 'fx_keywords.status']);
    const arrays = { name: new Uint8Array(16), words: [1, 2, 3], grid: [[0, 0, 0], [0, 0, 0]], hdrs: [{ type: 0, flags: 0 }, { type: 0, flags: 0 }], statuses: [0, 0, 0] };
    const short = codecError(() => fn(base, 'encodeFxArrays')(arrays, view));
    assert.deepEqual([short.code, short.field, short.offset], ['bad-length', 'fx_arrays.words', 16]);
  });
});

describe('shapes', () => {
  test('arrays: bytes, 2-D, structs and enums', () => {
    const view = new DataView(new ArrayBuffer(56));
    const value = {
      name: Uint8Array.from({ length: 16 }, (_, i) => i + 1), words: [1, 2, 3, 4], grid: [[1, 2, 3], [4, 5, 6]],
      hdrs: [{ type: 7, flags: 8 }, { type: 9, flags: 10 }], statuses: [0, 1, 7],
    };
    fn(base, 'encodeFxArrays')(value, view);
    assert.equal(hex(view),
      '0102030405060708090a0b0c0d0e0f10' + '0100020003000400' + '010002000300040005000600'
      + '0700000008000000' + '090000000a000000' + '000107' + '00');
    assert.deepEqual(fn(base, 'decodeFxArrays')(view), value);
  });

  test('a trailing array takes the rest of the view; a ragged tail is an error', () => {
    const view = viewOf('0300' + '09' + '00' + 'aabbcc');
    assert.deepEqual(fn(base, 'decodeFxTail')(view), { count: 3, kind: 9, data: Uint8Array.of(0xaa, 0xbb, 0xcc) });
    assert.equal(fn(base, 'sizeOfFxTail')({ count: 3, kind: 9, data: new Uint8Array(3) }), 7);
    const items = viewOf('0000000000000080' + '01000000' + '02000000');
    assert.deepEqual(fn(base, 'decodeFxTail32')(items), { wide: 1n << 63n, items: [1, 2] });
    const ragged = codecError(() => fn(base, 'decodeFxTail32')(viewOf('0000000000000000' + '010000')));
    assert.deepEqual([ragged.code, ragged.field, ragged.offset], ['bad-length', 'fx_tail32.items', 8]);
  });

  test('unions: one member, the rest zero; a union field is its raw bytes', () => {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, 0xffffffff);
    fn(base, 'encodeFxChoice')({ c: Uint8Array.of(1, 2, 3, 4, 5) }, view);
    assert.equal(hex(view), '0102030405000000');
    assert.deepEqual(fn(base, 'decodeFxChoice')(view, 0, 'a'), { a: 0x0504030201n });
    // Read as fx_hdr, bytes 2..3 are its reserved padding: rejected, or ignored on request.
    assert.equal(codecError(() => fn(base, 'decodeFxChoice')(view, 0, 'b')).code, 'reserved-nonzero');
    assert.deepEqual(fn(base, 'decodeFxChoice')(view, 0, 'b', { reserved: 'ignore' }), { b: { type: 0x0201, flags: 5 } });
    assert.equal(codecError(() => fn(base, 'encodeFxChoice')({}, view)).code, 'unknown-member');
    assert.equal(codecError(() => fn(base, 'decodeFxChoice')(view, 0, 'd')).code, 'unknown-member');
  });

  test('bit ranges inside a field', () => {
    const bits = base.FxOuterWordBits as { id: { bit: number; width: number }; kind: { bit: number; width: number } };
    const getBits = rt.getBits as (raw: number, r: object) => number;
    const setBits = rt.setBits as (raw: number, r: object, v: number) => number;
    const word = setBits(setBits(0, bits.id, 0xbeef), bits.kind, 7);
    assert.equal(word, 0x0007beef);
    assert.equal(getBits(0xf007beef, bits.kind), 7);
    assert.equal(getBits(0xf007beef, bits.id), 0xbeef);
  });
});

describe('protocols', () => {
  test('the decoder dispatches on the message type and decodes the payload after the header', () => {
    const ping = viewOf('0100' + '0000' + '3412' + '0000' + '01000000');
    assert.deepEqual(fn(base, 'decodeFxProtoMessage')(ping), { type: 'FX_MSG_PING', header: { code: 1 }, payload: { type: 0x1234, flags: 1 } });
    assert.deepEqual(fn(base, 'decodeFxProtoMessage')(viewOf('0200' + '0000')), { type: 'FX_MSG_RESET', header: { code: 2 }, payload: null });
    const data = fn(base, 'decodeFxProtoMessage')(viewOf('0300' + '0000' + '0200' + '05' + '00' + 'abcd'));
    assert.deepEqual(data, { type: 'FX_MSG_DATA', header: { code: 3 }, payload: { count: 2, kind: 5, data: Uint8Array.of(0xab, 0xcd) } });
    // A payload struct from another spec module.
    const extPing = fn(ext, 'decodeFxExtProtoMessage')(viewOf('0100' + '0000' + '0100' + '0000' + '00000000' + '07000000'));
    assert.deepEqual(extPing, { type: 'FX_MSG_PING', header: { code: 1 }, payload: { hdr: { type: 1, flags: 0 }, status: 7 } });
  });

  test('a union payload travels as its raw bytes, bounds- and length-checked', () => {
    const bytes = '0102030405060708';
    const decoded = fn(ext, 'decodeFxExtProtoMessage')(viewOf('0300' + '0000' + bytes)) as { payload: Uint8Array };
    assert.deepEqual(decoded, { type: 'FX_MSG_DATA', header: { code: 3 }, payload: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) });
    // The payload is a copy: the message does not alias the view it was read from.
    assert.equal(decoded.payload.byteOffset, 0);
    assert.equal(decoded.payload.buffer.byteLength, 8);
    const short = codecError(() => fn(ext, 'decodeFxExtProtoMessage')(viewOf('0300' + '0000' + '010203')));
    assert.deepEqual([short.code, short.field, short.offset], ['out-of-bounds', 'fx_choice', 4]);

    const view = new DataView(new ArrayBuffer(12));
    const payload = Uint8Array.from([8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(fn(ext, 'encodeFxExtProtoMessage')({ type: 'FX_MSG_DATA', header: { code: 3 }, payload }, view), 12);
    assert.equal(hex(view), '03000000' + '0807060504030201');
    const wrongLength = codecError(() => fn(ext, 'encodeFxExtProtoMessage')({ type: 'FX_MSG_DATA', header: { code: 3 }, payload: payload.subarray(0, 5) }, view));
    assert.equal(wrongLength.field, 'fx_choice');
    const noRoom = codecError(() => fn(ext, 'encodeFxExtProtoMessage')({ type: 'FX_MSG_DATA', header: { code: 3 }, payload }, new DataView(new ArrayBuffer(8))));
    assert.equal(noRoom.code, 'out-of-bounds');
  });

  test('a value of the type enum that is no message of the protocol is unknown-message', () => {
    const e = codecError(() => fn(base, 'decodeFxProtoMessage')(viewOf('0900' + '0000')));
    assert.deepEqual([e.code, e.field, e.offset, e.value], ['unknown-message', 'fx_msg_hdr.code', 0, 9]);
  });

  test('the encoder writes header and payload and refuses a header naming another message', () => {
    const view = new DataView(new ArrayBuffer(12));
    const written = fn(base, 'encodeFxProtoMessage')({ type: 'FX_MSG_PING', header: { code: 1 }, payload: { type: 0x1234, flags: 1 } }, view);
    assert.equal(written, 12);
    assert.equal(hex(view), '0100000034120000' + '01000000');
    const e = codecError(() => fn(base, 'encodeFxProtoMessage')({ type: 'FX_MSG_PING', header: { code: 2 }, payload: { type: 0, flags: 0 } }, view));
    assert.equal(e.code, 'mismatch');
  });
});

describe('runtime 64-bit helpers', () => {
  test('split, join, signed and unsigned views', () => {
    const splitU64 = rt.splitU64 as (v: bigint) => { low: number; high: number };
    const joinU64 = rt.joinU64 as (l: number, h: number) => bigint;
    assert.deepEqual(splitU64(0x0123456789abcdefn), { low: 0x89abcdef, high: 0x01234567 });
    assert.equal(joinU64(0x89abcdef, 0x01234567), 0x0123456789abcdefn);
    assert.equal((rt.asU64 as (v: bigint) => bigint)(-1n), 0xffffffffffffffffn);
    assert.equal((rt.asI64 as (v: bigint) => bigint)(0xfffffffffffffffen), -2n);
    assert.throws(() => (rt.toSafeNumber as (v: bigint) => number)(1n << 53n), RangeError);
  });
});
