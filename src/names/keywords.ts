/**
 * Keywords and reserved words of the target languages, in one place so the checker and every
 * generator agree. C and C++ names cannot be escaped (the C headers must use the names existing
 * code uses), so the checker rejects them; Rust and TypeScript keywords are escaped by those
 * generators (see escapeRust / escapeTs in ./identifiers.ts).
 */

/** C keywords through C23, including the underscore-capital spellings. */
export const C_KEYWORDS: ReadonlySet<string> = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum',
  'extern', 'float', 'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return',
  'short', 'signed', 'sizeof', 'static', 'struct', 'switch', 'typedef', 'union', 'unsigned', 'void',
  'volatile', 'while', '_Alignas', '_Alignof', '_Atomic', '_Bool', '_Complex', '_Generic',
  '_Imaginary', '_Noreturn', '_Static_assert', '_Thread_local', 'alignas', 'alignof', 'bool',
  'constexpr', 'false', 'nullptr', 'static_assert', 'thread_local', 'true', 'typeof',
  'typeof_unqual', '_BitInt', '_Decimal32', '_Decimal64', '_Decimal128',
]);

/** C++ keywords (C++20) that are not C keywords, plus alternative operator spellings. */
export const CPP_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'and_eq', 'asm', 'bitand', 'bitor', 'catch', 'char8_t', 'char16_t', 'char32_t', 'class',
  'compl', 'concept', 'consteval', 'constinit', 'const_cast', 'co_await', 'co_return', 'co_yield',
  'decltype', 'delete', 'dynamic_cast', 'explicit', 'export', 'friend', 'mutable', 'namespace',
  'new', 'noexcept', 'not', 'not_eq', 'operator', 'or', 'or_eq', 'private', 'protected', 'public',
  'reinterpret_cast', 'requires', 'static_cast', 'template', 'this', 'throw', 'try', 'typeid',
  'typename', 'using', 'virtual', 'wchar_t', 'xor', 'xor_eq',
]);

/** Rust strict and reserved keywords (2021 edition), and `gen` (2024). */
export const RUST_KEYWORDS: ReadonlySet<string> = new Set([
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if',
  'impl', 'in', 'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'self',
  'Self', 'static', 'struct', 'super', 'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while',
  'async', 'await', 'dyn', 'abstract', 'become', 'box', 'do', 'final', 'macro', 'override', 'priv',
  'typeof', 'unsized', 'virtual', 'yield', 'try', 'gen', 'union',
]);

/** Rust keywords that cannot be raw identifiers (`r#self` is invalid). */
export const RUST_NON_RAW: ReadonlySet<string> = new Set(['self', 'Self', 'super', 'crate', '_']);

/** TypeScript/JavaScript reserved words and strict-mode reserved words, plus TS type keywords. */
export const TS_KEYWORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private',
  'protected', 'public', 'static', 'yield', 'await', 'arguments', 'eval', 'any', 'boolean',
  'never', 'number', 'object', 'string', 'symbol', 'bigint', 'unknown', 'undefined', 'type',
  'declare', 'namespace', 'module', 'readonly', 'keyof', 'infer', 'is', 'asserts', 'abstract',
  'as', 'satisfies', 'out', 'accessor', 'constructor', 'require', 'global', 'of', 'get', 'set',
]);
