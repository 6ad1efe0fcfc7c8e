/**
 * `hvspec conform` against real headers: Linux's uapi virtio headers must agree with the corpus
 * (the ABI test is the feature), with the host compilers and the aarch64 cross compilers; a
 * deliberately altered copy of <linux/virtio_i2c.h> is reported alteration by alteration, each
 * at its line. The expected lines below come from the edits the test makes and from C layout
 * rules, not from a previous run.
 *
 * Run: node --import tsx --test test/conform/conform.test.ts
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileCorpus } from '../../src/compile.ts';
import { conformCodes } from '../../src/conform/codes.ts';
import { conformHeaders, type ConformOptions } from '../../src/conform/conform.ts';
import type { Compiler } from '../../src/conform/probe.ts';
import type { Diagnostic } from '../../src/diagnostics/types.ts';
import type { Model } from '../../src/model/types.ts';
import { needTool } from '../c/toolchain.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINUX = '/usr/include/linux';
const BIN = join(ROOT, 'bin', 'hvspec.js');

/** Which Linux headers each standard stands in for (README's sources column). */
const LINUX_SOURCES: Record<string, string[]> = {
  'virtio-core': ['virtio_ids.h', 'virtio_config.h', 'virtio_ring.h'],
  'virtio-i2c': ['virtio_ids.h', 'virtio_i2c.h'],
  'virtio-gpio': ['virtio_ids.h', 'virtio_gpio.h'],
  'virtio-scmi': ['virtio_ids.h', 'virtio_scmi.h'],
  'virtio-sound': ['virtio_ids.h', 'virtio_snd.h'],
};

/** Differences Linux's headers really have, each with the reason (the same as test/abi/virtio-facts.test.ts). */
const KNOWN_DIFFERENCES = new Map<string, string>([
  ['virtio-sound HV7002 The size of struct virtio_snd_config is 12 in the header, but 16 in virtio-sound.',
    'VIRTIO 1.3 §5.14.4 adds `le32 controls` (with VIRTIO_SND_F_CTLS); Linux 6.1\'s header predates control elements.'],
]);

const COMPILERS: { tool: string; compiler: Compiler }[] = [
  { tool: 'gcc', compiler: { command: 'gcc', args: [] } },
  { tool: 'clang', compiler: { command: 'clang', args: [] } },
  { tool: 'aarch64-linux-gnu-gcc', compiler: { command: 'aarch64-linux-gnu-gcc', args: [] } },
  { tool: 'clang', compiler: { command: 'clang', args: ['--target=aarch64-linux-gnu', '-isystem', '/usr/aarch64-linux-gnu/include'] } },
];

let model: Model;
let work: string;

