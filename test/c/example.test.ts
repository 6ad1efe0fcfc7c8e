/**
 * The vendor example of docs/c.md (test/c/example-vendor.c) builds against the generated headers
 * as C and C++ and produces the request header VIRTIO 1.3 §5.16 describes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { projectHeaderSet, type HeaderSet } from './fixtures.ts';
import { COMPILERS, compile, needTool, run } from './toolchain.ts';

const EXAMPLE = fileURLToPath(new URL('./example-vendor.c', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/c.md', import.meta.url));

describe('vendor example', () => {
  let set: HeaderSet;
  before(async () => {
    set = await projectHeaderSet();
  });

  for (const label of ['gcc -std=c99', 'clang -std=c11', 'g++ -std=c++17']) {
    it(`builds and runs (${label})`, (t) => {
      const config = COMPILERS.find((c) => c.label === label)!;
      if (!needTool(t, config.compiler)) return;
      const binary = join(set.dir, `example-${config.compiler}`);
      const language = config.language === 'cpp' ? ['-x', 'c++'] : [];
      compile(config, EXAMPLE, [`-I${set.dir}`, '-o', binary, ...language]);
      // addr: 7-bit address 0x50 in bits 7..1 = 0xa0, little-endian; flags: VIRTIO_I2C_FLAGS_M_RD (bit 1).
      assert.equal(run(binary).trim(), 'device 34, status 1, header a0 00 00 00 02 00 00 00');
    });
  }

  it('is the one docs/c.md shows', () => {
    const docs = readFileSync(DOCS, 'utf8');
    const example = readFileSync(EXAMPLE, 'utf8').trim();
    assert.ok(docs.includes(example), 'docs/c.md must quote test/c/example-vendor.c verbatim');
  });
});
