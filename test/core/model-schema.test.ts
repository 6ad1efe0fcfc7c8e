/**
 * schemas/model.schema.json is the contract third-party generator writers read. These tests hold it
 * to three things: it compiles in Ajv's strict mode; the project corpus's model conforms to it and
 * plausible wrong models do not; and it says what src/model/types.ts says (same types, same keys,
 * same optional keys, same closed string sets, same doc comments), so neither can drift alone.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { compileCorpus } from '../../src/compile.ts';
import type { Model } from '../../src/model/types.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const schemaPath = fileURLToPath(new URL('../../schemas/model.schema.json', import.meta.url));
const typesPath = fileURLToPath(new URL('../../src/model/types.ts', import.meta.url));

interface JsonSchema {
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as JsonSchema & { $id: string };

function compileSchema(): ValidateFunction {
  // strict: true turns every strict option on (strictTypes, strictTuples, strictRequired), so an
  // unknown keyword or a sloppy type in the schema fails here, not in a user's validator.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(schema);
}

describe('model.schema.json', () => {
  let validate: ValidateFunction;
  let model: Model;

  before(async () => {
    validate = compileSchema();
    const result = await compileCorpus(projectRoot, { cache: false });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.file}:${d.range?.start.line} ${d.code} ${d.message}`), [], 'the project corpus compiles');
    assert.ok(result.model);
    model = result.model;
  });

  test('has the id and dialect of the other schemas', () => {
    assert.equal(schema.$id, 'https://hvspec.dev/schemas/model.schema.json');
    assert.equal((schema as { $schema?: string }).$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  test('the project corpus model validates with zero errors', () => {
    // Validate the JSON form, which is what `hvspec model` prints and what a generator reads.
    const json = JSON.parse(JSON.stringify(model)) as unknown;
    const ok = validate(json);
    assert.deepEqual(validate.errors ?? [], []);
    assert.equal(ok, true);
  });

  test('the format-2 struct fixture (inline members, counts, char) validates with zero errors', async () => {
    const result = await compileCorpus(fileURLToPath(new URL('../fixtures/format2-structs', import.meta.url)), { cache: false });
    assert.ok(result.model);
    const ok = validate(JSON.parse(JSON.stringify(result.model)) as unknown);
    assert.deepEqual(validate.errors ?? [], []);
    assert.equal(ok, true);
  });

  // Each mutation is a mistake a model producer could plausibly make; each must be rejected, at the
  // place it was made.
  const mutations: { name: string; path: RegExp; mutate: (m: Record<string, any>) => boolean }[] = [
    { name: 'a struct without size', path: /^\/specs\/\d+\/structs\/\d+$/, mutate: (m) => firstOf(m, 'structs', (s) => { delete s.size; }) },
    { name: 'a constant value as a JSON number', path: /^\/specs\/\d+\/constants\/\d+\/constants\/\d+\/value$/,
      mutate: (m) => firstOf(m, 'constants', (g) => { g.constants[0].value = Number(g.constants[0].value); }) },
    { name: 'an enum value in hex', path: /^\/specs\/\d+\/enums\/\d+\/values\/\d+\/value$/, mutate: (m) => firstOf(m, 'enums', (e) => { e.values[0].value = '0x1'; }) },
    { name: 'a flag mask as a number', path: /^\/specs\/\d+\/flags\/\d+\/flags\/\d+\/mask$/, mutate: (m) => firstOf(m, 'flags', (f) => { f.flags[0].mask = 1; }) },
    { name: 'a function id as a number', path: /^\/specs\/\d+\/hypercalls\/\d+\/functions\/\d+\/id$/,
      mutate: (m) => firstOf(m, 'hypercalls', (h) => { h.functions[0].id = Number(h.functions[0].id); }) },
    { name: 'an unknown key on a spec', path: /^\/specs\/\d+$/, mutate: (m) => { m.specs[0].extra = true; return true; } },
    { name: 'an unknown key on a field', path: /^\/specs\/\d+\/structs\/\d+\/fields\/\d+$/, mutate: (m) => firstOf(m, 'structs', (s) => { s.fields[0].bits = 3; }) },
    { name: 'a fractional offset', path: /^\/specs\/\d+\/structs\/\d+\/fields\/\d+\/offset$/, mutate: (m) => firstOf(m, 'structs', (s) => { s.fields[0].offset = 0.5; }) },
    { name: 'an unknown status', path: /^\/specs\/\d+\/status$/, mutate: (m) => { m.specs[0].status = 'final'; return true; } },
    { name: 'an unknown requirement level', path: /^\/specs\/\d+\/requirements\/\d+\/level$/, mutate: (m) => firstOf(m, 'requirements', (r) => { r.level = 'must'; }) },
    { name: 'a field type of unknown kind', path: /^\/specs\/\d+\/structs\/\d+\/fields\/\d+\/type$/,
      mutate: (m) => firstOf(m, 'structs', (s) => { s.fields[0].type = { kind: 'pointer', name: 'x', spec: 'y' }; }) },
    { name: 'another model format', path: /^\/hvspecModel$/, mutate: (m) => { m.hvspecModel = 3; return true; } },
  ];

  for (const mutation of mutations) {
    test(`rejects ${mutation.name}`, () => {
      const copy = JSON.parse(JSON.stringify(model)) as Record<string, any>;
      assert.ok(mutation.mutate(copy), 'the corpus has something to mutate');
      assert.equal(validate(copy), false);
      const paths = (validate.errors ?? []).map((e) => e.instancePath);
      assert.ok(paths.some((p) => mutation.path.test(p)), `an error at ${mutation.path}; got ${paths.join(', ')}`);
    });
  }
});

/** Apply `change` to the first item of `kind` in any spec; false when the corpus has none. */
function firstOf(model: Record<string, any>, kind: string, change: (item: any) => void): boolean {
  for (const spec of model.specs) {
    const item = spec[kind]?.[0];
    if (item) { change(item); return true; }
  }
  return false;
}

