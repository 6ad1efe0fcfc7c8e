/**
 * The TypeScript register accessors reach the bytes Linux's offsets name: for every register of
 * the transport maps that linux/virtio_mmio.h or linux/virtio_pci.h defines, a value put at
 * Linux's offset in a byte buffer (little-endian) reads back through the accessor, and a value
 * written through the setter lands on exactly those bytes. The offsets come from the Linux header
 * (test/abi/linux-registers.ts), never from the generated constants.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { registerAccessorWords } from '../../generators/register-names.ts';
import { camelCase, pascalCase } from '../../src/names/identifiers.ts';
import type { Model } from '../../src/model/types.ts';
import { hasTool } from '../c/toolchain.ts';
import { linuxHeadersPresent, linuxRegisterMaps, patternFor } from '../abi/linux-registers.ts';
import { compileRoot, generateInto, loadPackage, projectRoot, scratch } from './support.ts';

type Accessor = Record<string, (value?: number | bigint) => number | bigint>;

describe('TypeScript register accessors against Linux offsets', () => {
  let model: Model | null = null;
  let modules = new Map<string, Record<string, unknown>>();

  before(async () => {
    model = await compileRoot(projectRoot);
    if (!model) return;
    const dir = scratch('registers');
    await generateInto(model, dir);
    modules = await loadPackage(model, dir);
  });

  it('every Linux-named register reads and writes at Linux\'s offset', (t) => {
    if (!model) return t.skip('no core');
    if (!hasTool('gcc') || !linuxHeadersPresent()) return t.skip('gcc or the Linux uapi virtio headers are missing');
    let checked = 0;
    for (const { spec, map, registers } of linuxRegisterMaps(model)) {
      const words = registerAccessorWords(map);
      const Class = modules.get(spec)![pascalCase(map.name)] as new (view: DataView, base?: number) => Accessor;
      assert.equal(typeof Class, 'function', `${spec} exports ${pascalCase(map.name)}`);
      const bytes = new Uint8Array(0x300);
      // A non-zero base: the accessor adds it to every offset.
      const regs = new Class(new DataView(bytes.buffer), 0x40);
      registers.forEach(({ register, linuxOffset }, i) => {
        const size = register.width / 8;
        const value = patternFor(i, register.width);
        const at = 0x40 + linuxOffset;
        const stem = words.get(register.name)!;
        const asValue = register.width === 64 ? value : Number(value);
        if (register.access !== 'WO') {
          bytes.fill(0);
          for (let b = 0; b < size; b++) bytes[at + b] = Number((value >> BigInt(8 * b)) & 0xffn);
          assert.equal(regs[camelCase(stem.join('_'))]!(), asValue, `read ${register.name}`);
        }
        if (register.access !== 'RO') {
          bytes.fill(0);
          regs[camelCase(['set', ...stem].join('_'))]!(asValue);
          const expected = new Uint8Array(bytes.length);
          for (let b = 0; b < size; b++) expected[at + b] = Number((value >> BigInt(8 * b)) & 0xffn);
          assert.deepEqual(bytes, expected, `write ${register.name}`);
        }
        checked++;
      });
    }
    assert.ok(checked >= 60, `registers checked: ${checked}`);
  });

  it('a window is a DataView of its bytes', () => {
    if (!model) return;
    const Mmio = modules.get('virtio-mmio')!.VirtioMmio as new (view: DataView, base?: number) => { config(): DataView };
    const bytes = new Uint8Array(0x180);
    bytes[0x100] = 0xab;
    const config = new Mmio(new DataView(bytes.buffer)).config();
    assert.equal(config.byteOffset, 0x100);
    assert.equal(config.byteLength, 0x80);
    assert.equal(config.getUint8(0), 0xab);
  });
});
