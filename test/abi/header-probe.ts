/**
 * Header probe: the facts a real C header defines (constant values, struct sizes and member
 * offsets), read by the real compiler, so the corpus is checked against the ABI vendors already
 * ship (Linux uapi, Xen public headers) and never against hvspec's own output.
 *
 * Three steps, usable separately:
 * - `scanHeader` lists the names a header defines with a small tokenizer (no libclang);
 * - `probeHeaders` compiles ONE C program that prints every requested fact, runs it and parses
 *   the output (names the compiler rejects — e.g. a define that is not an integer, or one hidden
 *   behind `#ifdef __KERNEL__` — are dropped by line number and listed in `unresolved`);
 * - `assertFactsCompile` is the compile-only twin for cross compilers whose output cannot run:
 *   one `_Static_assert` per fact, mismatches read back from the compiler's messages by line.
 *
 * `modelFacts` flattens a canonical model into the same shape, and `compareFacts` diffs the two.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failingLines as probeFailingLines, runCompiler as runProbeCompiler } from '../../src/conform/probe.ts';
import { walkFields } from '../../src/model/fields.ts';
import type { Model, TypeRef } from '../../src/model/types.ts';

/** How a struct is named in C: `struct tag`, `union tag`, or a typedef of an anonymous struct. */
export type AggregateKind = 'struct' | 'union' | 'typedef';

export interface StructFacts {
  size: number;
  fields: Map<string, { offset: number; size: number }>;
  /** How to spell the type in C; `struct` when absent. */
  kind?: AggregateKind;
}

export interface HeaderFacts {
  constants: Map<string, bigint>;
  /**
   * C type of each constant (`int`, `unsigned int`, `long`, `unsigned long`, `long long`,
   * `unsigned long long`, or `other`), as `_Generic` sees it; absent when unknown (a table copied
   * from a header with no compiler behind it). Compared only where both sides have one.
   */
  constantTypes?: Map<string, string>;
  structs: Map<string, StructFacts>;
  /** Names `probeHeaders` asked for but the compiler rejected (e.g. `FOO` or `s.f`), with the compiler's reason. */
  unresolved?: Map<string, string>;
}

export interface ScannedStruct {
  name: string;
  fields: string[];
  kind?: AggregateKind;
}

export interface HeaderNames {
  constants: string[];
  structs: ScannedStruct[];
}

export interface CompileOptions {
  compiler?: string;
  cflags?: string[];
  includeDirs?: string[];
}

// -------------------------------------------------------------------------------------------------
// scanHeader

/**
 * Names a header defines: object-like `#define` constants whose body looks like an integer
 * expression, enumerators (`enumerators: false` to leave them out), and struct/union tags with
 * their member names. Nested anonymous structs/unions are flattened into their parent (C11
 * anonymous members are addressable by `offsetof`). Function-like macros, empty defines (include
 * guards, feature macros), string and floating-point defines are skipped. Preprocessor
 * conditionals are ignored: every branch is scanned, and the compiler decides in `probeHeaders`.
 */
export function scanHeader(path: string, options: { enumerators?: boolean } = {}): HeaderNames {
  const source = joinContinuations(stripComments(readFileSync(path, 'utf8')));
  const constants: string[] = [];
  const code: string[] = [];
  for (const line of source.split('\n')) {
    const directive = /^\s*#\s*(\w+)(.*)$/.exec(line);
    if (!directive) {
      code.push(line);
      continue;
    }
    code.push('');
    if (directive[1] !== 'define') continue;
    const define = /^\s+([A-Za-z_]\w*)(\(?)(.*)$/.exec(directive[2]!);
    if (!define || define[2] === '(') continue; // function-like macro
    if (looksLikeIntegerExpression(define[3]!.trim())) constants.push(define[1]!);
  }
  const parsed = parseDeclarations(tokenize(code.join('\n')));
  if (options.enumerators !== false) constants.push(...parsed.enumerators);
  return { constants: unique(constants), structs: parsed.structs };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end < 0 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' '); // keep line structure
      i += comment.length;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function joinContinuations(text: string): string {
  return text.replace(/\\\r?\n/g, ' ');
}

/** Integer literals, identifiers, operators, parentheses: no strings, floats, braces or statements. */
function looksLikeIntegerExpression(body: string): boolean {
  if (body === '') return false;
  if (/["'{};]/.test(body)) return false;
  if (/(^|[^\w.])\d+\.\d*|\b\d+[eE][+-]?\d/.test(body) && !/0[xX][0-9a-fA-F]*[eE]/.test(body)) return false;
  return /^[\w\s()+\-*/%<>|&^~!?:,]+$/.test(body);
}

type Token = string;

function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|([A-Za-z_]\w*)|(0[xX][0-9a-fA-F]+\w*|\d+\w*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(->|<<|>>|[^\s])/g;
  for (const match of code.matchAll(pattern)) {
    const token = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

/** Removes `__attribute__((...))`, `__attribute((...))` and `__declspec(...)` groups. */
function withoutAttributes(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^(__attribute__|__attribute|__declspec|_Alignas|alignas)$/.test(tokens[i]!) && tokens[i + 1] === '(') {
      i = matching(tokens, i + 1);
      continue;
    }
    out.push(tokens[i]!);
  }
  return out;
}

/** Index of the bracket closing the one at `open`. */
function matching(tokens: Token[], open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const close = pairs[tokens[open]!]!;
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i] === tokens[open]) depth++;
    else if (tokens[i] === close && --depth === 0) return i;
  }
  return tokens.length - 1;
}

