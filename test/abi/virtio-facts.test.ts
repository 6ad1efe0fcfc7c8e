/**
 * The virtio standards against the ABI that already exists: every constant and struct of the
 * Linux uapi virtio headers installed on this machine must be in the corpus with the same value
 * and layout, as the real compiler sees them. Where no Linux header exists (RPMB, CAN) or the
 * installed one predates VIRTIO 1.3 (sound control elements), the reference is a C transcription
 * of the specification's own listings, again measured by the compiler.
 *
 * Run: node --import tsx --test test/abi/virtio-facts.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';
import { compareFacts, modelFacts, probeHeaders, scanHeader, type HeaderFacts } from './header-probe.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINUX = '/usr/include/linux';
const VIRTIO_FILES = readdirSync(join(ROOT, 'standards')).filter((f) => /^virtio-.*\.md$/.test(f)).sort();
const DEVICE_SPECS = ['virtio-i2c', 'virtio-gpio', 'virtio-scmi', 'virtio-sound', 'virtio-rpmb', 'virtio-can'];

/** A missing tool fails in CI and skips locally (house rule). */
function toolMissing(): string | false {
  const problems: string[] = [];
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
  } catch {
    problems.push('gcc not found');
  }
  if (!existsSync(join(LINUX, 'virtio_ids.h'))) problems.push(`${LINUX}/virtio_ids.h not found (install linux-libc-dev)`);
  if (problems.length === 0) return false;
  if (process.env.CI === 'true') throw new Error(`virtio ABI test needs: ${problems.join(', ')}`);
  return problems.join(', ');
}

/**
 * Facts of the Linux headers that are deliberately not in the corpus, each with the reason.
 * A key is a constant, a struct, `struct.field`, `sizeof(struct)` or `type(CONSTANT)` (only the
 * constant's C type; see compareFacts). Constants are compared by value and by C type.
 */
const LINUX_EXCEPTIONS = new Map<string, string>([
  ['vring', 'struct vring (linux/virtio_ring.h) is the driver\'s host-side bookkeeping — a count and three host pointers for vring_init() — not a layout shared with the device; VIRTIO 1.3 §2.7 defines only the three areas (vring_desc, vring_avail, vring_used).'],
  ['sizeof(virtio_snd_config)', 'VIRTIO 1.3 §5.14.4 (Device Configuration Layout) adds `le32 controls` (valid with VIRTIO_SND_F_CTLS), so the configuration space is 16 bytes; Linux 6.1\'s header predates control elements and has 12. Fields jacks/streams/chmaps still match.'],
]);

/** Linux uapi headers this corpus stands in for. */
const LINUX_HEADERS = ['virtio_ids.h', 'virtio_config.h', 'virtio_ring.h', 'virtio_i2c.h', 'virtio_gpio.h', 'virtio_scmi.h', 'virtio_snd.h'];

/**
 * Reference listings copied from the VIRTIO specification (oasis-tcs/virtio-spec), for facts no
 * installed Linux header has. Only the C the spec prints, with its `le16`/`be32` spellings mapped
 * to fixed-width integers of the same size; the compiler computes the layout.
 */
const SPEC_TYPES = `
#include <stdint.h>
typedef uint16_t le16; typedef uint32_t le32; typedef uint64_t le64;
typedef uint16_t be16; typedef uint32_t be32; typedef uint8_t u8;
`;

/* device-types/rpmb/description.tex @ eb16e33 (VIRTIO 1.3): ID line 11, config lines 28-32,
   request/response types lines 62-72, frame lines 108-118, results lines 121-129. */
