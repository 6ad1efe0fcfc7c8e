/**
 * A small standards root in a temp folder, shared by the watch and preview tests: two documents,
 * one requiring the other, that check clean. Each test edits its own copy.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BASE_MD = `---
spec: demo-base
title: Demo base
version: 1.0.0
status: draft
---

# Demo base

Common types of the demo devices.

\`\`\`hvspec struct
name: demo_hdr
doc: Header of every demo request.
fields:
  - { name: type, type: le32, doc: Request type. }
  - { name: flags, type: le32, doc: Request flags. }
\`\`\`
`;

export const DEVICE_MD = `---
spec: demo-device
title: Demo device
version: 1.0.0
status: draft
requires: [demo-base]
---

# Demo device

The demo device answers every request with a status byte.

\`\`\`hvspec struct
name: demo_req
doc: A demo request.
fields:
  - { name: hdr, type: demo_hdr }
  - { name: length, type: le32, doc: Bytes of payload. }
\`\`\`
`;

export interface TempCorpus {
  root: string;
  file(name: string): string;
  read(name: string): string;
  /** Replace a document the way many editors save: write a temp file beside it, rename it over. */
  saveAtomically(name: string, text: string): void;
  /** Write a document in place, as editors without atomic saves do. */
  saveInPlace(name: string, text: string): void;
  remove(): void;
}

export function makeCorpus(): TempCorpus {
  const root = mkdtempSync(path.join(tmpdir(), 'hvspec-watch-'));
  mkdirSync(path.join(root, 'standards'));
  writeFileSync(path.join(root, 'standards', 'demo-base.md'), BASE_MD);
  writeFileSync(path.join(root, 'standards', 'demo-device.md'), DEVICE_MD);
  const file = (name: string) => path.join(root, 'standards', name);
  return {
    root,
    file,
    read: (name) => readFileSync(file(name), 'utf8'),
    saveAtomically(name, text) {
      const temp = path.join(root, 'standards', `.${name}.swp`);
      writeFileSync(temp, text);
      renameSync(temp, file(name));
    },
    saveInPlace: (name, text) => writeFileSync(file(name), text),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
