/**
 * `hvspec conform`: compare an implementation's C headers with the standard. The facts come from
 * the canonical model (src/conform/facts.ts); the header's side comes from the vendor's own
 * compiler (src/conform/probe.ts), host or cross; every difference is a coded diagnostic placed
 * on the header's line, with the standard's definition as the related location.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sortDiagnostics } from '../diagnostics/report.ts';
import type { Diagnostic, Range } from '../diagnostics/types.ts';
import type { Model } from '../model/types.ts';
import { CONFORM_CONSTANT, CONFORM_HEADER, CONFORM_LAYOUT, CONFORM_MISSING, CONFORM_NOT_INTEGER } from './codes.ts';
import { factKey, headerName, headerType, selectSpecs, specFacts, type Fact, type NameMap } from './facts.ts';
import { locateConstant, locateMember, locateType, readHeaderText, type HeaderLocation, type HeaderText } from './header-locations.ts';
import { HeaderError, probeIntegers, type Compiler, type ProbeExpression } from './probe.ts';

export interface ConformOptions {
  /** Header paths (absolute, or relative to `cwd`). */
  headers: string[];
  /** Standards to compare; empty: every standard the headers mention. */
  specs: string[];
  map: NameMap;
  compiler: Compiler;
  /** For diagnostics: header paths inside it are shown relative to it. */
  root: string;
  cwd: string;
}

export interface ConformResult {
  diagnostics: Diagnostic[];
  /** The standards compared. */
  specs: string[];
  /** Facts asked of the compiler (after the map's exclusions). */
  facts: number;
}

interface Probe {
  fact: Fact;
  /** The expression as the header spells it. */
  expression: string;
  /** What a person calls it, e.g. `offsetof(struct virtio_i2c_out_hdr, flags)`. */
  label: string;
  /** The header's spelling of the struct (for locating members). */
  type?: string;
}

export function conformHeaders(model: Model, options: ConformOptions): ConformResult {
  const headers: HeaderText[] = options.headers.map((h) => readHeaderText(displayPath(h, options), readFileSync(path.resolve(options.cwd, h), 'utf8')));
  const specs = selectSpecs(model, options.specs, headers.map((h) => h.lines.join('\n')).join('\n'));
  const probes: Probe[] = [];
  const kinds = new Map(model.specs.flatMap((s) => s.structs.map((st) => [st.name, st.kind] as const)));
  for (const spec of specs) {
    for (const fact of specFacts(spec)) {
      const key = factKey(fact);
      if (options.map[key] === null || options.map[fact.name] === null) continue; // the header deliberately lacks it
      probes.push(toProbe(fact, kinds.get(fact.name) ?? 'struct', options.map));
    }
  }
  const expressions: ProbeExpression[] = probes.map((p) => ({ expression: p.expression, signed: p.fact.kind === 'constant' }));
  const absoluteHeaders = options.headers.map((h) => path.resolve(options.cwd, h));
  const diagnostics: Diagnostic[] = [];
  let result;
  try {
    result = probeIntegers(absoluteHeaders, expressions, options.compiler);
  } catch (error) {
    if (!(error instanceof HeaderError)) throw error;
    const file = error.file ? displayPath(error.file, options) : headers[0]?.file;
    diagnostics.push({
      code: CONFORM_HEADER, severity: 'error', file, range: error.line ? point(error.line, error.column ?? 1, 1) : point(1, 1, 1),
      message: `The header does not compile on its own: ${error.message}.`,
      hint: 'Pass the include directories it needs with -I, or the headers it relies on first with another --c-header.',
    });
    return { diagnostics, specs: specs.map((s) => s.id), facts: probes.length };
  }
  // A missing type or member fails several probes (size, alignment, offset, member size): say it once.
  const reported = new Set<string>();
  probes.forEach((probe, index) => {
    const rejected = result.rejected.get(index);
    const type = probe.fact.kind === 'constant' ? undefined : probe.fact.name;
    if (type !== undefined && reported.has(type)) return;
    if (rejected !== undefined) {
      const key = factKey(probe.fact);
      if (reported.has(key)) return;
      const d = rejectedDiagnostic(probe, rejected, headers);
      if (probe.fact.kind === 'size' || probe.fact.kind === 'align') reported.add(probe.fact.name);
      reported.add(key);
      diagnostics.push(d);
      return;
    }
    const actual = result.values.get(index)!;
    const negative = result.negative.get(index) ?? false;
    const expected = probe.fact.expected;
    const same = BigInt.asUintN(64, expected) === actual && (probe.fact.kind !== 'constant' || (expected < 0n) === negative);
    if (same) return;
    const shown = negative ? BigInt.asIntN(64, actual) : actual;
    diagnostics.push(differenceDiagnostic(probe, shown, headers));
  });
  return { diagnostics: sortDiagnostics(diagnostics), specs: specs.map((s) => s.id), facts: probes.length };
}

