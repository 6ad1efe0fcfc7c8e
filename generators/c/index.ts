/**
 * The C target: one header per standard (`output/c/include/hvspec/<spec-id>.h`) plus `hvspec_common.h`
 * (byte-order types, static-assert and layout macros). Reads only the canonical model; the
 * templates in ./templates print the views built by ./view.ts. See docs/c.md for the decisions
 * (byte-order types, flexible arrays, enums as #defines, call wrappers), and ./package.ts for the
 * install layout (pkg-config file, Makefile).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Model } from '../../src/model/types.ts';
import { DEFAULT_PACKAGE } from '../package-info.ts';
import type { GeneratedFile, Generator } from '../types.ts';
import { exampleProgramView } from './examples.ts';
import { NameRegistry } from './names.ts';
import { cPackage } from './package.ts';
import { headerView, reserveModelNames } from './view.ts';

const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/** Compiles the templates once, in an isolated Handlebars environment. User text is never a template. */
function loadTemplates(): { common: Handlebars.TemplateDelegate; spec: Handlebars.TemplateDelegate; examples: Handlebars.TemplateDelegate } {
  const env = Handlebars.create();
  const read = (name: string): string => readFileSync(`${TEMPLATE_DIR}${name}`, 'utf8');
  // noEscape: the views carry C text already escaped for C (helpers.ts); HTML escaping would corrupt it.
  const options = { noEscape: true, strict: true };
  for (const partial of ['defines', 'cenum', 'struct', 'hypercalls', 'registers']) env.registerPartial(partial, env.compile(read(`${partial}.hbs`), options));
  return { common: env.compile(read('common.h.hbs'), options), spec: env.compile(read('spec.h.hbs'), options), examples: env.compile(read('examples.c.hbs'), options) };
}

let templates: ReturnType<typeof loadTemplates> | undefined;

/** The byte-order types of hvspec_common.h: name, storage, Linux type, bytes, and the shift of byte i. */
function byteOrderTypes(): object[] {
  const types: object[] = [];
  for (const order of ['le', 'be'] as const) {
    for (const bits of [16, 32, 64]) {
      const size = bits / 8;
      types.push({
        name: `hvspec_${order}${bits}`,
        suffix: `${order}${bits}`,
        storage: `uint${bits}_t`,
        linux: `__${order}${bits}`,
        size,
        shift: order === 'le' ? '8 * i' : `8 * (${size - 1} - i)`,
      });
    }
  }
  return types;
}

/** Collapses runs of blank lines the templates' optional sections leave, and ends with one newline. */
function tidy(text: string): string {
  return `${text.replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '')}\n`;
}

export function generateC(model: Model, warn: (message: string) => void): GeneratedFile[] {
  templates ??= loadTemplates();
  const names = new NameRegistry(warn);
  reserveModelNames(model, names);
  const files: GeneratedFile[] = [{ path: 'hvspec_common.h', contents: tidy(templates.common({ byteOrderTypes: byteOrderTypes() })) }];
  for (const spec of model.specs) {
    const view = headerView(spec, names);
    files.push({ path: view.fileName, contents: tidy(templates.spec(view)) });
    const examples = exampleProgramView(spec);
    if (examples) files.push({ path: examples.fileName, contents: tidy(templates.examples({ ...examples, count: examples.structs.length + examples.calls.length })) });
  }
  return files;
}

export const cGenerator: Generator = {
  name: 'c',
  outDir: 'c',
  committed: true,
  // generateC gives the headers by file name; the package puts them under include/<name>/ (package.ts).
  generate: (model, context) => cPackage(generateC(model, context.warn), model, context.package ?? DEFAULT_PACKAGE),
};
