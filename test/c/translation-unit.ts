/**
 * One translation unit that includes every generated header and takes the address of every
 * `static inline` function in them, so the compiler emits each body (an unused inline function
 * is only parsed; its asm constraints and register bindings are checked when code is generated).
 */
import { readFileSync } from 'node:fs';

type Section = 'any' | 'aarch64' | 'x86_64';

const SECTION_GUARD: Record<Exclude<Section, 'any'>, string> = {
  aarch64: 'defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))',
  x86_64: 'defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))',
};

/** Names of the `static inline` functions of a header, by the architecture section they sit in. */
export function inlineFunctions(text: string): Record<Section, string[]> {
  const found: Record<Section, string[]> = { any: [], aarch64: [], x86_64: [] };
  let section: Section = 'any';
  for (const line of text.split('\n')) {
    if (line.startsWith('#if defined(__aarch64__)')) section = 'aarch64';
    else if (line.startsWith('#if defined(__x86_64__)')) section = 'x86_64';
    else if (/^#endif \/\* defined\(__(aarch64|x86_64)__\)/.test(line)) section = 'any';
    const fn = /^static inline .*?\b([A-Za-z_]\w*)\(/.exec(line);
    if (fn) found[section].push(fn[1]!);
  }
  return found;
}

function table(name: string, functions: string[]): string[] {
  if (functions.length === 0) return [];
  return [
    `extern const hvspec_test_fn ${name}[];`,
    `const hvspec_test_fn ${name}[] = {`,
    ...functions.map((f) => `\t(hvspec_test_fn)${f},`),
    '};',
  ];
}

/** The source of the unit for the given header paths (absolute; common header first). */
export function allHeadersUnit(headers: string[]): string {
  const all: Record<Section, string[]> = { any: [], aarch64: [], x86_64: [] };
  for (const header of headers) {
    const found = inlineFunctions(readFileSync(header, 'utf8'));
    for (const section of Object.keys(all) as Section[]) all[section].push(...found[section]);
  }
  return [
    ...headers.map((h) => `#include "${h}"`),
    '',
    '/* void (*)(void) is the one function-pointer type GCC lets any function be cast to without -Wcast-function-type. */',
    'typedef void (*hvspec_test_fn)(void);',
    ...table('hvspec_test_common', all.any),
    `#if ${SECTION_GUARD.aarch64}`,
    ...table('hvspec_test_aarch64', all.aarch64),
    '#endif',
    `#if ${SECTION_GUARD.x86_64}`,
    ...table('hvspec_test_x86_64', all.x86_64),
    '#endif',
    '',
  ].join('\n');
}
