/**
 * `hvspec diff` on the project's own corpus: targeted edits to copies (never to standards/ itself),
 * chosen from the compiled model so the test follows the corpus as it grows. A field type edit, a
 * renumbered feature bit and a renamed struct must fail the diff (exit 1); a prose-only edit and a new
 * feature bit at a free position must pass (exit 0).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileCorpus } from '../../src/compile.ts';
import type { Device, Feature, Field, Model, Struct } from '../../src/model/types.ts';
import { runDiff } from '../../src/diff/run.ts';
import { scratchDir } from './fixture-roots.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let scratch: string;
let base: string;
let model: Model;
let copies = 0;

before(async () => {
  scratch = await scratchDir();
  base = path.join(scratch, 'base');
  await cp(path.join(PROJECT, 'standards'), path.join(base, 'standards'), { recursive: true });
  // Compiling once fills base/.hvspec-cache, which every copy inherits: only edited files are re-read.
  const result = await compileCorpus(base);
  assert.ok(result.model, `the project's corpus does not compile: ${result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.range?.start.line} ${d.message}`).join('; ')}`);
  model = result.model;
});
after(async () => { await rm(scratch, { recursive: true, force: true }); });

/** A copy of the corpus with `edit` applied to the text of its files. */
async function editedCopy(edit: (file: string, text: string) => string): Promise<string> {
  const root = path.join(scratch, `edit-${++copies}`);
  await cp(base, root, { recursive: true });
  const dir = path.join(root, 'standards');
  let changed = 0;
  for (const name of await readdir(dir, { recursive: true })) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    const next = edit(`standards/${name.split(path.sep).join('/')}`, text);
    if (next !== text) { await writeFile(file, next); changed++; }
  }
  assert.ok(changed > 0, 'the edit changed no file');
  return root;
}

function editLine(file: string, line: number, change: (text: string) => string) {
  return (name: string, text: string) => {
    if (name !== file) return text;
    const lines = text.split('\n');
    const before = lines[line - 1]!;
    lines[line - 1] = change(before);
    assert.notEqual(lines[line - 1], before, `line ${line} of ${file} did not change`);
    return lines.join('\n');
  };
}

function firstField(predicate: (f: Field, s: Struct) => boolean): { struct: Struct; field: Field } {
  for (const spec of model.specs) for (const struct of spec.structs) for (const field of struct.fields) {
    if (predicate(field, struct)) return { struct, field };
  }
  throw new Error('no field in the corpus fits this test');
}

/** The text of a definition's line in the base copy. */
function lineOf(ref: { file: string; line: number }): string {
  return readFileSync(path.join(base, ref.file), 'utf8').split(/\r?\n/)[ref.line - 1] ?? '';
}

/** A device feature written as a one-line flow mapping (`- { bit: 0, name: … }`), and a free device bit. */
function deviceWithFeatures(): { device: Device; feature: Feature; free: number } {
  for (const spec of model.specs) for (const device of spec.devices) {
    const used = new Set(device.features.map((f) => f.bit));
    const free = [...Array(24).keys()].find((bit) => !used.has(bit));
    const feature = device.features.find((f) => new RegExp(`^\\s*- \\{ *bit: ${f.bit}\\b.*\\}\\s*$`).test(lineOf(f.source)));
    if (feature && free !== undefined) return { device, feature, free };
  }
  throw new Error('no device with a one-line feature bit and a free device-specific bit');
}

const codes = (outcome: { diagnostics: { code: string }[] }) => outcome.diagnostics.map((d) => d.code);