const RPMB_SPEC = `${SPEC_TYPES}
#define VIRTIO_ID_RPMB 28
struct virtio_rpmb_config { u8 capacity; u8 max_wr_cnt; u8 max_rd_cnt; };
#define VIRTIO_RPMB_REQ_PROGRAM_KEY        0x0001
#define VIRTIO_RPMB_REQ_GET_WRITE_COUNTER  0x0002
#define VIRTIO_RPMB_REQ_DATA_WRITE         0x0003
#define VIRTIO_RPMB_REQ_DATA_READ          0x0004
#define VIRTIO_RPMB_REQ_RESULT_READ        0x0005
#define VIRTIO_RPMB_RESP_PROGRAM_KEY       0x0100
#define VIRTIO_RPMB_RESP_GET_COUNTER       0x0200
#define VIRTIO_RPMB_RESP_DATA_WRITE        0x0300
#define VIRTIO_RPMB_RESP_DATA_READ         0x0400
struct virtio_rpmb_frame {
        u8 stuff[196];
        u8 key_mac[32];
        u8 data[256];
        u8 nonce[16];
        be32 write_counter;
        be16 address;
        be16 block_count;
        be16 result;
        be16 req_resp;
};
#define VIRTIO_RPMB_RES_OK                     0x0000
#define VIRTIO_RPMB_RES_GENERAL_FAILURE        0x0001
#define VIRTIO_RPMB_RES_AUTH_FAILURE           0x0002
#define VIRTIO_RPMB_RES_COUNT_FAILURE          0x0003
#define VIRTIO_RPMB_RES_ADDR_FAILURE           0x0004
#define VIRTIO_RPMB_RES_WRITE_FAILURE          0x0005
#define VIRTIO_RPMB_RES_READ_FAILURE           0x0006
#define VIRTIO_RPMB_RES_NO_AUTH_KEY            0x0007
#define VIRTIO_RPMB_RES_WRITE_COUNTER_EXPIRED  0x0080
`;

/* device-types/can/description.tex @ 1c2feeb (VIRTIO 1.4 cs01): ID line 10, feature bits lines
   35-50, config lines 78-81, results lines 100-101, control lines 111-127, tx lines 157-174,
   rx lines 212-222. Feature bits are items of a description list there; written as defines. */
const CAN_SPEC = `${SPEC_TYPES}
#define VIRTIO_ID_CAN 36
#define VIRTIO_CAN_F_CAN_CLASSIC 0
#define VIRTIO_CAN_F_CAN_FD 1
#define VIRTIO_CAN_F_RTR_FRAMES 2
#define VIRTIO_CAN_F_LATE_TX_ACK 3
struct virtio_can_config {
#define VIRTIO_CAN_S_CTRL_BUSOFF (1 << 0)
        le16 status;
};
#define VIRTIO_CAN_RESULT_OK     0
#define VIRTIO_CAN_RESULT_NOT_OK 1
struct virtio_can_control_out {
#define VIRTIO_CAN_SET_CTRL_MODE_START  0x0201
#define VIRTIO_CAN_SET_CTRL_MODE_STOP   0x0202
        le16 msg_type;
};
struct virtio_can_control_in { u8 result; };
struct virtio_can_tx_out {
#define VIRTIO_CAN_TX 0x0001
        le16 msg_type;
        le16 length;
        u8 reserved_classic_dlc;
        u8 padding;
        le16 reserved_xl_priority;
#define VIRTIO_CAN_FLAGS_FD            0x4000
#define VIRTIO_CAN_FLAGS_EXTENDED      0x8000
#define VIRTIO_CAN_FLAGS_RTR           0x2000
        le32 flags;
        le32 can_id;
        u8 sdu[];
};
struct virtio_can_tx_in { u8 result; };
struct virtio_can_rx {
#define VIRTIO_CAN_RX 0x0101
        le16 msg_type;
        le16 length;
        u8 reserved_classic_dlc;
        u8 padding;
        le16 reserved_xl_priority;
        le32 flags;
        le32 can_id;
        u8 sdu[];
};
`;

/* device-types/sound/description.tex @ eb16e33 (VIRTIO 1.3): the parts Linux 6.1 lacks —
   feature bit line 45, config lines 52-57, request/event codes lines 123-140, control element
   definitions lines 846-1158. */