interface Declarations {
  structs: ScannedStruct[];
  enumerators: string[];
}

function parseDeclarations(rawTokens: Token[]): Declarations {
  const tokens = withoutAttributes(rawTokens);
  const result: Declarations = { structs: [], enumerators: [] };
  const seen = new Set<string>();
  const record = (struct: ScannedStruct): void => {
    const key = `${struct.kind ?? 'struct'} ${struct.name}`;
    if (seen.has(key)) return; // first definition wins (e.g. per-architecture #if branches)
    seen.add(key);
    result.structs.push(struct);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'enum') {
      const open = tokens[i + 1] === '{' ? i + 1 : tokens[i + 2] === '{' ? i + 2 : -1;
      if (open < 0) continue;
      const close = matching(tokens, open);
      result.enumerators.push(...enumeratorNames(tokens.slice(open + 1, close)));
      i = close;
    } else if (token === 'struct' || token === 'union') {
      const tagged = /^[A-Za-z_]\w*$/.test(tokens[i + 1] ?? '') && tokens[i + 2] === '{';
      const open = tagged ? i + 2 : tokens[i + 1] === '{' ? i + 1 : -1;
      if (open < 0) continue;
      const close = matching(tokens, open);
      const fields = memberNames(tokens.slice(open + 1, close), record);
      const typedefName = tokens[i - 1] === 'typedef' ? declaratorNames(tokens.slice(close + 1, statementEnd(tokens, close + 1)))[0] : undefined;
      if (tagged) record({ name: tokens[i + 1]!, fields, kind: token });
      else if (typedefName) record({ name: typedefName, fields, kind: 'typedef' });
      i = close;
    }
  }
  return result;
}

function statementEnd(tokens: Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i] === '(' || tokens[i] === '[' || tokens[i] === '{') i = matching(tokens, i);
    else if (tokens[i] === ';') return i;
  }
  return tokens.length;
}

function enumeratorNames(body: Token[]): string[] {
  return splitTopLevel(body, ',')
    .map((part) => part[0])
    .filter((name): name is string => name !== undefined && /^[A-Za-z_]\w*$/.test(name));
}

/** Member names of a struct/union body; nested tagged definitions are recorded too. */
function memberNames(body: Token[], record: (struct: ScannedStruct) => void): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < body.length) {
    const end = statementEnd(body, i);
    const declaration = body.slice(i, end);
    i = end + 1;
    if (declaration.length === 0) continue;
    const braceAt = declaration.indexOf('{');
    if ((declaration[0] === 'struct' || declaration[0] === 'union') && braceAt >= 0 && braceAt <= 2) {
      const close = matching(declaration, braceAt);
      const inner = memberNames(declaration.slice(braceAt + 1, close), record);
      if (braceAt === 2) record({ name: declaration[1]!, fields: inner, kind: declaration[0] });
      const declarators = declaratorNames(declaration.slice(close + 1));
      if (declarators.length === 0) names.push(...inner); // anonymous member: flattened
      else names.push(...declarators);
    } else {
      // `struct tag name`, `__le32 a, b[4]`, `XEN_GUEST_HANDLE(x) h`: the type is the first part.
      names.push(...declaratorNames(declaration, true));
    }
  }
  return names;
}