before(async () => {
  const result = await compileCorpus(ROOT, { cache: false });
  assert.ok(result.model, 'the corpus compiles');
  model = result.model;
  work = mkdtempSync(join(tmpdir(), 'hvspec-conform-test-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

function conform(headers: string[], specs: string[], compiler: Compiler, map: ConformOptions['map'] = {}): Diagnostic[] {
  return conformHeaders(model, { headers, specs, map, compiler, root: ROOT, cwd: ROOT }).diagnostics;
}

const where = (d: Diagnostic): string => `${d.file}:${d.range?.start.line} ${d.code}`;

describe('conform against Linux uapi headers', () => {
  for (const { tool, compiler } of COMPILERS) {
    const label = [compiler.command, ...compiler.args.slice(0, 1)].join(' ');
    test(`virtio-i2c and <linux/virtio_i2c.h> agree (${label})`, (t) => {
      if (!needTool(t, tool)) return;
      assert.deepEqual(conform([`${LINUX}/virtio_ids.h`, `${LINUX}/virtio_i2c.h`], ['virtio-i2c'], compiler).map(where), []);
    });
  }

  test('every virtio standard with a Linux header: no difference outside the known list', (t) => {
    if (!needTool(t, 'gcc')) return;
    const seen: string[] = [];
    for (const [spec, headers] of Object.entries(LINUX_SOURCES)) {
      const diagnostics = conform(headers.map((h) => `${LINUX}/${h}`), [spec], { command: 'gcc', args: [] });
      const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${spec} ${d.code} ${d.message}`);
      const warnings = diagnostics.filter((d) => d.severity === 'warning');
      t.diagnostic(`${spec}: ${errors.length} differences, ${warnings.length} names the Linux headers lack`);
      for (const error of errors) {
        assert.ok(KNOWN_DIFFERENCES.has(error), `unexpected difference: ${error}`);
        seen.push(error);
      }
    }
    assert.deepEqual([...KNOWN_DIFFERENCES.keys()].filter((k) => !seen.includes(k)), [], 'every known difference still occurs');
  });
});

describe('conform against an altered <linux/virtio_i2c.h>', () => {
  /** Edits by line (1-based) of the Linux 6.1 header, asserted to be where the test expects them. */
  function alteredCopy(): { file: string; okLine: number } {
    const lines = readFileSync(`${LINUX}/virtio_i2c.h`, 'utf8').split('\n');
    const edit = (line: number, from: RegExp, to: string): void => {
      assert.match(lines[line - 1]!, from, `line ${line} of virtio_i2c.h`);
      lines[line - 1] = lines[line - 1]!.replace(from, to);
    };
    edit(21, /_BITUL\(1\)/, '_BITUL(2)');          // VIRTIO_I2C_FLAGS_M_RD: mask 2 → 4
    edit(31, /__le16 padding/, '__le32 padding');   // out_hdr: padding widened, flags moves
    edit(40, /__u8 status/, '__le16 status');       // in_hdr: status widened
    edit(45, /VIRTIO_I2C_MSG_ERR\t1/, 'VIRTIO_I2C_MSG_ERR\t2');
    assert.match(lines[43]!, /VIRTIO_I2C_MSG_OK/);
    lines[43] = '';                                  // VIRTIO_I2C_MSG_OK removed
    const file = join(work, 'virtio_i2c.h');
    writeFileSync(file, lines.join('\n'));
    const spec = readFileSync(join(ROOT, 'standards/virtio-i2c.md'), 'utf8').split('\n');
    return { file, okLine: spec.findIndex((l) => l.includes('name: VIRTIO_I2C_MSG_OK')) + 1 };
  }

  for (const { tool, compiler } of [COMPILERS[0]!, COMPILERS[2]!]) {
    test(`each alteration at its line (${compiler.command})`, (t) => {
      if (!needTool(t, tool)) return;
      const { file, okLine } = alteredCopy();
      const header = file;
      const got = conform([`${LINUX}/virtio_ids.h`, file], ['virtio-i2c'], compiler).map(where).sort();
      const expected = [
        `${header}:21 HV7001`,                        // FLAGS_M_RD is 4
        `${header}:29 HV7002`,                        // sizeof(out_hdr) 12
        `${header}:31 HV7002`, `${header}:31 HV7002`, // padding: offset 4 (aligned), size 4
        `${header}:32 HV7002`,                        // flags: offset 8
        `${header}:39 HV7002`, `${header}:39 HV7002`, // sizeof(in_hdr) 2, alignment 2
        `${header}:40 HV7002`,                        // status: size 2
        `${header}:45 HV7001`,                        // MSG_ERR is 2
        `standards/virtio-i2c.md:${okLine} HV7003`,   // MSG_OK missing: placed at the standard
      ].sort();
      assert.deepEqual(got, expected);
    });
  }

  test('the CLI: exit 1 with the messages; exit 0 for the real header; exit 2 without a compiler', () => {
    const { file } = alteredCopy();
    const bad = spawnSync(process.execPath, [BIN, '-C', ROOT, 'conform', '--c-header', file, '--spec', 'virtio-i2c', '--no-color'], { encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /virtio_i2c\.h:45:9: error HV7001: VIRTIO_I2C_MSG_ERR is 2 in the header, but 1 in virtio-i2c\./);
    assert.match(bad.stdout, /virtio_i2c\.h:32:9: error HV7002: The offset of struct virtio_i2c_out_hdr\.flags is 8 in the header, but 4 in virtio-i2c\./);
    const good = spawnSync(process.execPath, [BIN, '-C', ROOT, 'conform', '--c-header', `${LINUX}/virtio_ids.h`, '--c-header', `${LINUX}/virtio_i2c.h`, '--spec', 'virtio-i2c', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stderr);
    assert.deepEqual(JSON.parse(good.stdout).diagnostics, []);
    const noCompiler = spawnSync(process.execPath, [BIN, '-C', ROOT, 'conform', '--c-header', file, '--cc', 'no-such-cc-hvspec'], { encoding: 'utf8' });
    assert.equal(noCompiler.status, 2);
    assert.match(noCompiler.stderr, /C compiler not found: no-such-cc-hvspec/);
  });
});

describe('conform: names and broken headers', () => {
  test('--map renames a constant and a struct; null excludes a name', (t) => {
    if (!needTool(t, 'gcc')) return;
    const text = readFileSync(`${LINUX}/virtio_i2c.h`, 'utf8')
      .replace('#define VIRTIO_I2C_MSG_OK', '#define I2C_STATUS_OK')
      .replace('struct virtio_i2c_in_hdr {', 'struct i2c_trailer {');
    const file = join(work, 'renamed.h');
    writeFileSync(file, text);
    const unmapped = conform([file], ['virtio-i2c'], { command: 'gcc', args: [] }).map((d) => d.message);
    assert.ok(unmapped.some((m) => m.includes('VIRTIO_I2C_MSG_OK')), 'unmapped: the constant is missing');
    assert.ok(unmapped.some((m) => m.includes('struct virtio_i2c_in_hdr, but')), 'unmapped: the struct is missing');
    const mapped = conform([file], ['virtio-i2c'], { command: 'gcc', args: [] },
      { VIRTIO_I2C_MSG_OK: 'I2C_STATUS_OK', virtio_i2c_in_hdr: 'struct i2c_trailer', VIRTIO_ID_I2C_ADAPTER: null });
    assert.deepEqual(mapped.map(where), []);
  });

  test('a name that is no integer constant is HV7004 at its line', (t) => {
    if (!needTool(t, 'gcc')) return;
    const file = join(work, 'string.h');
    writeFileSync(file, readFileSync(`${LINUX}/virtio_i2c.h`, 'utf8').replace(/#define VIRTIO_I2C_MSG_OK\t0/, '#define VIRTIO_I2C_MSG_OK\t"0"'));
    const diagnostics = conform([`${LINUX}/virtio_ids.h`, file], ['virtio-i2c'], { command: 'gcc', args: [] });
    assert.deepEqual(diagnostics.map(where), [`${file}:44 HV7004`]);
  });

  test('every conform code is documented', () => {
    for (const c of conformCodes) assert.ok(c.explanation.length > 40 && c.summary.endsWith('.') && /^HV7\d{3}$/.test(c.code), `${c.code} is documented`);
  });

  test('a header that does not compile is HV7005 at the compiler\'s line', (t) => {
    if (!needTool(t, 'gcc')) return;
    const file = join(work, 'broken.h');
    writeFileSync(file, '#define VIRTIO_I2C_MSG_OK 0\n\nstruct virtio_i2c_in_hdr { unknown_t status; };\n');
    const diagnostics = conform([file], ['virtio-i2c'], { command: 'gcc', args: [] });
    assert.deepEqual(diagnostics.map(where), [`${file}:3 HV7005`]);
    assert.match(diagnostics[0]!.message, /unknown_t/);
  });
});