const SOUND_SPEC = `${SPEC_TYPES}
#define VIRTIO_SND_F_CTLS 0
struct virtio_snd_config { le32 jacks; le32 streams; le32 chmaps; le32 controls; };
struct virtio_snd_hdr { le32 code; };
enum {
    VIRTIO_SND_R_CTL_INFO = 0x0300, VIRTIO_SND_R_CTL_ENUM_ITEMS, VIRTIO_SND_R_CTL_READ,
    VIRTIO_SND_R_CTL_WRITE, VIRTIO_SND_R_CTL_TLV_READ, VIRTIO_SND_R_CTL_TLV_WRITE,
    VIRTIO_SND_R_CTL_TLV_COMMAND,
    VIRTIO_SND_EVT_CTL_NOTIFY = 0x1200
};
struct virtio_snd_info { le32 hda_fn_nid; };
struct virtio_snd_ctl_hdr { struct virtio_snd_hdr hdr; le32 control_id; };
enum { VIRTIO_SND_CTL_ROLE_UNDEFINED = 0, VIRTIO_SND_CTL_ROLE_VOLUME, VIRTIO_SND_CTL_ROLE_MUTE, VIRTIO_SND_CTL_ROLE_GAIN };
enum { VIRTIO_SND_CTL_TYPE_BOOLEAN = 0, VIRTIO_SND_CTL_TYPE_INTEGER, VIRTIO_SND_CTL_TYPE_INTEGER64,
       VIRTIO_SND_CTL_TYPE_ENUMERATED, VIRTIO_SND_CTL_TYPE_BYTES, VIRTIO_SND_CTL_TYPE_IEC958 };
enum { VIRTIO_SND_CTL_ACCESS_READ = 0, VIRTIO_SND_CTL_ACCESS_WRITE, VIRTIO_SND_CTL_ACCESS_VOLATILE,
       VIRTIO_SND_CTL_ACCESS_INACTIVE, VIRTIO_SND_CTL_ACCESS_TLV_READ, VIRTIO_SND_CTL_ACCESS_TLV_WRITE,
       VIRTIO_SND_CTL_ACCESS_TLV_COMMAND };
struct virtio_snd_ctl_info {
    struct virtio_snd_info hdr;
    le32 role;
    le32 type;
    le32 access;
    le32 count;
    le32 index;
    u8 name[44];
    union {
        struct { le32 min; le32 max; le32 step; } integer;
        struct { le64 min; le64 max; le64 step; } integer64;
        struct { le32 items; } enumerated;
    } value;
};
struct virtio_snd_ctl_enum_item { u8 item[64]; };
struct virtio_snd_ctl_iec958 { u8 status[24]; u8 subcode[147]; u8 pad; u8 dig_subframe[4]; };
struct virtio_snd_ctl_value {
    union {
        le32 integer[128];
        le64 integer64[64];
        le32 enumerated[128];
        u8 bytes[512];
        struct virtio_snd_ctl_iec958 iec958;
    } value;
};
struct virtio_snd_ctl_tlv { le32 type; le32 length; le32 value[]; };
enum { VIRTIO_SND_CTL_EVT_MASK_VALUE = 0, VIRTIO_SND_CTL_EVT_MASK_INFO, VIRTIO_SND_CTL_EVT_MASK_TLV };
struct virtio_snd_ctl_event { struct virtio_snd_hdr hdr; le16 control_id; le16 mask; };
`;

/* content.tex @ eb16e33 (VIRTIO 1.3): device-independent feature bits, description items at
   lines 776-863 (§6) and 944-963 (§6.1 legacy); written as defines. */
const CORE_FEATURES_SPEC = `
#define VIRTIO_F_NOTIFY_ON_EMPTY 24
#define VIRTIO_F_ANY_LAYOUT 27
#define VIRTIO_F_INDIRECT_DESC 28
#define VIRTIO_F_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32
#define VIRTIO_F_ACCESS_PLATFORM 33
#define VIRTIO_F_RING_PACKED 34
#define VIRTIO_F_IN_ORDER 35
#define VIRTIO_F_ORDER_PLATFORM 36
#define VIRTIO_F_SR_IOV 37
#define VIRTIO_F_NOTIFICATION_DATA 38
#define VIRTIO_F_NOTIF_CONFIG_DATA 39
#define VIRTIO_F_RING_RESET 40
#define VIRTIO_F_ADMIN_VQ 41
`;

const SPEC_LISTINGS: { name: string; source: string; structs?: false }[] = [
  { name: 'transport feature bits (VIRTIO 1.3 §6)', source: CORE_FEATURES_SPEC, structs: false },
  { name: 'rpmb (VIRTIO 1.3 §5.12)', source: RPMB_SPEC },
  { name: 'can (VIRTIO 1.4 §5.20)', source: CAN_SPEC },
  { name: 'sound control elements (VIRTIO 1.3 §5.14)', source: SOUND_SPEC },
];

