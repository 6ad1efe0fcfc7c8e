/**
 * Template views of hypercall interfaces: ID constants, the backend trait, the dispatcher, the
 * guest-side client, and one conduit per (architecture, instruction) with inline assembly.
 *
 * Registers, IDs and instructions are the model's (`interface.abis`, `function.id`); the only
 * values written here are the convention's NOT_SUPPORTED fallbacks, used when the standard names
 * no error enum, or one without such a value.
 */
import type { CallAbi, Enum, HypercallFunction, HypercallInterface, Model, RegisterValue } from '../../src/model/types.ts';
import { docComment, intLiteral, type RustInt } from './helpers.ts';
import { ConstNames, constView, type ConstView } from './view-data.ts';
import { methodName, typeName, typePath, valueName, variantNames, type TypeIndex } from './naming.ts';
import { registerType } from './types.ts';
import { pascalCase } from '../../src/names/identifiers.ts';
import { NOT_SUPPORTED } from '../../src/model/hypercall-abi.ts';


const NOT_SUPPORTED_NAME = [/NOT_SUPPORTED$/, /NOT_SUPPORTED/, /ENOSYS$/, /ENOSYS/];
const INVALID_NAME = [/INVALID_PARAM/, /EINVAL$/, /INVAL/];

/** Registers Rust's inline assembly cannot take as operands, per architecture. */
const RESERVED_REGISTERS: Record<string, ReadonlySet<string>> = {
  aarch64: new Set(['x18', 'x19', 'x29', 'x30', 'sp', 'xzr', 'fp', 'lr']),
  x86_64: new Set(['rbp', 'rsp']),
};
/** On x86_64, rbx is reserved by LLVM too, but it can be swapped in and out around the call. */
const SWAPPED_REGISTER = 'rbx';

export interface ParamView {
  ident: string;
  type: string;
  index: number;
  doc: string;
}

export interface FunctionView {
  doc: string;
  method: string;
  idConst: string;
  /** The function ID as a literal of the interface's ID type (match patterns). */
  idLiteral: string;
  /** The function ID as the `u64` the ID register holds. */
  idRegister: string;
  params: ParamView[];
  paramList: string;
  argNames: string;
  /** `a` or `(a, b)`: what a default method body discards. */
  ignoredArgs: string;
  resultType: string;
  results: ParamView[];
  /** For two or more results: the struct that carries them. */
  resultsStruct: { doc: string; name: string; fields: ParamView[] } | null;
  /** SMC32/HVC32: the status is the low 32 bits of the first result register. */
  statusExpr: string;
  /** SMC32/HVC32: arguments are zero-extended from 32 bits (` & 0xffff_ffff`), else empty. */
  argMask: string;
}

export interface OperandView {
  text: string;
}

export interface ConduitView {
  doc: string;
  arch: string;
  name: string;
  asm: string[];
  operands: string[];
}

/** The conduits of one architecture behind an enum, for a choice made at run time. */
export interface RuntimeConduitView {
  arch: string;
  name: string;
  variants: { variant: string; conduit: string }[];
}

export interface InterfaceView {
  doc: string;
  name: string;
  traitName: string;
  dispatchFn: string;
  clientName: string;
  argCount: number;
  argConst: string;
  resultCount: number;
  resultConst: string;
  errorType: string;
  notSupported: string;
  invalid: string;
  /** A default body for trait methods (answer NOT_SUPPORTED) when that status is expressible. */
  hasDefault: boolean;
  idType: RustInt;
  idSelector: string;
  constants: ConstView[];
  functions: FunctionView[];
  conduits: ConduitView[];
  /** Per architecture with two or more conduits. */
  runtimeConduits: RuntimeConduitView[];
  skippedConduits: string[];
}

function pickValue(errors: Enum | null, patterns: RegExp[]): number {
  if (errors === null) return -1;
  for (const pattern of patterns) {
    const index = errors.values.findIndex((value) => pattern.test(value.name));
    if (index >= 0) return index;
  }
  return -1;
}

function paramView(value: RegisterValue, fromSpec: string): ParamView {
  return { ident: valueName(value.name), type: registerType(value.type, fromSpec), index: value.index, doc: value.doc };
}

