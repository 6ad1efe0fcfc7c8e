/**
 * Guest-side call wrappers of a hypercall interface, from the ABIs the model computed
 * (`interface.abis`: instruction, ID/argument/result registers, clobbers per architecture).
 *
 * Per interface: one result struct (the result registers as uint64_t), one generic wrapper per
 * architecture and instruction (`psci_hvc(function_id, arg0, …)`) and one typed wrapper per
 * function and instruction (`psci_cpu_on_hvc(target_cpu, …)`). Register bindings use GNU local
 * register variables (`register uint64_t reg_x0 __asm__("x0")`), the documented way to pin an
 * asm operand to a register on both arm64 and x86-64.
 */
import type { Arch, CallAbi, HypercallFunction, HypercallInterface, RegisterValue } from '../../src/model/types.ts';
import { NOT_SUPPORTED } from '../../src/model/hypercall-abi.ts';
import { alignNames, cInteger, cScalarType, docComment, groupHeading } from './helpers.ts';
import type { NameRegistry } from './names.ts';
import type { DefineView, GroupView } from './view.ts';

export interface RegisterBinding {
  variable: string;
  register: string;
  /** Initial value (an input), or null for a result-only register. */
  init: string | null;
}

export interface GenericWrapperView {
  name: string;
  instruction: string;
  params: string;
  bindings: RegisterBinding[];
  /** Output operands: results, and inputs the call may change. */
  operands: string;
  /** Input-only operands: arguments in registers the convention preserves. */
  inputs: string;
  clobbers: string;
  results: { field: string; variable: string }[];
}

export interface TypedWrapperView {
  doc: string;
  name: string;
  returnType: string;
  params: string;
  call: string;
  /** `return (int32_t)regs.r0;`-style statements after the call (the body's tail). */
  tail: string[];
}

export interface ArchWrappersView {
  guard: string;
  generic: GenericWrapperView[];
  typed: TypedWrapperView[];
}

/** A call through the conduit chosen at run time: one branch per (architecture, instruction). */
export interface RuntimeWrapperView {
  name: string;
  params: string;
  /** `(void)arg0;` for every parameter: on an architecture with no branch they go unused. */
  unused: string[];
  arches: { guard: string; branches: { conduit: string; call: string }[] }[];
  /** Assignments of the answer for a conduit the interface does not have. */
  unsupported: string[];
  /** That answer's r0, for the doc comment: `-1`. */
  unsupportedValue: string;
}

export interface HypercallView {
  ids: GroupView;
  resultStruct: { name: string; interface: string; fields: string[] } | null;
  functionResultStructs: { doc: string; name: string; fields: string[] }[];
  arches: ArchWrappersView[];
  /** Present when the interface has more than one conduit. */
  runtime: RuntimeWrapperView | null;
  runtimeTyped: TypedWrapperView[];
}