function assertNoDifferences(label: string, reference: HeaderFacts, ours: HeaderFacts, exceptions: Map<string, string>): void {
  const { missing, mismatched } = compareFacts(reference, ours, exceptions);
  assert.deepEqual({ missing, mismatched }, { missing: [], mismatched: [] }, `${label}: the corpus differs from the reference`);
  assert.equal(reference.unresolved?.size ?? 0, 0, `${label}: names the compiler could not resolve: ${[...(reference.unresolved ?? new Map()).keys()].join(', ')}`);
}

describe('virtio standards', () => {
  const skip = toolMissing();
  let scratch = '';
  let model: Model;
  let ours: HeaderFacts;

  before(async () => {
    // Compile only the virtio documents, so another standard's error cannot hide these facts.
    scratch = mkdtempSync(join(tmpdir(), 'hvspec-virtio-'));
    mkdirSync(join(scratch, 'standards'));
    for (const file of VIRTIO_FILES) cpSync(join(ROOT, 'standards', file), join(scratch, 'standards', file));
    const result = await compileCorpus(scratch, { cache: false });
    assert.deepEqual(result.diagnostics, [], 'the virtio documents compile cleanly on their own');
    assert.ok(result.model, 'a model is built');
    model = result.model;
    ours = modelFacts(model);
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the whole corpus reports no errors or warnings in the virtio documents', async () => {
    const { diagnostics } = await compileCorpus(ROOT, { cache: false });
    const virtio = diagnostics.filter((d) => d.file === undefined || /^standards\/virtio-/.test(d.file));
    assert.deepEqual(virtio.map((d) => `${d.file ?? ''}:${d.range?.start.line ?? 0} ${d.code} ${d.message}`), []);
  });

  test('every virtio standard is in the corpus', () => {
    const ids = model.specs.map((s) => s.id).sort();
    assert.deepEqual(ids, ['virtio-can', 'virtio-core', 'virtio-gpio', 'virtio-i2c', 'virtio-rpmb', 'virtio-scmi', 'virtio-sound']);
  });

  test('each device standard has device and driver requirements', () => {
    for (const id of DEVICE_SPECS) {
      const spec = model.specs.find((s) => s.id === id);
      assert.ok(spec, `${id} exists`);
      assert.equal(spec.devices.length, 1, `${id} defines one device`);
      const roles = new Set(spec.requirements.map((r) => r.role));
      assert.ok(roles.has('device'), `${id} has a device requirement`);
      assert.ok(roles.has('driver'), `${id} has a driver requirement`);
    }
  });

  test('device IDs: each defined once, by the device block when the device has a standard', () => {
    const expected = new Map([['VIRTIO_ID_SOUND', 25], ['VIRTIO_ID_RPMB', 28], ['VIRTIO_ID_SCMI', 32], ['VIRTIO_ID_I2C_ADAPTER', 34], ['VIRTIO_ID_CAN', 36], ['VIRTIO_ID_GPIO', 41]]);
    const devices = model.specs.flatMap((s) => s.devices);
    assert.deepEqual(new Map(devices.map((d) => [d.idName, d.id])), expected);
    const registry = model.specs.find((s) => s.id === 'virtio-core')!.constants.find((g) => g.name === 'virtio_device_ids')!;
    for (const c of registry.constants) assert.ok(!expected.has(c.name), `${c.name} is defined by its device block, not the registry`);
  });

  test('every device ID of the VIRTIO 1.3 table has a VIRTIO_ID_* name', () => {
    // content.tex @ eb16e33, device ID table lines 652-741 (0 is "reserved (invalid)").
    const specTable = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
      31, 32, 33, 34, 35, 36, 38, 39, 40, 41, 42, 43, 44, 45];
    const named = new Map<bigint, string[]>();
    for (const [name, value] of ours.constants) {
      if (!name.startsWith('VIRTIO_ID_')) continue;
      named.set(value, [...(named.get(value) ?? []), name]);
    }
    assert.deepEqual(specTable.filter((id) => !named.has(BigInt(id))), [], 'IDs without a name');
    assert.deepEqual([...named].filter(([, names]) => names.length > 1), [], 'IDs with two names');
  });

  for (const header of LINUX_HEADERS) {
    test(`linux/${header}: every constant and struct, same value and layout`, { skip }, () => {
      const names = scanHeader(join(LINUX, header));
      assert.ok(names.constants.length + names.structs.length > 0, `${header} defines something`);
      const reference = probeHeaders([`linux/${header}`], names);
      assertNoDifferences(`linux/${header}`, reference, ours, LINUX_EXCEPTIONS);
    });
  }

  test('every Linux exception is still needed', { skip }, (t) => {
    // The exceptions are part of the result: print them with their reasons.
    for (const [key, reason] of LINUX_EXCEPTIONS) t.diagnostic(`exception ${key}: ${reason}`);
    const used = new Set<string>();
    for (const header of LINUX_HEADERS) {
      const reference = probeHeaders([`linux/${header}`], scanHeader(join(LINUX, header)));
      const { unusedExceptions } = compareFacts(reference, ours, LINUX_EXCEPTIONS);
      for (const key of LINUX_EXCEPTIONS.keys()) if (!unusedExceptions.includes(key)) used.add(key);
    }
    assert.deepEqual([...LINUX_EXCEPTIONS.keys()].filter((k) => !used.has(k)), []);
  });

  for (const listing of SPEC_LISTINGS) {
    test(`specification listing: ${listing.name}`, { skip }, () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvspec-spec-'));
      try {
        const file = join(dir, 'spec.h');
        writeFileSync(file, listing.source);
        const names = scanHeader(file);
        const reference = probeHeaders([file], names);
        assert.ok(reference.constants.size > 0, 'the listing defines constants');
        if (listing.structs !== false) assert.ok(reference.structs.size > 0, 'the listing defines structs');
        assertNoDifferences(listing.name, reference, ours, new Map());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('header-probe on a known header', () => {
  const skip = toolMissing();
  test('catches a wrong value, a wrong C type, a wrong offset and a missing field', { skip }, () => {
    const reference = probeHeaders(['linux/virtio_i2c.h'], scanHeader(join(LINUX, 'virtio_i2c.h')));
    const wrong: HeaderFacts = {
      constants: new Map([['VIRTIO_I2C_MSG_OK', 0n], ['VIRTIO_I2C_MSG_ERR', 2n], ['VIRTIO_I2C_F_ZERO_LENGTH_REQUEST', 0n], ['VIRTIO_I2C_FLAGS_FAIL_NEXT', 1n], ['VIRTIO_I2C_FLAGS_M_RD', 2n]]),
      // Linux: VIRTIO_I2C_MSG_OK is `0` (int), VIRTIO_I2C_FLAGS_M_RD is `_BITUL(1)` (unsigned long).
      constantTypes: new Map([['VIRTIO_I2C_MSG_OK', 'unsigned int'], ['VIRTIO_I2C_FLAGS_FAIL_NEXT', 'unsigned long'], ['VIRTIO_I2C_FLAGS_M_RD', 'int']]),
      structs: new Map([
        ['virtio_i2c_out_hdr', { size: 8, fields: new Map([['addr', { offset: 0, size: 2 }], ['flags', { offset: 2, size: 4 }]]) }],
        ['virtio_i2c_in_hdr', { size: 1, fields: new Map([['status', { offset: 0, size: 1 }]]) }],
      ]),
    };
    const { missing, mismatched } = compareFacts(reference, wrong, new Map());
    assert.deepEqual(missing, ['field virtio_i2c_out_hdr.padding (offset 2, size 2)']);
    assert.deepEqual(mismatched, [
      'constant VIRTIO_I2C_FLAGS_M_RD: header type unsigned long, model type int',
      'constant VIRTIO_I2C_MSG_OK: header type int, model type unsigned int',
      'constant VIRTIO_I2C_MSG_ERR: header 1, model 2',
      'field virtio_i2c_out_hdr.flags: header offset 4 size 4, model offset 2 size 4',
    ]);
    // A type exception hides the type only, and is reported as used.
    const excepted = compareFacts(reference, wrong, new Map([['type(VIRTIO_I2C_MSG_OK)', 'test']]));
    assert.ok(!excepted.mismatched.some((line) => line.startsWith('constant VIRTIO_I2C_MSG_OK')));
    assert.deepEqual(excepted.unusedExceptions, []);
  });
});
