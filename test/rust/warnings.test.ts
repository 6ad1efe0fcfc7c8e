/** Layouts C accepts and Rust cannot express are reported as generator warnings, not silence. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { generateRust } from '../../generators/rust/index.ts';
import { modelOf } from './support.ts';

const CORPUS = `---
spec: nesting
title: Aligned inside packed
version: 1.0.0
status: draft
---

\`\`\`hvspec struct
name: wide
align: 16
size: 16
fields:
  - { name: x, type: u32 }
  - { name: reserved, type: "u8[12]", reserved: true }
\`\`\`

\`\`\`hvspec struct
name: tight
packed: true
size: 17
fields:
  - { name: tag, type: u8 }
  - { name: wide, type: wide }
\`\`\`
`;

it('warns when a packed struct holds a struct with raised alignment', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hvspec-rust-warn-'));
  try {
    mkdirSync(join(root, 'standards'));
    writeFileSync(join(root, 'standards', 'nesting.md'), CORPUS);
    const model = await modelOf(root);
    const warnings: string[] = [];
    generateRust(model, { root, warn: (message) => warnings.push(message) });
    assert.deepEqual(warnings, ['rust: packed tight of nesting holds wide, whose raised alignment Rust cannot nest in a packed struct']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