describe('hvspec diff on the project corpus', () => {
  it('compares the corpus with itself as unchanged', async () => {
    const outcome = await runDiff(base, base);
    assert.deepEqual(codes(outcome), []);
    assert.equal(outcome.exitCode, 0);
  });

  // le16 → be16 keeps the size, so a struct's declared `size:` still holds and the copy compiles;
  // a struct no golden vector covers, whose examples' bytes would otherwise no longer match.
  it('catches a field whose type changed (exit 1)', async () => {
    const covered = new Set(model.specs.flatMap((s) => s.examples.flatMap((e) => (e.kind === 'struct' ? [e.type.name] : []))));
    const { struct, field } = firstField((f, s) => !covered.has(s.name) && f.type.kind === 'primitive' && f.type.name === 'le16' && !f.reserved && /type: le16\b/.test(lineOf(f.source)));
    const copy = await editedCopy(editLine(field.source.file, field.source.line, (l) => l.replace(/type: le16\b/, 'type: be16')));
    const outcome = await runDiff(base, copy);
    assert.equal(outcome.exitCode, 1);
    const found = outcome.diagnostics.find((d) => d.code === 'HV6206');
    assert.ok(found, `no HV6206 for ${struct.name}.${field.name}: ${codes(outcome).join(', ')}`);
    assert.equal(found.file, field.source.file);
    assert.equal(found.range?.start.line, field.source.line);
    assert.match(found.message, new RegExp(`${struct.name}\\.${field.name}`));
  });

  it('catches a renumbered feature bit (exit 1)', async () => {
    const { device, feature, free } = deviceWithFeatures();
    const copy = await editedCopy(editLine(feature.source.file, feature.source.line, (l) => l.replace(new RegExp(`bit: ${feature.bit}\\b`), `bit: ${free}`)));
    const outcome = await runDiff(base, copy);
    assert.equal(outcome.exitCode, 1);
    const moved = outcome.diagnostics.find((d) => d.code === 'HV6404');
    assert.ok(moved, `no HV6404 for ${device.name}: ${codes(outcome).join(', ')}`);
    assert.match(moved.message, new RegExp(`${feature.name} of device ${device.name} moved from bit ${feature.bit} to bit ${free}`));
  });

  it('catches a renamed struct (exit 1: a source break needs a major version)', async () => {
    const { struct } = firstField((_f, s) => s.kind === 'struct' && s.fields.length > 1);
    const renamed = `${struct.name}_renamed`;
    const word = new RegExp(`\\b${struct.name}\\b`, 'g');
    const copy = await editedCopy((_name, text) => text.replace(word, renamed));
    const outcome = await runDiff(base, copy);
    assert.equal(outcome.exitCode, 1);
    const rename = outcome.diagnostics.find((d) => d.code === 'HV6102');
    assert.ok(rename, `no HV6102: ${codes(outcome).join(', ')}`);
    assert.match(rename.message, new RegExp(`${struct.name} seems to be renamed to ${renamed}`));
    assert.ok(codes(outcome).includes('HV6901'), 'the version gate must ask for a major version');
  });

  it('passes a prose-only edit (exit 0, nothing reported)', async () => {
    const file = model.specs[0]!.file;
    const copy = await editedCopy((name, text) => (name === file ? `${text.trimEnd()}\n\nAn editorial paragraph added by the test.\n` : text));
    const outcome = await runDiff(base, copy);
    assert.deepEqual(codes(outcome), []);
    assert.equal(outcome.exitCode, 0);
  });

  it('passes a new feature bit at a free position (exit 0)', async () => {
    const { device, feature, free } = deviceWithFeatures();
    const name = 'VIRTIO_HVSPEC_TEST_F_NEW';
    const copy = await editedCopy(editLine(feature.source.file, feature.source.line, (l) => {
      const indent = /^\s*/.exec(l)![0];
      return `${l}\n${indent}- { bit: ${free}, name: ${name}, doc: Added by the test. }`;
    }));
    const outcome = await runDiff(base, copy);
    assert.equal(outcome.exitCode, 0, codes(outcome).join(', '));
    const added = outcome.diagnostics.find((d) => d.code === 'HV6108');
    assert.ok(added, 'the addition is listed');
    assert.equal(added.severity, 'note');
    assert.match(added.message, new RegExp(`new feature bit ${free} \\(${name}\\) of device ${device.name}`));
    assert.ok(outcome.diagnostics.every((d) => d.severity !== 'error'));
  });
});