const ARCH_MACRO: Record<Arch, string> = { aarch64: '__aarch64__', x86_64: '__x86_64__' };
/** Instruction and register names are model output, but they land inside a C string: check their shape. */
const SAFE_INSTRUCTION = /^[a-z]+( #(0x[0-9a-f]+|[0-9]+))?$/;
const SAFE_REGISTER = /^[a-z][a-z0-9]*$/;

function mnemonic(instruction: string): string {
  return instruction.split(' ')[0]!;
}

/**
 * `ffa` + `FFA_ID_GET_32` → `ffa_id_get_32`; `psci` + `CPU_ON` → `psci_cpu_on`: the interface name,
 * then the function name in lower case without the words it repeats from the interface's end.
 */
export function functionStem(iface: string, fn: string): string {
  const ifaceWords = iface.split('_');
  const fnWords = fn.toLowerCase().split('_');
  for (let k = Math.min(ifaceWords.length, fnWords.length - 1); k > 0; k--) {
    if (ifaceWords.slice(-k).join('_') === fnWords.slice(0, k).join('_')) return [...ifaceWords, ...fnWords.slice(k)].join('_');
  }
  return [...ifaceWords, ...fnWords].join('_');
}

function valueType(value: RegisterValue): string | null {
  return value.type.kind === 'array' || value.type.kind === 'struct' || value.type.kind === 'union' ? null : cScalarType(value.type);
}

/** How many argument and result slots the generic wrapper needs: the most any function uses. */
function slots(iface: HypercallInterface): { args: number; results: number } {
  let args = 0;
  let results = 1;
  for (const fn of iface.functions) {
    args = Math.max(args, ...fn.args.map((a) => a.index + 1));
    results = Math.max(results, ...fn.results.map((r) => r.index + 1));
  }
  return { args, results };
}

function genericWrapper(iface: HypercallInterface, abi: CallAbi, instruction: string, counts: { args: number; results: number }, names: NameRegistry): GenericWrapperView | null {
  const name = `${iface.name}_${mnemonic(instruction)}`;
  const registers = [abi.idRegister, ...abi.argRegisters.slice(0, counts.args), ...abi.resultRegisters.slice(0, counts.results)];
  if (!SAFE_INSTRUCTION.test(instruction) || !registers.every((r) => SAFE_REGISTER.test(r)) || !abi.clobbers.every((r) => SAFE_REGISTER.test(r))) {
    names.warn(`C: no ${abi.arch} wrappers for ${iface.name}: instruction ${JSON.stringify(instruction)} or its registers are not in the expected form`);
    return null;
  }
  if (counts.args > abi.argRegisters.length || counts.results > abi.resultRegisters.length) {
    names.warn(`C: no ${abi.arch} wrappers for ${iface.name}: a function uses more registers than the ABI has`);
    return null;
  }
  if (!names.claim(name, `hypercalls ${iface.name}`)) return null;

  const bindings = new Map<string, RegisterBinding>();
  const bind = (register: string, init: string | null): void => {
    const existing = bindings.get(register);
    if (existing) {
      if (init !== null) existing.init = init;
      return;
    }
    bindings.set(register, { variable: `reg_${register}`, register, init });
  };
  bind(abi.idRegister, 'function_id');
  abi.argRegisters.slice(0, counts.args).forEach((r, i) => bind(r, `arg${i}`));
  abi.resultRegisters.slice(0, counts.results).forEach((r) => bind(r, null));

  const bound = [...bindings.values()];
  // An input the call may change (a result or clobbered register) is "+r"; one the convention
  // preserves (SMCCC 1.1: x4–x7) is a plain input. Result-only registers are plain outputs.
  const results = new Set(abi.resultRegisters.slice(0, counts.results));
  const changed = (b: RegisterBinding): boolean => results.has(b.register) || abi.clobbers.includes(b.register);
  const operands = bound.filter((b) => b.init === null || changed(b)).map((b) => `${b.init === null ? '"=r"' : '"+r"'}(${b.variable})`).join(', ');
  const inputs = bound.filter((b) => b.init !== null && !changed(b)).map((b) => `"r"(${b.variable})`).join(', ');
  const clobbers = ['"memory"', '"cc"', ...abi.clobbers.filter((r) => !bindings.has(r)).map((r) => `"${r}"`)].join(', ');
  const params = ['uint64_t function_id', ...Array.from({ length: counts.args }, (_, i) => `uint64_t arg${i}`)].join(', ');
  return {
    name,
    instruction,
    params,
    bindings: bound,
    operands,
    inputs,
    clobbers,
    results: abi.resultRegisters.slice(0, counts.results).map((r, i) => ({ field: `r${i}`, variable: `reg_${r}` })),
  };
}

function functionLabel(iface: HypercallInterface, fn: HypercallFunction): string {
  return `${iface.name}.${fn.name}`;
}

/** `w1` → `x1`: the model names the 32-bit view of SMC32 registers; the wrapper binds the full register. */
function fullRegister(register: string): string {
  return register.replace(/^w(\d+)$/, 'x$1');
}

/** Whether the model's per-value registers agree with the ABI's positional registers. */
function registersMatch(values: RegisterValue[], arch: Arch, positional: string[]): boolean {
  return values.every((v) => v.registers[arch] === undefined || fullRegister(v.registers[arch]!) === positional[v.index]);
}

/**
 * The typed wrapper of `fn` over a generic one: `generic` is the wrapper it calls and the name
 * suffix, or for the run-time choice the `<interface>_call` wrapper that takes the conduit first.
 */
interface CallTarget {
  /** The wrapper called, e.g. `psci_hvc` or `psci_call`. */
  callee: string;
  /** `_hvc`, or `` for the run-time wrapper. */
  suffix: string;
  /** What the run-time wrapper says about the instruction, for the doc comment. */
  how: string;
  /** Leading parameter and argument (`enum hvspec_conduit conduit`), or null. */
  conduit: boolean;
}

function typedWrapper(iface: HypercallInterface, fn: HypercallFunction, abi: CallAbi | null, target: CallTarget, counts: { args: number; results: number }, resultStruct: string, fnResultStruct: string | null, names: NameRegistry): TypedWrapperView | null {
  const name = `${functionStem(iface.name, fn.name)}${target.suffix}`;
  const argTypes = fn.args.map(valueType);
  const resultTypes = fn.results.map(valueType);
  if (argTypes.includes(null) || resultTypes.includes(null)) {
    names.warn(`C: no typed wrapper ${name}: an argument or result of ${functionLabel(iface, fn)} is not an integer`);
    return null;
  }
  const abis = abi === null ? iface.abis : [abi];
  const mismatch = abis.find((a) => !registersMatch(fn.args, a.arch, a.argRegisters) || !registersMatch(fn.results, a.arch, a.resultRegisters));
  if (mismatch) {
    names.warn(`C: no typed wrapper ${name}: the registers of ${functionLabel(iface, fn)} differ from the interface's ${mismatch.arch} ABI`);
    return null;
  }
  if (!names.claim(name, `function ${functionLabel(iface, fn)}`)) return null;

  const byIndex = new Map(fn.args.map((a) => [a.index, a]));
  const callArgs = [fn.idName, ...Array.from({ length: counts.args }, (_, i) => {
    const arg = byIndex.get(i);
    if (!arg) return '0';
    // SMC32/HVC32 arguments live in w registers: a negative i32 is zero-extended, leaving bits 63:32 clear.
    const storage = arg.type.kind === 'primitive' ? arg.type : arg.type.kind === 'enum' || arg.type.kind === 'flags' ? arg.type.storage : null;
    const signedNarrow = fn.width === 32 && storage !== null && storage.signed && storage.size <= 4;
    return signedNarrow ? `(uint64_t)(uint32_t)${arg.name}` : `(uint64_t)${arg.name}`;
  })];
  if (target.conduit) callArgs.unshift('conduit');
  const call = `${target.callee}(${callArgs.join(', ')})`;
  const typedParams = [...fn.args].sort((a, b) => a.index - b.index).map((a) => `${valueType(a)} ${a.name}`);
  if (target.conduit) typedParams.unshift('enum hvspec_conduit conduit');
  const params = typedParams.length === 0 ? 'void' : typedParams.join(', ');

  const docLines = [fn.doc, `Calls ${fn.idName} ${target.how}.`];
  for (const a of fn.args) if (a.doc) docLines.push(`@param ${a.name} ${a.doc}`);
  for (const r of fn.results) if (r.doc) docLines.push(`@return ${fn.results.length > 1 ? `${r.name}: ` : ''}${r.doc}`);
  if (fn.memory) docLines.push(`Arguments in memory: struct ${fn.memory}, passed by guest-physical address.`);
  const doc = docComment(docLines.filter((l) => l !== '').join('\n'));

  if (fn.results.length === 0) {
    return { doc, name, returnType: 'void', params, call: `(void)${call};`, tail: [] };
  }
  if (fn.results.length === 1) {
    const result = fn.results[0]!;
    return { doc, name, returnType: resultTypes[0]!, params, call: `struct ${resultStruct} hvspec_regs = ${call};`, tail: [`return (${resultTypes[0]})hvspec_regs.r${result.index};`] };
  }
  const tail = [`struct ${fnResultStruct} hvspec_out;`];
  fn.results.forEach((r, i) => tail.push(`hvspec_out.${r.name} = (${resultTypes[i]})hvspec_regs.r${r.index};`));
  tail.push('return hvspec_out;');
  return { doc, name, returnType: `struct ${fnResultStruct}`, params, call: `struct ${resultStruct} hvspec_regs = ${call};`, tail };
}

export function hypercallView(iface: HypercallInterface, names: NameRegistry): HypercallView {
  const smccc = iface.convention === 'smccc';
  const idDefines: DefineView[] = iface.functions.map((fn) => {
    const facts = [
      smccc ? `${fn.fast ? 'fast' : 'yielding'} SMC${fn.width ?? 32}/HVC${fn.width ?? 32} call` : `hypercall number ${fn.number}`,
      smccc ? `entity ${iface.entity ?? 0}, function ${cInteger(fn.number, { hex: true })}` : '',
    ].filter((f) => f !== '').join(', ');
    return { doc: docComment(`${fn.name}: ${facts}.${fn.doc ? `\n${fn.doc}` : ''}`), name: fn.idName, value: cInteger(fn.id, { type: smccc ? 'u32' : undefined, hex: smccc }) };
  });
  const conduits = iface.conduits.join(', ');
  const ifaceDoc = [iface.doc, `Convention ${iface.convention}, conduits ${conduits}${iface.entity !== undefined ? `, owning entity ${iface.entity}` : ''}.`, iface.errors ? `Error codes: ${iface.errors}.` : '']
    .filter((s) => s !== '').join('\n');
  const view: HypercallView = {
    ids: { heading: groupHeading(`hypercalls ${iface.name}: function IDs`, ifaceDoc), defines: alignNames(idDefines) },
    resultStruct: null,
    functionResultStructs: [],
    arches: [],
    runtime: null,
    runtimeTyped: [],
  };
  if (iface.abis.length === 0 || iface.functions.length === 0) return view;

  const counts = slots(iface);
  const resultStruct = `${iface.name}_result`;
  if (!names.claim(resultStruct, `hypercalls ${iface.name}`)) return view;
  view.resultStruct = { name: resultStruct, interface: iface.name, fields: Array.from({ length: counts.results }, (_, i) => `uint64_t r${i};`) };

  const fnResultStructs = new Map<string, string>();
  for (const fn of iface.functions) {
    if (fn.results.length < 2 || fn.results.some((r) => valueType(r) === null)) continue;
    const name = `${functionStem(iface.name, fn.name)}_result`;
    if (!names.claim(name, `function ${functionLabel(iface, fn)}`)) continue;
    fnResultStructs.set(fn.name, name);
    view.functionResultStructs.push({
      doc: docComment(`Results of ${fn.name}.`),
      name,
      fields: [...fn.results].sort((a, b) => a.index - b.index).map((r) => `${valueType(r)} ${r.name};`),
    });
  }

  for (const abi of iface.abis) {
    const arch: ArchWrappersView = { guard: `defined(${ARCH_MACRO[abi.arch]}) && (defined(__GNUC__) || defined(__clang__))`, generic: [], typed: [] };
    for (const instruction of abi.instructions) {
      const generic = genericWrapper(iface, abi, instruction, counts, names);
      if (!generic) continue;
      arch.generic.push(generic);
      const target: CallTarget = { callee: generic.name, suffix: `_${mnemonic(instruction)}`, how: `with \`${instruction}\``, conduit: false };
      for (const fn of iface.functions) {
        if (fn.results.length >= 2 && !fnResultStructs.has(fn.name)) continue;
        const typed = typedWrapper(iface, fn, abi, target, counts, resultStruct, fnResultStructs.get(fn.name) ?? null, names);
        if (typed) arch.typed.push(typed);
      }
    }
    if (arch.generic.length > 0) view.arches.push(arch);
  }

  // With more than one conduit, the choice can also be made at run time, once, as Linux picks
  // HVC or SMC from the firmware's device-tree node: `psci_call(conduit, …)` and `psci_cpu_on(conduit, …)`.
  const branches = view.arches.flatMap((a) => a.generic.map((g) => ({ arch: a, generic: g })));
  const runtimeName = `${iface.name}_call`;
  if (branches.length >= 2 && names.claim(runtimeName, `hypercalls ${iface.name}`)) {
    const paramNames = ['function_id', ...Array.from({ length: counts.args }, (_, i) => `arg${i}`)];
    view.runtime = {
      name: runtimeName,
      params: ['enum hvspec_conduit conduit', ...paramNames.map((p) => `uint64_t ${p}`)].join(', '),
      unused: ['conduit', ...paramNames].map((p) => `(void)${p};`),
      arches: view.arches.map((a) => ({
        guard: a.guard,
        branches: a.generic.map((g) => ({ conduit: `HVSPEC_CONDUIT_${mnemonic(g.instruction).toUpperCase()}`, call: `${g.name}(${paramNames.join(', ')})` })),
      })),
      unsupportedValue: String(NOT_SUPPORTED[iface.convention]),
      unsupported: Array.from({ length: counts.results }, (_, i) => `hvspec_result.r${i} = ${i === 0 ? `(uint64_t)(int64_t)${NOT_SUPPORTED[iface.convention]}` : '0'};`),
    };
    const target: CallTarget = { callee: runtimeName, suffix: '', how: 'through the conduit given at run time', conduit: true };
    for (const fn of iface.functions) {
      if (fn.results.length >= 2 && !fnResultStructs.has(fn.name)) continue;
      const typed = typedWrapper(iface, fn, null, target, counts, resultStruct, fnResultStructs.get(fn.name) ?? null, names);
      if (typed) view.runtimeTyped.push(typed);
    }
  }
  return view;
}
