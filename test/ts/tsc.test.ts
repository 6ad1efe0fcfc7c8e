/**
 * The generated TypeScript compiles with the real compiler under the strictest options
 * (`strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`, `isolatedDeclarations`,
 * `erasableSyntaxOnly`, …) with zero errors — the hand-written fixture model, the project corpus,
 * the keyword fixture corpus and the committed output/ts, in ONE tsc run — and a consumer imports
 * the package by name: its types through `exports` (TypeScript, NodeNext resolution) and its
 * JavaScript through plain Node without any loader.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_NAME, TSCONFIG } from '../../generators/ts/index.ts';
import { handModel } from './fixtures/hand-model.ts';
import { compileRoot, docsExample, fixturesDir, generateInto, makeConsumer, projectRoot, scratch } from './support.ts';

const run = promisify(execFile);
const root = scratch('tsc');
after(() => rmSync(root, { recursive: true, force: true }));

/** A consumer that uses the package as a vendor would; `@ts-expect-error` lines must stay errors. */
const CONSUMER_TS = `
import { DecodeError, joinU64, type DecodeOptions } from '${PACKAGE_NAME}';
import {
  FX_BIG, FX_HDR_SIZE, FxStatus, decodeFxHdr, decodeFxProtoMessage, encodeFxHdr, isFxStatus,
  type FxHdr, type FxProtoMessage,
} from '${PACKAGE_NAME}/fx-base';
import { let_, type DataView_ } from '${PACKAGE_NAME}/fx-ext';

const big: bigint = FX_BIG;
const hdr: FxHdr = { type: 1, flags: 0 };
const view = new DataView(new ArrayBuffer(FX_HDR_SIZE));
encodeFxHdr(hdr, view);
const options: DecodeOptions = { reserved: 'ignore' };
const back: FxHdr = decodeFxHdr(view, 0, options);
const status: FxStatus = FxStatus.FX_BUSY;
const unknownValue: unknown = 7;
const narrowed: FxStatus | null = isFxStatus(unknownValue) ? unknownValue : null;
const shadowFree: DataView_ = { x: let_ };

/** Exhaustive: noImplicitReturns fails the build when a message kind is not handled. */
export function payloadBytes(message: FxProtoMessage): number {
  switch (message.type) {
    case 'FX_MSG_PING': return message.payload.type;
    case 'FX_MSG_RESET': { const none: null = message.payload; return none === null ? 0 : 1; }
    case 'FX_MSG_DATA': return message.payload.data.length;
  }
}

// @ts-expect-error a 64-bit field is a bigint, not a number
const wrongWidth: FxHdr = { type: 1n, flags: 0 };
// @ts-expect-error 5 is not a value of fx_status
const wrongStatus: FxStatus = 5;
// @ts-expect-error reserved fields are not part of the interface
const withReserved: FxHdr = { type: 1, flags: 0, padding: 0 };

export const used: unknown[] = [big, back, status, narrowed, shadowFree, wrongWidth, wrongStatus, withReserved, joinU64(1, 2), DecodeError, decodeFxProtoMessage];
`;

/** The same consumer's run-time half, as plain JavaScript for Node without a loader. */
const CONSUMER_JS = `
import { DecodeError } from '${PACKAGE_NAME}';
import { decodeFxHdr, encodeFxHdr, FX_HDR_SIZE } from '${PACKAGE_NAME}/fx-base';
const view = new DataView(new ArrayBuffer(FX_HDR_SIZE));
encodeFxHdr({ type: 0x1234, flags: 0x80000001 }, view);
const bytes = Array.from(new Uint8Array(view.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
if (bytes !== '3412000001000080') throw new Error('unexpected bytes ' + bytes);
view.setUint8(2, 1);
try { decodeFxHdr(view); throw new Error('no error'); } catch (e) {
  if (!(e instanceof DecodeError) || e.code !== 'reserved-nonzero' || e.offset !== 2) throw e;
}
console.log('consumer ok');
`;

test('tsc --strict: every generated module, the committed output and a package consumer, zero errors', async () => {
  const include: string[] = [];
  await generateInto(handModel, join(root, 'hand'));
  include.push('hand/src/*.ts');
  const corpora = [['corpus', projectRoot], ['kw', join(fixturesDir, 'keywords')], ['hostile', join(fixturesDir, 'hostile')], ['format2', join(projectRoot, 'test/fixtures/format2-structs')]] as const;
  for (const [label, corpusRoot] of corpora) {
    const model = await compileRoot(corpusRoot);
    if (model === null) continue;
    await generateInto(model, join(root, label));
    include.push(`${label}/src/*.ts`);
  }
  const committed = join(projectRoot, 'output/ts/src');
  if (existsSync(committed)) include.push(`${committed}/*.ts`);

  // Consumers resolve the package through node_modules, as an installed dependency, and see only
  // its dist/*.d.ts: one of the hand-written model, and the docs/ts.md example against the corpus.
  // They get Node's types (console); the generated sources are checked without any.
  const consumers = ['consumer/*.ts'];
  makeConsumer(join(root, 'consumer'), join(root, 'hand'), { 'consumer.ts': CONSUMER_TS, 'consumer.mjs': CONSUMER_JS });
  if (include.includes('corpus/src/*.ts')) {
    makeConsumer(join(root, 'example'), join(root, 'corpus'), { 'example.ts': docsExample().code });
    consumers.push('example/*.ts');
  }

  const { rootDir: _r, outDir: _o, ...options } = TSCONFIG.compilerOptions;
  const strict = { ...options, noEmit: true };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: strict, include }, null, 2));
  const consumerOptions = { ...strict, types: ['node'], typeRoots: [join(projectRoot, 'node_modules/@types')] };
  writeFileSync(join(root, 'tsconfig.consumers.json'), JSON.stringify({ compilerOptions: consumerOptions, include: consumers }, null, 2));
  const tsc = join(projectRoot, 'node_modules/.bin/tsc');
  const check = (config: string): Promise<string> => run(tsc, ['-p', join(root, config), '--pretty', 'false'], { cwd: root })
    .then((r) => `${r.stdout}${r.stderr}`, (e: { stdout: string; stderr: string }) => `${e.stdout}${e.stderr}`);
  const [generated, consumed] = await Promise.all([check('tsconfig.json'), check('tsconfig.consumers.json')]);
  assert.equal(generated.trim(), '', 'tsc reports no errors in the generated modules');
  assert.equal(consumed.trim(), '', 'tsc reports no errors in the consumers');
  assert.ok(include.length >= 2);

  // Plain Node (no tsx) imports the package's JavaScript through its exports.
  const node = await run(process.execPath, ['consumer.mjs'], { cwd: join(root, 'consumer'), env: { PATH: process.env.PATH ?? '' } });
  assert.equal(node.stdout.trim(), 'consumer ok');
});