describe('model.schema.json mirrors src/model/types.ts', () => {
  const source = ts.createSourceFile(typesPath, readFileSync(typesPath, 'utf8'), ts.ScriptTarget.ES2022, true);
  const defs = schema.$defs ?? {};

  function docOf(node: ts.Node): string | undefined {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
    const comment = docs?.at(-1)?.comment;
    if (comment === undefined) return undefined;
    const text = typeof comment === 'string' ? comment : comment.map((part) => part.text).join('');
    return text.replace(/\s*\n\s*/g, ' ').trim();
  }

  function checkMembers(where: string, members: ts.NodeArray<ts.TypeElement>, def: JsonSchema): void {
    assert.equal(def.additionalProperties, false, `${where}: closed`);
    const declared = members.filter(ts.isPropertySignature);
    assert.deepEqual(Object.keys(def.properties ?? {}).sort(), declared.map((m) => m.name.getText()).sort(), `${where}: keys`);
    assert.deepEqual([...(def.required ?? [])].sort(), declared.filter((m) => !m.questionToken).map((m) => m.name.getText()).sort(), `${where}: required keys`);
    for (const member of declared) {
      const doc = docOf(member);
      if (doc) assert.equal(def.properties![member.name.getText()]!.description, doc, `${where}.${member.name.getText()}: description`);
    }
  }

  const declarations = source.statements.filter((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
    ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s));

  test('types.ts declares types (the parse found them)', () => {
    assert.ok(declarations.length >= 30, `found ${declarations.length}`);
  });

  for (const declaration of declarations) {
    const name = declaration.name.text;
    test(name, () => {
      const def = defs[name];
      assert.ok(def, `$defs/${name} exists`);
      const doc = docOf(declaration);
      if (doc) assert.equal(def.description, doc, 'description is the doc comment');
      if (ts.isInterfaceDeclaration(declaration)) {
        checkMembers(name, declaration.members, def);
        return;
      }
      const type = declaration.type;
      if (!ts.isUnionTypeNode(type)) assert.fail(`${name}: expected a union`);
      if (type.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
        // A closed string set: the schema's enum must list exactly the same strings.
        const values = type.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
        assert.deepEqual(def.enum, values);
      } else if (type.types.every(ts.isTypeReferenceNode)) {
        assert.deepEqual(def.oneOf?.map((s) => s.$ref), type.types.map((t) => `#/$defs/${(t as ts.TypeReferenceNode).typeName.getText()}`));
      } else {
        // A union of object literals (BodyPart): one schema per variant, in order.
        assert.equal(def.oneOf?.length, type.types.length);
        type.types.forEach((t, i) => {
          if (!ts.isTypeLiteralNode(t)) assert.fail(`${name}: variant ${i} is not an object type`);
          checkMembers(`${name}[${i}]`, t.members, def.oneOf![i]!);
        });
      }
    });
  }

  test('the root is the Model and hvspecModel is MODEL_FORMAT', () => {
    assert.equal(schema.$ref, '#/$defs/Model');
    const format = /export const MODEL_FORMAT = (\d+);/.exec(source.text)?.[1];
    assert.equal(defs.Model?.properties?.hvspecModel?.const, Number(format));
  });
});
