/**
 * Source-level drop-in for the transport headers: C files written against Linux's
 * <linux/virtio_mmio.h>, <linux/virtio_pci.h> and <linux/virtio_config.h> (test/c/dropin/*.c)
 * compile unchanged with the generated headers standing in for Linux's (a one-line
 * `linux/<name>.h` that includes the generated header, as an install would provide), under
 * gcc and clang as C99, C11 and C++17 with -Wall -Wextra -Werror -pedantic. Each program runs and
 * must print exactly what the same program prints when built against the real Linux headers, so
 * every offset, mask and struct size is checked against Linux, not against hvspec's own numbers.
 * The legacy guards (VIRTIO_MMIO_NO_LEGACY, VIRTIO_PCI_NO_LEGACY) hide the same names in both.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { headersOf, projectModel } from './corpus.ts';
import { COMPILERS, compile, hasTool, needTool, run, scratchDir, writeFiles } from './toolchain.ts';

const DROPIN = fileURLToPath(new URL('./dropin/', import.meta.url));
const LINUX = '/usr/include/linux';

/** Linux header → the generated header that stands in for it. */
const STAND_INS: [string, string][] = [['virtio_mmio.h', 'virtio-mmio.h'], ['virtio_pci.h', 'virtio-pci.h'], ['virtio_config.h', 'virtio-core.h']];

const PROGRAMS = ['virtio_mmio_driver', 'virtio_pci_driver'];
const LABELS = ['gcc -std=c99', 'gcc -std=c11', 'clang -std=c99', 'clang -std=c11', 'g++ -std=c++17', 'clang++ -std=c++17'];

/** The headers a compilation read (`-M`), to prove which virtio headers were used. */
function dependencies(compiler: string, args: string[], source: string): string[] {
  const result = spawnSync(compiler, [...args, '-M', source], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.replace(/\\\n/g, ' ').split(/\s+/).filter((p) => p.endsWith('.h'));
}

describe('drop-in: Linux transport drivers compile and behave the same with the generated headers', () => {
  let standIn = '';
  let work = '';
  const expected = new Map<string, string>();

  before(async () => {
    const generated = writeFiles(headersOf(await projectModel()), 'hvspec-c-dropin-');
    standIn = scratchDir('hvspec-c-dropin-include-');
    mkdirSync(join(standIn, 'linux'));
    for (const [linux, ours] of STAND_INS) {
      writeFileSync(join(standIn, 'linux', linux), `#include "${join(generated, ours)}"\n`);
    }
    work = scratchDir('hvspec-c-dropin-work-');
    if (!hasTool('gcc') || !existsSync(join(LINUX, 'virtio_mmio.h'))) return;
    // The reference: each program built against the real Linux headers.
    for (const program of PROGRAMS) {
      const binary = join(work, `${program}.linux`);
      compile(COMPILERS.find((c) => c.label === 'gcc -std=c11')!, join(DROPIN, `${program}.c`), ['-o', binary]);
      expected.set(program, run(binary));
    }
  });

  for (const program of PROGRAMS) {
    for (const label of LABELS) {
      it(`${program}.c with ${label}`, (t) => {
        const config = COMPILERS.find((c) => c.label === label)!;
        if (!needTool(t, config.compiler) || !needTool(t, 'gcc')) return;
        if (!existsSync(join(LINUX, 'virtio_mmio.h'))) return t.skip('no Linux uapi headers (install linux-libc-dev)');
        const source = join(work, `${program}.${config.language}`);
        copyFileSync(join(DROPIN, `${program}.c`), source);
        const include = ['-I', standIn];
        const used = dependencies(config.compiler, [...config.args, ...include], source);
        assert.ok(!used.some((p) => p.startsWith(`${LINUX}/virtio_`)), `no Linux virtio header is read: ${used.join(' ')}`);
        assert.ok(used.some((p) => p.endsWith('/virtio-mmio.h') || p.endsWith('/virtio-pci.h')), 'the generated header is read');
        const binary = join(work, `${program}.${label.replace(/\W+/g, '_')}`);
        compile(config, source, [...include, '-o', binary]);
        assert.equal(run(binary), expected.get(program), 'same output as against the Linux headers');
      });
    }
  }

  for (const [guard, header, legacy, modern] of [
    ['VIRTIO_MMIO_NO_LEGACY', 'virtio_mmio.h', ['VIRTIO_MMIO_GUEST_PAGE_SIZE', 'VIRTIO_MMIO_QUEUE_ALIGN', 'VIRTIO_MMIO_QUEUE_PFN'], ['VIRTIO_MMIO_QUEUE_READY', 'VIRTIO_MMIO_INT_CONFIG']],
    ['VIRTIO_PCI_NO_LEGACY', 'virtio_pci.h', ['VIRTIO_PCI_QUEUE_PFN', 'VIRTIO_PCI_ISR', 'VIRTIO_MSI_CONFIG_VECTOR'], ['VIRTIO_PCI_COMMON_Q_ENABLE', 'VIRTIO_PCI_ISR_CONFIG']],
  ] as const) {
    it(`${guard} hides the legacy registers in both headers`, (t) => {
      if (!needTool(t, 'gcc')) return;
      if (!existsSync(join(LINUX, header))) return t.skip(`no ${LINUX}/${header}`);
      const source = join(work, `${guard}.c`);
      writeFileSync(source, [
        `#include <linux/${header}>`,
        ...legacy.map((name) => `#ifdef ${name}\n#error ${name} is visible\n#endif`),
        ...modern.map((name) => `#ifndef ${name}\n#error ${name} is hidden\n#endif`),
        'int dropin_guard_checked;', '',
      ].join('\n'));
      const config = COMPILERS.find((c) => c.label === 'gcc -std=c11')!;
      compile(config, source, [`-D${guard}`, '-c', '-o', join(work, `${guard}.linux.o`)]);
      compile(config, source, [`-D${guard}`, '-I', standIn, '-c', '-o', join(work, `${guard}.hvspec.o`)]);
    });
  }
});