/**
 * Names declared by a declarator list. With `withType`, the tokens start with the type: the
 * first comma-separated part's name is its last identifier at the outer level before `[` or `:`.
 */
function declaratorNames(tokens: Token[], withType = false): string[] {
  const names: string[] = [];
  for (const part of splitTopLevel(tokens, ',')) {
    const name = declaratorName(part, withType);
    if (name) names.push(name);
  }
  return names;
}

function declaratorName(part: Token[], _withType: boolean): string | undefined {
  // Function pointer: `ret (*name)(args)`.
  for (let i = 0; i < part.length; i++) {
    if (part[i] === '(' && part[i + 1] === '*') {
      const name = part.slice(i + 2, matching(part, i)).find((t) => /^[A-Za-z_]\w*$/.test(t) && !QUALIFIERS.has(t));
      if (name) return name;
    }
  }
  let name: string | undefined;
  for (let i = 0; i < part.length; i++) {
    const t = part[i]!;
    if (t === '[' || t === ':' || t === '=') break;
    if (t === '(') {
      i = matching(part, i);
      continue;
    }
    if (/^[A-Za-z_]\w*$/.test(t) && !QUALIFIERS.has(t)) name = t;
  }
  return name;
}

const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '__restrict', '__restrict__', '__extension__']);