function functionView(iface: HypercallInterface, fn: HypercallFunction, fromSpec: string): FunctionView {
  const params = fn.args.map((arg) => paramView(arg, fromSpec));
  const results = fn.results.map((result) => paramView(result, fromSpec));
  const structName = `${typeName(iface.name)}${pascalCase(fn.name)}Results`;
  const resultsStruct =
    results.length >= 2
      ? {
          doc: docComment(`Results of [\`${typeName(iface.name)}Handler::${methodName(fn.name)}\`].`),
          name: structName,
          fields: results.map((result) => ({ ...result, doc: docComment(result.doc, '    ') })),
        }
      : null;
  const lines = [fn.doc, '', `Function ID [\`${fn.idName}\`]${fn.memory ? `; arguments in memory: \`${fn.memory}\`` : ''}.`];
  for (const arg of fn.args) lines.push(`- \`${arg.name}\`${arg.doc ? `: ${arg.doc}` : ''}`);
  if (fn.results.length > 0) lines.push('', 'Results:');
  for (const result of fn.results) lines.push(`- \`${result.name}\`${result.doc ? `: ${result.doc}` : ''}`);
  return {
    doc: docComment(lines.join('\n'), '    '),
    method: methodName(fn.name),
    idConst: fn.idName,
    idLiteral: intLiteral(fn.id, iface.convention === 'smccc' ? 'u32' : 'u64'),
    idRegister: intLiteral(fn.id, 'u64'),
    params: params.map((param) => ({ ...param, doc: '' })),
    paramList: params.map((param) => `${param.ident}: ${param.type}`).join(', '),
    argNames: params.map((param) => param.ident).join(', '),
    ignoredArgs: params.length === 1 ? params[0]!.ident : `(${params.map((param) => param.ident).join(', ')})`,
    resultType: results.length === 0 ? '()' : results.length === 1 ? results[0]!.type : structName,
    results,
    resultsStruct,
    statusExpr: iface.convention === 'smccc' && fn.width === 32 ? 'hv_results[0] as u32 as i32 as i64' : 'hv_results[0] as i64',
    argMask: iface.convention === 'smccc' && fn.width === 32 ? ' & 0xffff_ffff' : '',
  };
}