function toProbe(fact: Fact, kind: 'struct' | 'union', map: NameMap): Probe {
  if (fact.kind === 'constant') {
    const name = headerName(fact.name, fact.name, map);
    // `| 0` refuses pointers and floating values: a constant is an integer in every generated header.
    return { fact, expression: `(${name}) | 0`, label: name };
  }
  const type = headerType({ name: fact.name, kind }, map);
  if (fact.kind === 'size') return { fact, expression: `sizeof(${type})`, label: `sizeof(${type})`, type };
  if (fact.kind === 'align') return { fact, expression: `__alignof__(${type})`, label: `_Alignof(${type})`, type };
  const member = headerName(factKey(fact), fact.field!, map);
  if (fact.kind === 'offset') return { fact, expression: `offsetof(${type}, ${member})`, label: `offsetof(${type}, ${member})`, type };
  return { fact, expression: `sizeof(((${type} *)0)->${member})`, label: `sizeof(${type}.${member})`, type };
}

function describeExpected(fact: Fact): string {
  const v = fact.expected;
  return fact.kind === 'constant' && v > 9n ? `${v} (0x${BigInt.asUintN(64, v).toString(16)})` : String(v);
}

function differenceDiagnostic(probe: Probe, actual: bigint, headers: HeaderText[]): Diagnostic {
  const { fact } = probe;
  const location = locate(probe, headers);
  const shownActual = fact.kind === 'constant' && actual > 9n ? `${actual} (0x${BigInt.asUintN(64, actual).toString(16)})` : String(actual);
  const what = fact.kind === 'constant' ? probe.label
    : fact.kind === 'size' ? `The size of ${probe.type}`
    : fact.kind === 'align' ? `The alignment of ${probe.type}`
    : fact.kind === 'offset' ? `The offset of ${probe.type}.${fact.field}`
    : `The size of ${probe.type}.${fact.field}`;
  return {
    code: fact.kind === 'constant' ? CONFORM_CONSTANT : CONFORM_LAYOUT,
    severity: 'error',
    ...placed(location, fact),
    message: `${what} is ${shownActual} in the header, but ${describeExpected(fact)} in ${fact.spec}.`,
    hint: fact.kind === 'constant' ? 'Use the value the standard assigns; a different value is a different ABI.'
      : 'Lay the type out as the standard does (field order, types, padding); a different layout is a different ABI.',
    related: [{ file: fact.source.file, range: point(fact.source.line, 1, 1), message: `${fact.spec} defines it here` }],
  };
}

/** A rejected probe: the name is missing (warning), or exists but is no integer constant (error). */
function rejectedDiagnostic(probe: Probe, message: string, headers: HeaderText[]): Diagnostic {
  const { fact } = probe;
  const missing = /undeclared|incomplete|has no member|no member named|unknown type|not declared|undefined/i.test(message);
  if (missing && fact.kind !== 'constant') {
    const typeMissing = fact.kind === 'size' || fact.kind === 'align';
    const subject = typeMissing ? probe.type! : `member ${fact.field} of ${probe.type}`;
    const where = typeMissing ? undefined : locate(probe, headers);
    return {
      code: CONFORM_MISSING, severity: 'warning', ...(where ? placed(where, fact) : standardPlace(fact)),
      message: `${fact.spec} defines ${subject}, but the header does not.`,
      hint: 'Add it as the standard defines it; if the header spells it differently, map the name with --map.',
      related: where ? [{ file: fact.source.file, range: point(fact.source.line, 1, 1), message: `${fact.spec} defines it here` }] : undefined,
    };
  }
  if (missing) {
    return {
      code: CONFORM_MISSING, severity: 'warning', ...standardPlace(fact),
      message: `${fact.spec} defines ${fact.name} (= ${describeExpected(fact)}), but the header does not.`,
      hint: 'Add it as the standard defines it; if the header spells it differently, map the name with --map.',
    };
  }
  const location = locate(probe, headers);
  return {
    code: CONFORM_NOT_INTEGER, severity: 'error', ...placed(location, fact),
    message: `${probe.label} does not compile as an integer constant: ${message}.`,
    hint: 'The standard defines an integer here; the header must give a constant integer expression.',
    related: [{ file: fact.source.file, range: point(fact.source.line, 1, 1), message: `${fact.spec} defines it here` }],
  };
}

function locate(probe: Probe, headers: HeaderText[]): HeaderLocation | undefined {
  const { fact } = probe;
  if (fact.kind === 'constant') return locateConstant(headers, probe.label);
  const type = locateType(headers, probe.type!);
  if (!type) return undefined;
  if (fact.kind === 'size' || fact.kind === 'align') return type.location;
  const member = /offsetof\(.*, (.*)\)$/.exec(probe.label)?.[1] ?? /\.(\w+)\)$/.exec(probe.label)?.[1] ?? fact.field!;
  return locateMember(headers, type, member) ?? type.location;
}

function placed(location: HeaderLocation | undefined, fact: Fact): { file: string; range: Range } {
  if (!location) return standardPlace(fact);
  return { file: location.file, range: point(location.line, location.column, location.length) };
}

function standardPlace(fact: Fact): { file: string; range: Range } {
  return { file: fact.source.file, range: point(fact.source.line, 1, 1) };
}

function point(line: number, column: number, length: number): Range {
  return { start: { line, column }, end: { line, column: column + length } };
}

/** Header paths in diagnostics: relative to the standards root when inside it, else absolute. */
function displayPath(file: string, options: { root: string; cwd: string }): string {
  const absolute = path.resolve(options.cwd, file);
  const relative = path.relative(options.root, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
