/**
 * The diagnostic codes of `hvspec conform` (HV7xxx), for `hvspec explain` and docs/diagnostics.md.
 * Each difference is placed on the implementation's header, with the standard's definition as the
 * related location.
 */
import type { CodeDoc } from '../diagnostics/catalogue.ts';

export const CONFORM_CONSTANT = 'HV7001';
export const CONFORM_LAYOUT = 'HV7002';
export const CONFORM_MISSING = 'HV7003';
export const CONFORM_NOT_INTEGER = 'HV7004';
export const CONFORM_HEADER = 'HV7005';

export const conformCodes: CodeDoc[] = [
  {
    code: CONFORM_CONSTANT, name: 'conform-constant-differs', severity: 'error',
    summary: 'A constant has another value in the implementation\'s header than in the standard.',
    explanation: `The header's compiler computed the constant (a \`#define\`, an enumerator, a feature bit, a
device or function ID) and it differs from the value the standard assigns. Guests, devices and
hypervisors built from the two disagree on the wire.

Bad (the header):

\`\`\`c
#define VIRTIO_I2C_MSG_ERR 2
\`\`\`

Good: \`#define VIRTIO_I2C_MSG_ERR 1\`, as \`virtio-i2c\` defines it.`,
  },
  {
    code: CONFORM_LAYOUT, name: 'conform-layout-differs', severity: 'error',
    summary: 'A struct\'s size or alignment, or a member\'s offset or size, differs from the standard.',
    explanation: `The header's compiler laid the type out differently: another member order, a wider type,
missing padding, or a packing attribute the standard does not have. Bytes written by one side are
read at other offsets by the other.

Bad:

\`\`\`c
struct virtio_i2c_in_hdr { __u32 status; };  /* 4 bytes; the standard's status is one byte */
\`\`\`

Good: the members the standard gives, with their types: \`struct virtio_i2c_in_hdr { __u8 status; };\`.`,
  },
  {
    code: CONFORM_MISSING, name: 'conform-name-missing', severity: 'warning',
    summary: 'The standard defines a name the implementation\'s header lacks.',
    explanation: `A constant, type or member of the standard is not declared by the headers given. Either the
implementation does not support it yet, it lives in another header (pass that one too, e.g.
\`--c-header linux/virtio_ids.h\` for device IDs), or the header spells it differently: map the
name with \`--map names.json\` (\`{ "VIRTIO_X_F_FOO": "MY_X_FOO", "virtio_x_req": "struct my_req",
"virtio_x_req.flags": "fl" }\`, or \`null\` for a name deliberately absent). A warning: \`--strict\`
makes it fail.`,
  },
  {
    code: CONFORM_NOT_INTEGER, name: 'conform-not-integer', severity: 'error',
    summary: 'A name the standard defines as an integer is something else in the header.',
    explanation: `The header declares the name, but the compiler rejects it as an integer constant expression:
it is a string, a floating value, a pointer, a function or a type. The message quotes the compiler.

Bad: \`#define VIRTIO_ID_I2C_ADAPTER "34"\`. Good: \`#define VIRTIO_ID_I2C_ADAPTER 34\`.`,
  },
  {
    code: CONFORM_HEADER, name: 'conform-header-does-not-compile', severity: 'error',
    summary: 'The implementation\'s header does not compile on its own.',
    explanation: `\`hvspec conform\` includes the headers given, in order, in one C file and compiles it with the
chosen compiler; the header failed before any fact could be read. Pass the include directories it
needs (\`-I DIR\`), the headers it relies on first (another \`--c-header\`), or the macros it expects
(\`-D NAME\`).`,
  },
];