/** Inline assembly for one ABI and instruction, or the reason it cannot be written. */
function conduitView(iface: HypercallInterface, abi: CallAbi, instruction: string, argCount: number, resultCount: number): ConduitView | string {
  if (!/^[a-z]+( #(0x[0-9a-f]+|[0-9]+))?$/.test(instruction)) return `instruction \`${instruction}\` is not one hvspec knows`;
  const reserved = RESERVED_REGISTERS[abi.arch] ?? new Set<string>();
  const all = [abi.idRegister, ...abi.argRegisters, ...abi.resultRegisters, ...abi.clobbers];
  for (const register of all) {
    if (!/^[a-z][a-z0-9]*$/.test(register)) return `register \`${register}\` is not a register name`;
    if (reserved.has(register)) return `register \`${register}\` cannot be an inline-assembly operand`;
  }
  const order: string[] = [];
  for (const register of all) if (!order.includes(register)) order.push(register);
  const operands: string[] = [];
  let swapped: string | null = null;
  for (const register of order) {
    let input: string | null = null;
    if (register === abi.idRegister) input = 'function_id';
    const argIndex = abi.argRegisters.indexOf(register);
    if (argIndex >= 0 && argIndex < argCount) input = `args[${argIndex}]`;
    const resultIndex = abi.resultRegisters.indexOf(register);
    const output = resultIndex >= 0 && resultIndex < resultCount ? `results[${resultIndex}]` : '_';
    if (register === SWAPPED_REGISTER && abi.arch === 'x86_64') {
      // rbx: exchanged with a scratch register before and after the call, so LLVM's value survives.
      swapped = `swap = inout(reg) ${input ?? '0u64'} => ${output},`;
      continue;
    }
    // A register the convention preserves (SMCCC 1.1: x4–x7) is a plain input: LLVM may keep
    // values in it across the call.
    const preserved = resultIndex < 0 && !abi.clobbers.includes(register);
    if (input !== null && preserved) operands.push(`in("${register}") ${input},`);
    else operands.push(input === null ? `lateout("${register}") ${output},` : `inlateout("${register}") ${input} => ${output},`);
  }
  const asm = swapped === null ? [instruction] : ['xchg {swap}, rbx', instruction, 'xchg {swap}, rbx'];
  if (swapped !== null) operands.unshift(swapped);
  const token = instruction.split(' ')[0]!;
  return {
    doc: docComment(`Calls [\`${typeName(iface.name)}Client\`] functions with \`${instruction}\` on ${abi.arch}: ID in \`${abi.idRegister}\`, arguments in ${abi.argRegisters.map((r) => `\`${r}\``).join(', ')}, results in ${abi.resultRegisters.map((r) => `\`${r}\``).join(', ')}.`),
    arch: abi.arch,
    name: `${typeName(iface.name)}${pascalCase(token)}`,
    asm: asm.map((line) => JSON.stringify(line)),
    operands,
  };
}

export function interfaceView(
  iface: HypercallInterface,
  fromSpec: string,
  model: Model,
  types: TypeIndex,
  names: ConstNames,
): InterfaceView {
  const base = typeName(iface.name);
  const upper = iface.name.toUpperCase();
  let errors: Enum | null = null;
  let errorType = 'i64';
  if (iface.errors !== null) {
    const spec = types.find(iface.errors, fromSpec);
    errors = model.specs.find((s) => s.id === spec)?.enums.find((e) => e.name === iface.errors) ?? null;
    if (errors !== null && spec !== null) errorType = typePath(errors.name, spec, fromSpec);
  }
  const variants = errors === null ? [] : variantNames(errors.values.map((value) => value.name));
  const notSupportedIndex = pickValue(errors, NOT_SUPPORTED_NAME);
  const invalidIndex = pickValue(errors, INVALID_NAME);
  const fallback = `${intLiteral(NOT_SUPPORTED[iface.convention], 'i64')}i64`;
  const statusOf = (index: number): string | null => (errors === null ? fallback : index >= 0 ? `${errorType}::${variants[index]}` : null);
  const notSupported = statusOf(notSupportedIndex);
  const invalid = statusOf(invalidIndex) ?? notSupported;
  const argCount = Math.max(0, ...iface.abis.map((abi) => abi.argRegisters.length));
  const resultCount = Math.max(1, ...iface.abis.map((abi) => abi.resultRegisters.length));
  const idType: RustInt = iface.convention === 'smccc' ? 'u32' : 'u64';
  const conduits: ConduitView[] = [];
  const skipped: string[] = [];
  for (const abi of iface.abis) {
    for (const instruction of abi.instructions) {
      const view = conduitView(iface, abi, instruction, argCount, resultCount);
      if (typeof view === 'string') skipped.push(`${abi.arch} \`${instruction}\`: ${view}`);
      else if (!conduits.some((c) => c.name === view.name && c.arch === view.arch)) conduits.push(view);
    }
  }
  return {
    doc: docComment(iface.doc),
    name: base,
    traitName: `${base}Handler`,
    dispatchFn: `dispatch_${valueName(iface.name)}`.replace('r#', ''),
    clientName: `${base}Client`,
    argCount,
    argConst: `${upper}_ARG_REGISTERS`,
    resultCount,
    resultConst: `${upper}_RESULT_REGISTERS`,
    errorType,
    // Without a NOT_SUPPORTED value in the error enum, unknown IDs still get the convention's value.
    notSupported: notSupported ?? fallback,
    invalid: invalid ?? fallback,
    hasDefault: notSupported !== null,
    idType,
    idSelector: iface.convention === 'smccc' ? 'function_id as u32' : 'function_id',
    constants: iface.functions.flatMap((fn) => constView(fn.idName, fn.id, idType, `Function ID of \`${iface.name}.${fn.name}\`. ${fn.doc}`, names)),
    functions: iface.functions.map((fn) => functionView(iface, fn, fromSpec)),
    conduits,
    runtimeConduits: runtimeConduits(base, conduits),
    skippedConduits: skipped,
  };
}

function runtimeConduits(base: string, conduits: ConduitView[]): RuntimeConduitView[] {
  const views: RuntimeConduitView[] = [];
  for (const arch of [...new Set(conduits.map((c) => c.arch))]) {
    const mine = conduits.filter((c) => c.arch === arch);
    if (mine.length < 2) continue;
    // `PsciSmc` → variant `Smc`: the conduit's name after the interface's.
    views.push({ arch, name: `${base}RuntimeConduit`, variants: mine.map((c) => ({ variant: c.name.slice(base.length), conduit: c.name })) });
  }
  return views;
}
