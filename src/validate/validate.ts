import type { ErrorObject, ValidateFunction } from 'ajv';
import { quote, type Report } from '../diagnostics/report.ts';
import type { Range } from '../diagnostics/types.ts';
import { closest } from '../names/suggest.ts';
import type { BlockKind, ParsedDocument } from '../parse/document.ts';
import { joinPath, type YamlData } from '../parse/yaml-block.ts';
// Compiled from schemas/ at build time (src/validate/standalone.ts, `npm run build`).
import * as compiled from './generated/validators.js';

import type { ValidDocument } from './valid-document.ts';

export type { ValidDocument };

const blockValidators: Record<BlockKind | 'frontmatter', ValidateFunction> = {
  frontmatter: compiled.validateFrontmatter,
  constants: compiled.validateConstants,
  enum: compiled.validateEnum,
  flags: compiled.validateFlags,
  struct: compiled.validateStruct,
  union: compiled.validateUnion,
  features: compiled.validateFeatures,
  device: compiled.validateDevice,
  hypercalls: compiled.validateHypercalls,
  protocol: compiled.validateProtocol,
  registers: compiled.validateRegisters,
  requirements: compiled.validateRequirements,
  example: compiled.validateExample,
};

/** hvspec.config.json's schema (schemas/config.schema.json). */
export const validateConfig: ValidateFunction = compiled.validateConfig;

export function validateDocument(parsed: ParsedDocument, report: Report): ValidDocument {
  let frontMatterValid = false;
  if (parsed.frontMatter) {
    const data = parsed.frontMatter.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      report.add('HV2005', parsed.file, parsed.frontMatterRange, 'The front matter must be a YAML mapping.',
        { hint: 'Write the keys spec, title, version and status.' });
    } else {
      frontMatterValid = check(blockValidators.frontmatter, parsed.frontMatter, parsed.file, 'front matter', parsed.frontMatterRange, report);
    }
  }
  const validBlocks: number[] = [];
  parsed.blocks.forEach((block, i) => {
    if (check(blockValidators[block.kind], block.yaml, parsed.file, `${block.kind} block`, block.range, report)) validBlocks.push(i);
  });
  return { parsed, validBlocks, frontMatterValid };
}

function check(validate: ValidateFunction, yaml: YamlData, file: string, what: string, whole: Range, report: Report): boolean {
  if (validate(yaml.data)) return true;
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const diagnostic = describe(error, yaml, what, whole);
    const key = `${diagnostic.code}:${diagnostic.range.start.line}:${diagnostic.range.start.column}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report.add(diagnostic.code, file, diagnostic.range, diagnostic.message, diagnostic.hint ? { hint: diagnostic.hint } : {});
  }
  return false;
}

function describe(error: ErrorObject, yaml: YamlData, what: string, whole: Range): { code: string; range: Range; message: string; hint?: string } {
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('/');
  const at = yaml.positions.get(path);
  const place = path === '' ? what : `\`${path.replace(/\//g, '.')}\` in the ${what}`;
  const valueRange = at?.value ?? whole;
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { code: 'HV2001', range: at?.key ?? firstLine(valueRange), message: `Missing key "${missing}" in ${place}.`, hint: `Add \`${missing}:\` (see docs/format.md).` };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const keyAt = yaml.positions.get(joinPath(path, extra));
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const guess = closest(extra, allowed);
      return { code: 'HV2002', range: keyAt?.key ?? valueRange, message: `Unknown key ${quote(extra)} in ${place}.`,
        hint: guess ? `Did you mean "${guess}"?` : `Allowed keys: ${allowed.join(', ')}.` };
    }
    case 'type': {
      const expected = (error.params as { type: string }).type;
      const actual = describeValue(valueAt(yaml.data, path), yaml.exactIntegers.get(path));
      const hint = expected === 'string' && /number|true|false/.test(actual)
        ? 'YAML read this as a number or boolean; quote it to make it a string.'
        : expected === 'integer' ? 'Write a whole number (decimal, 0x hex or 0o octal).' : undefined;
      return { code: 'HV2003', range: valueRange, message: `${capital(place)} must be ${article(expected)}, not ${actual}.`, ...(hint ? { hint } : {}) };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((x) => JSON.stringify(x));
      const value = valueAt(yaml.data, path);
      const guess = typeof value === 'string' ? closest(value, allowed.map((a) => JSON.parse(a) as string).filter((a) => typeof a === 'string')) : undefined;
      return { code: 'HV2004', range: valueRange, message: `${capital(place)} must be one of ${allowed.join(', ')}.`, ...(guess ? { hint: `Did you mean "${guess}"?` } : {}) };
    }
    case 'pattern':
      return { code: 'HV2004', range: valueRange, message: `${capital(place)} has an invalid form.`, hint: patternHint(path) };
    default:
      return { code: 'HV2004', range: valueRange, message: `${capital(place)} ${error.message ?? 'is invalid'}.` };
  }
}

function patternHint(path: string): string {
  if (path === 'version') return 'Use a semantic version such as 1.0.0.';
  if (/(^|\/)(spec|requires\/\d+)$/.test(path)) return 'Spec ids are lower-case letters, digits and dashes, starting with a letter (e.g. virtio-i2c).';
  if (/(^|\/)id$/.test(path)) return 'Requirement ids are lower-case letters, digits and dashes, starting with a letter.';
  return 'See docs/format.md for the allowed form.';
}

function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path === '' ? [] : path.split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/** `exact`: the decimal text of an integer beyond 2^53, which `value` holds only rounded. */
function describeValue(value: unknown, exact?: string): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return `the number ${exact ?? String(value)}`;
}

function article(type: string): string {
  return { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping' }[type] ?? type;
}

function capital(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function firstLine(range: Range): Range {
  return { start: range.start, end: { line: range.start.line, column: range.start.column + 1 } };
}

export type { BlockKind };
