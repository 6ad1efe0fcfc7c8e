/**
 * The register-map model (src/model/build-registers.ts) from a literal document: offsets, sizes,
 * masks and the order generators print, worked out by hand from the YAML below; and the
 * VIRTIO 1.3 facts of the transport standards that no Linux header states (reset values).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileCorpus } from '../../src/compile.ts';
import type { RegisterMap } from '../../src/model/types.ts';
import { PROJECT_ROOT } from '../c/corpus.ts';

const DOC = `---
spec: regs
title: Registers
version: 1.0.0
status: draft
---

# Registers

\`\`\`hvspec enum
name: regs_mode
type: u8
values:
  - { name: REGS_MODE_OFF, value: 0 }
  - { name: REGS_MODE_ON, value: 1 }
\`\`\`

\`\`\`hvspec registers
name: regs_map
doc: A map.
legacy_guard: REGS_NO_LEGACY
registers:
  - { name: REGS_CONFIG, offset: 0x100, window: 0, access: RW }
  - name: REGS_CTRL
    offset: 0x8
    width: 64
    access: RW
    condition: Only with a feature.
    bitfields:
      - { name: REGS_CTRL_HIGH, bit: 40, width: 8 }
      - { name: REGS_CTRL_MODE, bit: 0, width: 2, enum: regs_mode }
  - { name: REGS_ID_LOW, offset: 0, width: 16, access: RO, alias_of: REGS_ID }
  - { name: REGS_ID, offset: 0, width: 32, access: RO, reset: 0xffffffff }
  - { name: REGS_OLD, offset: 4, width: 8, access: WO, legacy: true }
\`\`\`
`;

describe('register map model', () => {
  it('sorts by offset (an alias after its register), computes sizes and masks, resolves enums', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hvspec-regs-'));
    mkdirSync(join(root, 'standards'));
    writeFileSync(join(root, 'standards', 'regs.md'), DOC);
    const { model, diagnostics } = await compileCorpus(root, { cache: false });
    assert.deepEqual(diagnostics, []);
    const map = model!.specs[0]!.registers![0]! as RegisterMap;
    assert.deepEqual({ endian: map.endian, legacyGuard: map.legacyGuard, cOffsets: map.cOffsets }, { endian: 'little', legacyGuard: 'REGS_NO_LEGACY', cOffsets: { radix: 16, digits: 3 } });
    assert.deepEqual(map.registers.map((r) => [r.name, r.offset, r.width, r.size]), [
      ['REGS_ID', 0, 32, 4], ['REGS_ID_LOW', 0, 16, 2], ['REGS_OLD', 4, 8, 1], ['REGS_CTRL', 8, 64, 8], ['REGS_CONFIG', 0x100, 0, 0],
    ]);
    const ctrl = map.registers.find((r) => r.name === 'REGS_CTRL')!;
    assert.deepEqual(ctrl.bitfields.map((b) => [b.name, b.mask, b.enum]), [['REGS_CTRL_MODE', '3', 'regs_mode'], ['REGS_CTRL_HIGH', String(0xffn << 40n), undefined]]);
    assert.equal(ctrl.condition, 'Only with a feature.');
    assert.equal(map.registers[0]!.reset, '4294967295');
    assert.equal(map.registers[1]!.aliasOf, 'REGS_ID');
    assert.equal(map.registers[2]!.legacy, true);
    assert.equal(map.registers[4]!.window, true);
    assert.deepEqual(model!.specs[0]!.body.filter((p) => p.part === 'item').map((p) => (p as { kind: string }).kind), ['enum', 'registers']);
  });

  it('a spec without register maps has no `registers` key (format-1 models are unchanged)', async () => {
    const { model } = await compileCorpus(PROJECT_ROOT, { cache: false });
    assert.equal('registers' in model!.specs.find((s) => s.id === 'virtio-i2c')!, false);
  });

  it('virtio-mmio states the VIRTIO 1.3 reset values of MagicValue and Version', async () => {
    const { model } = await compileCorpus(PROJECT_ROOT, { cache: false });
    const mmio = model!.specs.find((s) => s.id === 'virtio-mmio')!.registers![0]!;
    // transport-mmio.tex @ eb16e33: "0x74726976 (a Little Endian equivalent of the "virt" string)", Version "0x2".
    assert.equal(mmio.registers.find((r) => r.name === 'VIRTIO_MMIO_MAGIC_VALUE')!.reset, String(0x74726976));
    assert.equal(Buffer.from('virt', 'latin1').readUInt32LE(0), 0x74726976);
    assert.equal(mmio.registers.find((r) => r.name === 'VIRTIO_MMIO_VERSION')!.reset, '2');
    // transport-mmio.tex: QueueReset at 0x0c0 (no Linux 6.1 name).
    assert.equal(mmio.registers.find((r) => r.name === 'VIRTIO_MMIO_QUEUE_RESET')!.offset, 0xc0);
  });
});