function splitTopLevel(tokens: Token[], separator: string): Token[][] {
  const parts: Token[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '(' || t === '[' || t === '{') {
      const close = matching(tokens, i);
      parts[parts.length - 1]!.push(...tokens.slice(i, close + 1));
      i = close;
    } else if (t === separator) parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

// -------------------------------------------------------------------------------------------------
// probeHeaders

/** One line of the generated C program: the fact it prints and the statement. */
interface ProbeLine {
  fact: FactKey;
  statement: string;
}

type FactKey =
  | { kind: 'constant'; name: string }
  | { kind: 'size'; struct: string }
  | { kind: 'offset'; struct: string; field: string }
  | { kind: 'member-size'; struct: string; field: string };

function cType(name: string, kind: AggregateKind | undefined): string {
  return kind === 'typedef' ? name : `${kind ?? 'struct'} ${name}`;
}

function includeLine(include: string): string {
  return include.startsWith('/') || include.startsWith('.') ? `#include "${include}"` : `#include <${include}>`;
}

function factLabel(fact: FactKey): string {
  switch (fact.kind) {
    case 'constant': return fact.name;
    case 'size': return `sizeof(${fact.struct})`;
    case 'offset': return `offsetof(${fact.struct}, ${fact.field})`;
    case 'member-size': return `sizeof(${fact.struct}.${fact.field})`;
  }
}

/**
 * Compiles and runs one C program that prints every requested constant (sign flag and value as
 * `unsigned long long`, so 64-bit and negative values survive) and every struct's size, member
 * offsets and member sizes. A member whose offset compiles but whose `sizeof` does not is a
 * flexible array member: size 0. Names the compiler rejects are retried without and reported in
 * `unresolved`.
 */
export function probeHeaders(includes: string[], names: HeaderNames, options: CompileOptions = {}): HeaderFacts {
  const kinds = new Map(names.structs.map((s) => [s.name, s.kind]));
  let lines: ProbeLine[] = [];
  for (const name of names.constants) {
    // `| 0` rejects floating and pointer values at compile time: only integers are facts here.
    // The C type is read from the macro itself (not `| 0`, which promotes).
    lines.push({ fact: { kind: 'constant', name }, statement: `printf("c %s %d %llu %s\\n", "${name}", (int)(((${name}) | 0) < 0), (unsigned long long)((${name}) | 0), HVSPEC_PROBE_CTYPE(${name}));` });
  }
  for (const struct of names.structs) {
    const type = cType(struct.name, struct.kind);
    lines.push({ fact: { kind: 'size', struct: struct.name }, statement: `printf("s %s %zu\\n", "${struct.name}", sizeof(${type}));` });
    for (const field of struct.fields) {
      lines.push({ fact: { kind: 'offset', struct: struct.name, field }, statement: `printf("o %s %s %zu\\n", "${struct.name}", "${field}", offsetof(${type}, ${field}));` });
      lines.push({ fact: { kind: 'member-size', struct: struct.name, field }, statement: `printf("m %s %s %zu\\n", "${struct.name}", "${field}", sizeof(((${type} *)0)->${field}));` });
    }
  }
  const unresolved = new Map<string, string>();
  const flexible = new Set<string>();
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-probe-'));
  try {
    for (let attempt = 0; ; attempt++) {
      const prologue = ['#include <stdio.h>', '#include <stddef.h>', ...includes.map(includeLine), C_TYPE_MACRO, 'int main(void) {'];
      const program = [...prologue, ...lines.map((l) => `  ${l.statement}`), '  return 0;', '}', ''].join('\n');
      const source = join(dir, 'probe.c');
      const binary = join(dir, 'probe');
      writeFileSync(source, program);
      const compiled = runCompiler(options, [...(options.cflags ?? []), '-w', '-o', binary, source]);
      if (compiled.ok) {
        const output = execFileSync(binary, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        return parseProbeOutput(output, kinds, flexible, unresolved);
      }
      const failing = failingLines(compiled.output, source, prologue.length);
      if (failing.size === 0 || attempt >= 8) {
        throw new Error(`probe compilation failed (${options.compiler ?? 'gcc'}):\n${compiled.output.slice(0, 4000)}`);
      }
      const bad = new Set<number>();
      for (const [index, message] of failing) {
        const line = lines[index];
        if (!line) continue;
        bad.add(index);
        const fact = line.fact;
        if (fact.kind === 'member-size') flexible.add(`${fact.struct}.${fact.field}`);
        else unresolved.set(fact.kind === 'constant' ? fact.name : fact.kind === 'size' ? fact.struct : `${fact.struct}.${fact.field}`, message);
      }
      // A struct that cannot be sized takes its members with it; a member whose offset fails is no flexible array.
      const deadStructs = new Set([...bad].map((i) => lines[i]!.fact).filter((f) => f.kind === 'size').map((f) => (f as { struct: string }).struct));
      const deadMembers = new Set([...bad].map((i) => lines[i]!.fact).filter((f) => f.kind === 'offset').map((f) => `${(f as { struct: string }).struct}.${(f as { field: string }).field}`));
      for (const member of deadMembers) flexible.delete(member);
      lines = lines.filter((line, index) => {
        if (bad.has(index)) return false;
        const f = line.fact;
        if (f.kind !== 'constant' && deadStructs.has(f.struct)) return false;
        if (f.kind === 'member-size' && deadMembers.has(`${f.struct}.${f.field}`)) return false;
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The C type of an integer expression, as a string (C11 `_Generic`; char and short promote in a macro's use anyway). */
const C_TYPE_MACRO = '#define HVSPEC_PROBE_CTYPE(x) _Generic((x), int: "int", unsigned int: "unsigned int", long: "long", unsigned long: "unsigned long", '
  + 'long long: "long long", unsigned long long: "unsigned long long", default: "other")';

/** The compiler of `options` on `args` (src/conform/probe.ts runs it: every error reported). */
function runCompiler(options: CompileOptions, args: string[]): { ok: boolean; output: string } {
  return runProbeCompiler(options.compiler ?? 'gcc', [...(options.includeDirs ?? []).map((d) => `-I${d}`), ...args]);
}

/** Indexes (0-based, into the fact lines after `firstLine` prologue lines) of the lines the compiler rejected. */
function failingLines(output: string, source: string, firstLine: number): Map<number, string> {
  const failing = new Map<number, string>();
  for (const [line, message] of probeFailingLines(output, source)) if (line - 1 - firstLine >= 0) failing.set(line - 1 - firstLine, message);
  return failing;
}

function parseProbeOutput(output: string, kinds: Map<string, AggregateKind | undefined>, flexible: Set<string>, unresolved: Map<string, string>): HeaderFacts {
  const facts: HeaderFacts = { constants: new Map(), constantTypes: new Map(), structs: new Map(), unresolved };
  const struct = (name: string): StructFacts => {
    let s = facts.structs.get(name);
    if (!s) {
      s = { size: 0, fields: new Map(), kind: kinds.get(name) ?? 'struct' };
      facts.structs.set(name, s);
    }
    return s;
  };
  const memberSizes = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [tag, a, b, c, ...rest] = line.split(' ');
    if (tag === 'c') {
      facts.constants.set(a!, b === '1' ? BigInt(c!) - (1n << 64n) : BigInt(c!));
      facts.constantTypes!.set(a!, rest.join(' '));
    }
    else if (tag === 's') struct(a!).size = Number(b);
    else if (tag === 'o') struct(a!).fields.set(b!, { offset: Number(c), size: 0 });
    else if (tag === 'm') memberSizes.set(`${a}.${b}`, Number(c));
  }
  for (const [name, s] of facts.structs) {
    for (const [field, f] of s.fields) {
      const key = `${name}.${field}`;
      f.size = flexible.has(key) ? 0 : memberSizes.get(key) ?? 0;
    }
  }
  return facts;
}

// -------------------------------------------------------------------------------------------------
// assertFactsCompile

/**
 * Compile-only check for cross compilers: one `_Static_assert` per expected fact, each on its own
 * line, compiled with `-fsyntax-only`. Returns one readable line per fact that failed (assertion
 * false, or the name does not compile); empty when the header agrees with every fact.
 * Flexible array members (expected size 0) get an offset check only.
 */
export function assertFactsCompile(includes: string[], expected: HeaderFacts, options: CompileOptions & { compiler: string }): string[] {
  const facts: { label: string; assertion: string }[] = [];
  for (const [name, value] of expected.constants) {
    const negative = value < 0n;
    const bits = BigInt.asUintN(64, value);
    facts.push({
      label: `${name} == ${value}`,
      assertion: `(unsigned long long)((${name}) | 0) == 0x${bits.toString(16)}ULL && (((${name}) | 0) < 0) == ${negative ? 1 : 0}`,
    });
  }
  for (const [name, s] of expected.structs) {
    const type = cType(name, s.kind);
    facts.push({ label: `sizeof(${name}) == ${s.size}`, assertion: `sizeof(${type}) == ${s.size}` });
    for (const [field, f] of s.fields) {
      facts.push({ label: `offsetof(${name}, ${field}) == ${f.offset}`, assertion: `offsetof(${type}, ${field}) == ${f.offset}` });
      if (f.size > 0) facts.push({ label: `sizeof(${name}.${field}) == ${f.size}`, assertion: `sizeof(((${type} *)0)->${field}) == ${f.size}` });
    }
  }
  const prologue = ['#include <stddef.h>', ...includes.map(includeLine)];
  const program = [...prologue, ...facts.map((f, i) => `_Static_assert(${f.assertion}, "fact ${i}");`), ''].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'hvspec-assert-'));
  try {
    const source = join(dir, 'facts.c');
    writeFileSync(source, program);
    const compiled = runCompiler(options, [...(options.cflags ?? []), '-std=gnu11', '-w', '-fsyntax-only', source]);
    if (compiled.ok) return [];
    const failing = failingLines(compiled.output, source, prologue.length);
    if (failing.size === 0) throw new Error(`fact compilation failed (${options.compiler}):\n${compiled.output.slice(0, 4000)}`);
    return [...failing]
      .filter(([index]) => facts[index] !== undefined)
      .sort(([a], [b]) => a - b)
      .map(([index, message]) => (/static.?assert/i.test(message) ? `${facts[index]!.label}: false` : `${facts[index]!.label}: does not compile (${message})`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// -------------------------------------------------------------------------------------------------
// modelFacts and compareFacts

/**
 * The facts a model defines, under the names generated C uses: constants, enum values, flag
 * masks, feature bits, device IDs (their `idName`), hypercall function IDs (their `idName`), and
 * every struct/union's size and member offsets/sizes. A flexible array member has size 0.
 */
export function modelFacts(model: Model): HeaderFacts {
  const facts: HeaderFacts = { constants: new Map(), constantTypes: new Map(), structs: new Map() };
  const set = (name: string, value: string | number, cType: string | undefined, aliases: string[] = []): void => {
    for (const n of [name, ...aliases]) {
      if (facts.constants.has(n)) continue;
      facts.constants.set(n, BigInt(value));
      if (cType) facts.constantTypes!.set(n, cType);
    }
  };
  for (const spec of model.specs) {
    for (const group of spec.constants) for (const c of group.constants) set(c.name, c.value, c.cType, c.aliases);
    for (const e of spec.enums) for (const v of e.values) set(v.name, v.value, v.cType, v.aliases);
    for (const f of spec.flags) for (const flag of f.flags) set(flag.name, flag.mask, flag.cType, flag.aliases);
    // Feature bits and device IDs are printed as plain decimal literals: int.
    for (const set_ of spec.features) for (const feature of set_.features) set(feature.name, feature.bit, 'int', feature.aliases);
    for (const device of spec.devices) {
      set(device.idName, device.id, 'int');
      for (const feature of device.features) set(feature.name, feature.bit, 'int', feature.aliases);
    }
    // As generators/c/wrappers.ts prints them: SMCCC IDs with a U suffix, others the smallest type.
    for (const hypercalls of spec.hypercalls) for (const fn of hypercalls.functions) set(fn.idName, fn.id, functionIdType(BigInt(fn.id), hypercalls.convention === 'smccc'));
    for (const map of spec.registers ?? []) {
      for (const register of map.registers) {
        set(register.name, register.offset, 'int');
        for (const bf of register.bitfields) set(bf.name, bf.mask, 'int');
      }
    }
    for (const struct of spec.structs) {
      const fields = new Map<string, { offset: number; size: number }>();
      // Through inline members, under their C paths (`csum_start`, `csum`, `csum.start`), as offsetof names them.
      for (const { field, path } of walkFields(struct.fields)) {
        if (!field.anonymous) fields.set(path, { offset: field.offset, size: isFlexible(field.type) ? 0 : field.size });
      }
      facts.structs.set(struct.name, { size: struct.size, fields, kind: struct.kind });
    }
  }
  return facts;
}

function functionIdType(id: bigint, smccc: boolean): string {
  if (smccc && id <= 0xffffffffn) return 'unsigned int';
  if (id >= -(1n << 31n) && id < 1n << 31n) return 'int';
  if (id >= 0n && id <= 0xffffffffn) return 'unsigned int';
  return id < 1n << 63n ? 'long long' : 'unsigned long long';
}

function isFlexible(type: TypeRef): boolean {
  return type.kind === 'array' && type.length === null;
}

export interface FactDifferences {
  missing: string[];
  mismatched: string[];
  /** Exception keys that matched nothing in the reference (stale exceptions hide nothing and should go). */
  unusedExceptions: string[];
}

/**
 * Differences between a reference (a real header) and ours (the model), as readable lines.
 * Exception keys: a constant name, a struct name (skips the whole struct), `struct.field`,
 * `sizeof(struct)` (skips only the struct's total size), or `type(NAME)` (skips only the
 * constant's C type). C types are compared where both sides know them.
 */
export function compareFacts(reference: HeaderFacts, ours: HeaderFacts, exceptions: Map<string, string>): FactDifferences {
  const missing: string[] = [];
  const mismatched: string[] = [];
  const used = new Set<string>();
  const excepted = (key: string): boolean => {
    if (!exceptions.has(key)) return false;
    used.add(key);
    return true;
  };
  for (const [name, value] of reference.constants) {
    if (excepted(name)) continue;
    const mine = ours.constants.get(name);
    if (mine === undefined) missing.push(`constant ${name} (= ${value})`);
    else if (mine !== value) mismatched.push(`constant ${name}: header ${value}, model ${mine}`);
    else {
      const theirs = reference.constantTypes?.get(name);
      const ourType = ours.constantTypes?.get(name);
      if (theirs !== undefined && ourType !== undefined && theirs !== ourType && !excepted(`type(${name})`)) {
        mismatched.push(`constant ${name}: header type ${theirs}, model type ${ourType}`);
      }
    }
  }
  for (const [name, struct] of reference.structs) {
    if (excepted(name)) continue;
    const mine = ours.structs.get(name);
    if (!mine) {
      missing.push(`struct ${name} (size ${struct.size})`);
      continue;
    }
    if (mine.size !== struct.size && !excepted(`sizeof(${name})`)) mismatched.push(`sizeof(${name}): header ${struct.size}, model ${mine.size}`);
    for (const [field, f] of struct.fields) {
      if (excepted(`${name}.${field}`)) continue;
      const m = mine.fields.get(field);
      if (!m) missing.push(`field ${name}.${field} (offset ${f.offset}, size ${f.size})`);
      else if (m.offset !== f.offset || m.size !== f.size) mismatched.push(`field ${name}.${field}: header offset ${f.offset} size ${f.size}, model offset ${m.offset} size ${m.size}`);
    }
  }
  const unusedExceptions = [...exceptions.keys()].filter((key) => !used.has(key));
  return { missing, mismatched, unusedExceptions };
}
