/**
 * User text is data. The hand-written fixture model carries doc strings, a title, a source and
 * virtqueue names that try to close comments, inject statements, start JSDoc tags, hide text
 * with bidi controls or break lines with U+2028 — including characters the parser would reject,
 * so the generator's own escaping is what is tested. The Markdown fixture `hostile` takes the
 * same route through the parser. Checked with TypeScript's own parser and by running the code.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import ts from 'typescript';
import type { Model } from '../../src/model/types.ts';
import { HOSTILE_DOCS, handModel } from './fixtures/hand-model.ts';
import { compileRoot, fixturesDir, generateInto, loadModule, scratch } from './support.ts';

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

async function generated(model: Model, label: string): Promise<string> {
  const dir = scratch(label);
  dirs.push(dir);
  await generateInto(model, dir);
  return dir;
}

/** Every statement of a generated module is an import or an exported declaration. */
function strayStatements(file: ts.SourceFile): string[] {
  const stray: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) stray.push(statement.getText(file).slice(0, 80));
  }
  return stray;
}

/** JSDoc tags anywhere in the file (the generator writes none, so any tag came from user text). */
function jsDocTags(file: ts.SourceFile): string[] {
  const tags: string[] = [];
  const visit = (node: ts.Node): void => {
    for (const tag of ts.getJSDocTags(node)) tags.push(tag.getText(file));
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
      if (ts.isJSDoc(doc) && typeof doc.comment !== 'string' && doc.comment !== undefined) {
        for (const part of doc.comment) if (part.kind !== ts.SyntaxKind.JSDocText) tags.push(part.getText(file));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return tags;
}

function checkSources(dir: string): void {
  for (const name of readdirSync(join(dir, 'src'))) {
    const text = readFileSync(join(dir, 'src', name), 'utf8');
    const raw = text.match(/[^\n\t\P{Cc}]|[\p{Cf}\p{Zl}\p{Zp}]/u);
    assert.equal(raw, null, `${name}: a raw control, format or line-separator character`);
    assert.ok(!text.includes('\uFFFD'), `${name}: a lone surrogate became U+FFFD`);
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const parseErrors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    assert.deepEqual(parseErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], `${name}: parses`);
    assert.deepEqual(strayStatements(file), [], `${name}: only imports and exports at top level`);
    assert.deepEqual(jsDocTags(file), [], `${name}: no JSDoc tags or inline tags`);
  }
}

describe('hostile user text stays data', () => {
  test('the checks themselves see a tag, an inline link and a stray statement when there is one', () => {
    const text = '/** @deprecated */\nexport const a = 1;\n/** see {@link x} */\nexport const b = 2;\nglobalThis.x = 1;\n';
    const file = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const found = jsDocTags(file);
    assert.ok(found.some((t) => t.startsWith('@deprecated')) && found.includes('{@link x}'), found.join(' | '));
    assert.deepEqual(strayStatements(file), ['globalThis.x = 1;']);
  });

  test('hand-written model: escaped comments, no stray statements, no tags, nothing runs', async () => {
    const dir = await generated(handModel, 'inj-hand');
    checkSources(dir);
    const source = readFileSync(join(dir, 'src/fx-base.ts'), 'utf8');
    // The hostile texts are still there to read, in escaped form.
    assert.ok(source.includes('*\\/ export const pwned = 1;'), 'comment terminator escaped');
    assert.ok(source.includes('\\u{202E}evil\\u{202C}'), 'bidi override shown as an escape');
    assert.ok(source.includes('line one\\u{2028}globalThis'), 'U+2028 shown as an escape');
    assert.ok(source.includes('\\@deprecated'), 'tag start escaped');
    assert.ok(HOSTILE_DOCS.length >= 8);

    delete (globalThis as { hvspecPwned?: boolean }).hvspecPwned;
    const base = await loadModule(dir, 'fx-base');
    await loadModule(dir, 'fx-ext');
    assert.equal((globalThis as { hvspecPwned?: boolean }).hvspecPwned, undefined, 'no injected code ran');
    assert.equal(base.pwned, undefined, 'no injected export');

    // Names that are not identifiers are exact string keys, and `__proto__` is an own key.
    const device = base.FxDevDevice as { virtqueues: Record<string, number> };
    assert.deepEqual(Object.keys(device.virtqueues), ['requestq', 'events"); globalThis.hvspecPwned = true; ("', '__proto__']);
    assert.equal(Object.getPrototypeOf(device.virtqueues), Object.prototype);
  });

  test('Markdown fixture through the parser: same guarantees', async (t) => {
    const model = await compileRoot(join(fixturesDir, 'hostile'));
    if (model === null) return t.skip('src/compile.ts is not there yet');
    const dir = await generated(model, 'inj-md');
    checkSources(dir);
    delete (globalThis as { hvspecPwned?: boolean }).hvspecPwned;
    const module = await loadModule(dir, 'hostile');
    assert.equal((globalThis as { hvspecPwned?: boolean }).hvspecPwned, undefined);
    assert.deepEqual(Object.keys(module).sort(), [
      'HOSTILE_KIND_A', 'HOSTILE_KIND_B', 'HOSTILE_ONE', 'HOSTILE_STRUCT_SIZE', 'HOSTILE_TWO', 'HostileKind',
      'decodeHostileStruct', 'encodeHostileStruct', 'isHostileKind',
    ]);
  });
});
