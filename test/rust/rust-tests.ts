/**
 * Writes the Rust test file that runs against a generated crate. Expected values come from the
 * model and from the cross-language sample library (test/crosslang), never from the generated
 * Rust code: bytes from `modelStructBytes`, register bits from two's complement in TypeScript,
 * NOT_SUPPORTED from the error enum's value (or the convention's documented value).
 */
import type { Enum, FlagSet, HypercallFunction, HypercallInterface, Model, Primitive, Protocol, Spec, Struct, TypeRef } from '../../src/model/types.ts';
import { findStruct, modelStructBytes, sampleStruct, type SampleValue } from '../crosslang/index.ts';
import { methodName, moduleName, typeName, valueName, variantNames } from '../../generators/rust/naming.ts';
import { pascalCase, snakeCase } from '../../src/names/identifiers.ts';
import { hostInt } from '../../generators/rust/types.ts';
import { CRATE } from './support.ts';

/** The values a convention answers for an unknown function when its standard names none. */
const CONVENTION_NOT_SUPPORTED: Record<string, bigint> = { smccc: -1n, xen: -38n, kvm: -1000n };

function u64(value: bigint): string {
  return `0x${BigInt.asUintN(64, value).toString(16)}u64`;
}

function bytesLiteral(bytes: Uint8Array): string {
  return `[${[...bytes].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}]`;
}

function specOf(model: Model, kind: 'structs' | 'enums' | 'flags', name: string): Spec {
  const spec = model.specs.find((s) => (s[kind] as { name: string }[]).some((item) => item.name === name));
  if (!spec) throw new Error(`no ${kind} ${name}`);
  return spec;
}

function path(model: Model, kind: 'structs' | 'enums' | 'flags', name: string): string {
  return `${CRATE}::${moduleName(specOf(model, kind, name).id)}::${typeName(name)}`;
}

function findEnum(model: Model, name: string): Enum {
  return specOf(model, 'enums', name).enums.find((e) => e.name === name)!;
}

function findFlags(model: Model, name: string): FlagSet {
  return specOf(model, 'flags', name).flags.find((f) => f.name === name)!;
}

/** An integer literal of the host type, written from its bits so no literal can overflow. */
function intExpr(value: bigint, primitive: Primitive): string {
  const bits = primitive.size * 8;
  const unsigned = BigInt.asUintN(bits, value);
  const literal = `0x${unsigned.toString(16)}u${bits}`;
  return primitive.signed ? `(${literal} as i${bits})` : literal;
}

function primitiveExpr(value: bigint, primitive: Primitive): string {
  const int = intExpr(value, primitive);
  if (primitive.endian === 'native') return int;
  const name = primitive.name.replace(/^(le|be)/, (m) => m[0]!.toUpperCase() + m[1]);
  return `${CRATE}::endian::${name}::new(${int})`;
}

/** A sample value (from sampleStruct) as a Rust expression of the field's storage type. */
export function sampleExpr(model: Model, type: TypeRef, value: SampleValue): string {
  switch (type.kind) {
    case 'primitive':
      return primitiveExpr(value as bigint, type);
    case 'enum':
    case 'flags':
      return primitiveExpr(value as bigint, type.storage);
    case 'array':
      return `[${(value as SampleValue[]).map((element) => sampleExpr(model, type.element, element)).join(', ')}]`;
    case 'struct':
    case 'union':
      return structExpr(model, findStruct(model, type.name), value as { [field: string]: SampleValue });
    case 'inline':
      throw new Error('inline members (format 2) are not covered by this harness yet');
  }
}

export function structExpr(model: Model, struct: Struct, value: { [field: string]: SampleValue }): string {
  const typePath = path(model, 'structs', struct.name);
  if (struct.kind === 'union') {
    const setters = struct.fields
      .filter((field) => field.name in value)
      .map((field) => `u.${valueName(`set_${field.name}`)}(${sampleExpr(model, field.type, value[field.name]!)});`);
    return `{ let mut u = ${typePath}::default(); ${setters.join(' ')} u }`;
  }
  const fields = struct.fields.map((field) => `${valueName(field.name)}: ${sampleExpr(model, field.type, value[field.name]!)}`);
  return `${typePath} { ${fields.join(', ')} }`;
}

/** Every struct and union: encode the sample, compare with the model's bytes, decode, compare. */
function roundTripTests(model: Model): string[] {
  const out: string[] = [];
  model.specs.forEach((spec) =>
    spec.structs.forEach((struct, index) => {
      const sample = sampleStruct(model, struct.name);
      const expected = modelStructBytes(model, struct.name, sample);
      const type = path(model, 'structs', struct.name);
      const size = struct.size;
      out.push(`
#[test]
fn round_trip_${moduleName(spec.id).replace('r#', '')}_${index}() {
    // ${struct.name}
    let value = ${structExpr(model, struct, sample)};
    let mut buffer = [0xaau8; ${size + 3}];
    assert_eq!(value.to_bytes(&mut buffer), Ok(${size}));
    let expected: [u8; ${size}] = ${bytesLiteral(expected)};
    assert_eq!(&buffer[..${size}], &expected[..], "bytes of ${struct.name}");
    assert_eq!(buffer[${size}], 0xaa, "${struct.name} wrote past its size");
    assert_eq!(${type}::from_bytes(&buffer), Ok(value));
    assert_eq!(${type}::SIZE, ${size});
    assert_eq!(core::mem::size_of::<${type}>(), ${size});
${struct.kind === 'struct' ? struct.fields.map((f) => `    assert_eq!(core::mem::offset_of!(${type}, ${valueName(f.name)}), ${f.offset});`).join('\n') : ''}
${size > 0 ? `    assert!(${type}::from_bytes(&buffer[..${size - 1}]).is_err());
    assert!(value.to_bytes(&mut [0u8; ${size - 1}]).is_err());` : ''}
}`);
    }),
  );
  return out;
}

/** The Rust program text printing `BYTES name hex` for each struct's sample (cross-language check). */
export function printBytesTest(model: Model, names: string[]): string {
  const lines = names.map((name) => {
    const struct = findStruct(model, name);
    return `    {
        let value = ${structExpr(model, struct, sampleStruct(model, name))};
        let mut buffer = [0u8; ${struct.size}];
        value.to_bytes(&mut buffer).unwrap();
        let hex: String = buffer.iter().map(|b| format!("{:02x}", b)).collect();
        println!("BYTES ${name} {}", hex);
    }`;
  });
  return `
#[test]
fn print_struct_bytes() {
${lines.join('\n')}
}`;
}

function enumAndFlagTests(model: Model): string[] {
  const lines: string[] = [];
  for (const spec of model.specs) {
    for (const item of spec.enums) {
      const type = path(model, 'enums', item.name);
      const repr = hostInt(item.storage);
      const variants = variantNames(item.values.map((v) => v.name));
      const values = new Set(item.values.map((v) => BigInt(v.value)));
      item.values.forEach((value, index) => {
        lines.push(`    assert_eq!(${type}::try_from(${intExpr(BigInt(value.value), { ...item.storage, endian: 'native' })}), Ok(${type}::${variants[index]}));`);
        lines.push(`    assert_eq!(${CRATE}::${moduleName(spec.id)}::${valueName(value.name)} as i128, ${BigInt(value.value)}i128);`);
        if (item.storage.endian !== 'native') {
          lines.push(`    assert_eq!(${type}::try_from(${primitiveExpr(BigInt(value.value), item.storage)}), Ok(${type}::${variants[index]}));`);
        }
      });
      let unknown = 0n;
      while (values.has(unknown)) unknown++;
      if (unknown < 1n << BigInt(item.storage.size * 8 - 1)) {
        lines.push(`    assert!(${type}::try_from(${unknown}${repr}).is_err());`);
      }
    }
    for (const item of spec.flags) {
      const type = path(model, 'flags', item.name);
      const all = item.flags.reduce((mask, flag) => mask | BigInt(flag.mask), 0n);
      const bits = item.storage.size * 8;
      const unsigned = { ...item.storage, signed: false, endian: 'native' as const };
      lines.push(`    assert_eq!(${type}::all().bits(), ${intExpr(all, unsigned)});`);
      lines.push(`    assert_eq!(!${type}::empty(), ${type}::all());`);
      if (item.storage.endian !== 'native') lines.push(`    assert_eq!(${type}::from(${primitiveExpr(all, item.storage)}), ${type}::all());`);
      const undefinedBits = BigInt.asUintN(bits, ~all);
      if (undefinedBits !== 0n) {
        lines.push(`    assert_eq!(${type}::from_bits(${intExpr(undefinedBits, unsigned)}), None);`);
        lines.push(`    assert_eq!(${type}::from_bits_truncate(${intExpr(undefinedBits, unsigned)}), ${type}::empty());`);
      }
      for (const flag of item.flags) lines.push(`    assert_eq!(${CRATE}::${moduleName(spec.id)}::${valueName(flag.name)} as u128, ${BigInt(flag.mask)}u128);`);
    }
  }
  for (const spec of model.specs) {
    const module = `${CRATE}::${moduleName(spec.id)}`;
    const check = (name: string, value: bigint | number | string): void => {
      lines.push(`    assert_eq!(${module}::${valueName(name)} as i128, ${BigInt(value)}i128, "${name}");`);
    };
    for (const group of spec.constants) for (const constant of group.constants) check(constant.name, constant.value);
    for (const device of spec.devices) {
      check(device.idName, device.id);
      for (const feature of device.features) check(feature.name, feature.bit);
    }
    for (const set of spec.features) for (const feature of set.features) check(feature.name, feature.bit);
    for (const iface of spec.hypercalls) for (const fn of iface.functions) check(fn.idName, fn.id);
  }
  return [`
#[test]
fn enums_and_flags() {
${lines.join('\n')}
}`];
}

function bitFieldTests(model: Model): string[] {
  const lines: string[] = [];
  for (const spec of model.specs) {
    for (const struct of spec.structs.filter((s) => s.kind === 'struct')) {
      for (const field of struct.fields) {
        const storage = field.type.kind === 'primitive' ? field.type : field.type.kind === 'enum' || field.type.kind === 'flags' ? field.type.storage : null;
        if (storage === null || field.bitfields.length === 0) continue;
        const type = path(model, 'structs', struct.name);
        const read = storage.endian === 'native' ? `{ v.${valueName(field.name)} }` : `{ v.${valueName(field.name)} }.get()`;
        for (const bits of field.bitfields) {
          const max = (1n << BigInt(bits.width)) - 1n;
          lines.push(`    {
        let mut v = ${type}::default();
        v.${valueName(`set_${field.name}_${bits.name}`)}(!0);
        assert_eq!(v.${valueName(`${field.name}_${bits.name}`)}() as u128, ${max}u128);
        assert_eq!(${read} as u${storage.size * 8} as u128, ${BigInt(bits.mask)}u128);
    }`);
        }
      }
    }
  }
  return lines.length === 0 ? [] : [`
#[test]
fn bit_fields() {
${lines.join('\n')}
}`];
}

// ---------------------------------------------------------------------------------------------
// Hypercalls

interface RegisterSample {
  /** Rust expression of the typed value. */
  expr: string;
  /** Bits the register holds for it (sign-extended for signed types). */
  bits: bigint;
  /** What a caller may put in the register: the bits plus garbage above a narrow type's width. */
  dirty: bigint;
}

function registerSample(model: Model, type: TypeRef, seed: number, nonNegative: boolean): RegisterSample {
  if (type.kind === 'primitive') {
    const width = type.size * 8;
    const pattern = BigInt.asUintN(width, 0x7766554433221100n + BigInt(seed) * 0x0101010101010101n + 1n);
    const value = type.signed && !nonNegative ? -BigInt(seed + 2) : BigInt.asUintN(width - 1, pattern);
    const bits = BigInt.asUintN(64, value);
    const garbage = width < 64 ? 0xdead_beefn << BigInt(width) : 0n;
    const prim = { ...type, endian: 'native' as const };
    return { expr: intExpr(value, prim), bits, dirty: BigInt.asUintN(64, (bits & ((1n << BigInt(width)) - 1n)) | garbage) };
  }
  if (type.kind === 'enum') {
    const item = findEnum(model, type.name);
    const variants = variantNames(item.values.map((v) => v.name));
    let index = item.values.findIndex((v) => BigInt(v.value) > 0n);
    if (index < 0) index = item.values.findIndex((v) => BigInt(v.value) >= 0n);
    if (index < 0) index = 0;
    const value = BigInt(item.values[index]!.value);
    return { expr: `${path(model, 'enums', type.name)}::${variants[index]}`, bits: BigInt.asUintN(64, value), dirty: BigInt.asUintN(64, value) };
  }
  if (type.kind === 'flags') {
    const item = findFlags(model, type.name);
    const all = item.flags.reduce((mask, flag) => mask | BigInt(flag.mask), 0n);
    const value = nonNegative ? all & ((1n << BigInt(item.storage.size * 8 - 1)) - 1n) : all;
    return { expr: `${path(model, 'flags', type.name)}::from_bits_retain(${intExpr(value, { ...item.storage, signed: false, endian: 'native' })})`, bits: value, dirty: value };
  }
  return { expr: `${seed}u64`, bits: BigInt(seed), dirty: BigInt(seed) };
}

function rustType(model: Model, type: TypeRef): string {
  if (type.kind === 'primitive') return hostInt(type);
  if (type.kind === 'enum') return path(model, 'enums', type.name);
  if (type.kind === 'flags') return path(model, 'flags', type.name);
  return 'u64';
}

interface ErrorSample {
  expr: string;
  bits: bigint;
  notSupported: bigint;
  /** Trait methods have a default body only when NOT_SUPPORTED is a value of the error type. */
  hasDefault: boolean;
}

function errorSample(model: Model, iface: HypercallInterface): ErrorSample {
  if (iface.errors === null) return { expr: '-5i64', bits: BigInt.asUintN(64, -5n), notSupported: CONVENTION_NOT_SUPPORTED[iface.convention]!, hasDefault: true };
  const errors = findEnum(model, iface.errors);
  const variants = variantNames(errors.values.map((v) => v.name));
  // Xen and KVM return errno values negated (-XEN_ENOSYS, -KVM_ENOSYS); their enums list them positive.
  const negated = iface.convention !== 'smccc' && errors.values.every((v) => BigInt(v.value) >= 0n);
  const wire = (value: bigint): bigint => (negated ? -value : value);
  const failing = errors.values.map((v, i) => ({ v, i })).filter(({ v }) => wire(BigInt(v.value)) < 0n);
  const pick = failing.find(({ v }) => !/NOT_SUPPORTED|ENOSYS/.test(v.name)) ?? failing[0];
  const notSupported = errors.values.find((v) => /NOT_SUPPORTED|ENOSYS/.test(v.name));
  if (pick === undefined) throw new Error(`error enum ${errors.name} has no error value`);
  return {
    expr: `${path(model, 'enums', errors.name)}::${variants[pick.i]}`,
    bits: BigInt.asUintN(64, wire(BigInt(pick.v.value))),
    notSupported: notSupported ? wire(BigInt(notSupported.value)) : CONVENTION_NOT_SUPPORTED[iface.convention]!,
    hasDefault: notSupported !== undefined,
  };
}

function resultsExpr(model: Model, spec: Spec, iface: HypercallInterface, fn: HypercallFunction, samples: RegisterSample[]): string {
  if (fn.results.length === 0) return '()';
  if (fn.results.length === 1) return samples[0]!.expr;
  const name = `${CRATE}::${moduleName(spec.id)}::${typeName(iface.name)}${pascalCase(fn.name)}Results`;
  return `${name} { ${fn.results.map((r, i) => `${valueName(r.name)}: ${samples[i]!.expr}`).join(', ')} }`;
}

function interfaceTest(model: Model, spec: Spec, iface: HypercallInterface, ifaceIndex: number): string {
  const module = `${CRATE}::${moduleName(spec.id)}`;
  const base = typeName(iface.name);
  const upper = iface.name.toUpperCase();
  const errorType = iface.errors === null ? 'i64' : path(model, 'enums', iface.errors);
  const error = errorSample(model, iface);
  const argCount = Math.max(0, ...iface.abis.map((abi) => abi.argRegisters.length));
  const resultCount = Math.max(1, ...iface.abis.map((abi) => abi.resultRegisters.length));
  const mock = `Mock${ifaceIndex}`;
  const methods: string[] = [];
  const checks: string[] = [];
  iface.functions.forEach((fn, fnIndex) => {
    const args = fn.args.map((arg, i) => registerSample(model, arg.type, fnIndex * 8 + i, false));
    const results = fn.results.map((result, i) => registerSample(model, result.type, fnIndex * 8 + i + 3, i === 0));
    const params = fn.args.map((arg, i) => `p${i}: ${rustType(model, arg.type)}`);
    const resultType = fn.results.length === 0 ? '()' : fn.results.length === 1 ? rustType(model, fn.results[0]!.type) : `${module}::${base}${pascalCase(fn.name)}Results`;
    methods.push(`    fn ${methodName(fn.name)}(&mut self${params.map((p) => `, ${p}`).join('')}) -> Result<${resultType}, ${errorType}> {
        self.calls.push((${fnIndex}, vec![${fn.args.map((_, i) => `${CRATE}::hypercall::RegisterValue::to_register(p${i})`).join(', ')}]));
        if self.fail { return Err(${error.expr}); }
        Ok(${resultsExpr(model, spec, iface, fn, results)})
    }`);
    const id = BigInt(fn.id);
    // SMCCC reads the function ID from w0: garbage above bit 31 must not matter.
    const idRegister = iface.convention === 'smccc' ? id | 0xffff_ffff_0000_0000n : id;
    checks.push(`    {
        // ${fn.idName}
        let mut mock = ${mock}::default();
        let mut args = [0u64; ${argCount}];
${fn.args.map((arg, i) => `        args[${arg.index}] = ${u64(args[i]!.dirty)};`).join('\n')}
        let out = ${module}::dispatch_${iface.name}(&mut mock, ${u64(idRegister)}, &args);
        assert_eq!(mock.calls, vec![(${fnIndex}usize, vec![${args.map((a) => u64(a.bits)).join(', ')}])], "arguments of ${fn.name}");
${fn.results.map((result, i) => `        assert_eq!(out[${result.index}], ${u64(results[i]!.bits)}, "result ${result.name} of ${fn.name}");`).join('\n')}
        mock.fail = true;
        let out = ${module}::dispatch_${iface.name}(&mut mock, ${u64(id)}, &args);
        assert_eq!(out[0], ${u64(error.bits)}, "error status of ${fn.name}");
${error.hasDefault ? `        let out = ${module}::dispatch_${iface.name}(&mut Empty${ifaceIndex}, ${u64(id)}, &args);
        assert_eq!(out[0], ${u64(error.notSupported)}, "unimplemented ${fn.name}");` : ''}
        let client = ${module}::${base}Client::new(Loop${ifaceIndex}(RefCell::new(${mock}::default())));
        assert_eq!(client.${methodName(fn.name)}(${args.map((a) => a.expr).join(', ')}), Ok(${resultsExpr(model, spec, iface, fn, results)}));
        assert_eq!(client.conduit().0.borrow().calls, vec![(${fnIndex}usize, vec![${args.map((a) => u64(a.bits)).join(', ')}])], "client arguments of ${fn.name}");
        client.conduit().0.borrow_mut().fail = true;
        assert_eq!(client.${methodName(fn.name)}(${args.map((a) => a.expr).join(', ')}), Err(${CRATE}::hypercall::CallError::Status(${error.expr})));
    }`);
  });
  const ids = new Set(iface.functions.map((fn) => BigInt(fn.id)));
  let unknown = iface.convention === 'smccc' ? 0x8000_fff0n | (BigInt(iface.entity ?? 0) << 24n) : 0xfff0n;
  while (ids.has(unknown)) unknown++;
  return `
#[derive(Default)]
struct ${mock} {
    fail: bool,
    calls: Vec<(usize, Vec<u64>)>,
}

impl ${module}::${base}Handler for ${mock} {
${methods.join('\n\n')}
}

${error.hasDefault ? `struct Empty${ifaceIndex};
impl ${module}::${base}Handler for Empty${ifaceIndex} {}` : ''}

/// A conduit that hands the register file straight to the dispatcher.
struct Loop${ifaceIndex}(RefCell<${mock}>);

unsafe impl ${CRATE}::hypercall::HypercallConduit<{ ${module}::${upper}_ARG_REGISTERS }, { ${module}::${upper}_RESULT_REGISTERS }> for Loop${ifaceIndex} {
    fn call(&self, function_id: u64, args: [u64; ${argCount}]) -> [u64; ${resultCount}] {
${iface.convention === 'smccc' ? `        if function_id & (1 << 30) == 0 {
            assert!(args.iter().all(|a| a >> 32 == 0), "SMC32 arguments are zero-extended: {:x?}", args);
        }` : ''}
        let mut out = ${module}::dispatch_${iface.name}(&mut *self.0.borrow_mut(), function_id, &args);
${iface.convention === 'smccc' ? `        // SMC32/HVC32 (bit 30 clear): results are w registers; the upper halves are UNKNOWN.
        if function_id & (1 << 30) == 0 {
            for register in out.iter_mut() {
                *register = (*register & 0xffff_ffff) | 0xdead_beef_0000_0000;
            }
        }` : ''}
        out
    }
}

#[test]
fn interface_${iface.name}() {
${checks.join('\n')}
    let out = ${module}::dispatch_${iface.name}(&mut ${mock}::default(), ${u64(unknown)}, &[0u64; ${argCount}]);
    assert_eq!(out[0], ${u64(error.notSupported)}, "unknown function ID");
}`;
}

// ---------------------------------------------------------------------------------------------
// Protocols

function protocolTest(model: Model, spec: Spec, protocol: Protocol): string {
  const module = `${CRATE}::${moduleName(spec.id)}`;
  const messageType = `${module}::${typeName(protocol.name)}Message`;
  const header = findStruct(model, protocol.header);
  const discriminator = header.fields.find((f) => f.name === protocol.discriminator)!;
  const storage = discriminator.type.kind === 'primitive' ? discriminator.type : (discriminator.type as { storage: Primitive }).storage;
  const types = findEnum(model, protocol.messageTypes);
  const variants = variantNames(types.values.map((v) => v.name));
  const checks: string[] = [];
  const used = new Set<bigint>();
  for (const message of protocol.messages) {
    const value = BigInt(message.value);
    used.add(value);
    const headerSample = { ...sampleStruct(model, header.name), [discriminator.name]: value };
    const headerBytes = modelStructBytes(model, header.name, headerSample);
    const variant = variants[types.values.findIndex((v) => v.name === message.name)]!;
    let payloadBytes: Uint8Array = new Uint8Array(0);
    let payloadExpr = '';
    if (message.payload !== null) {
      const payload = findStruct(model, message.payload);
      const sample = sampleStruct(model, payload.name);
      payloadBytes = modelStructBytes(model, payload.name, sample);
      payloadExpr = `, payload: ${structExpr(model, payload, sample)}`;
    }
    const bytes = new Uint8Array([...headerBytes, ...payloadBytes, 0xee]);
    checks.push(`    {
        // ${message.name}
        let bytes: [u8; ${bytes.length}] = ${bytesLiteral(bytes)};
        let expected = ${messageType}::${variant} { header: ${structExpr(model, header, headerSample)}${payloadExpr} };
        assert_eq!(${module}::decode_${protocol.name}(&bytes), Ok((expected, ${bytes.length - 1})));
        let mut out = [0u8; ${bytes.length - 1}];
        assert_eq!(expected.to_bytes(&mut out), Ok(${bytes.length - 1}));
        assert_eq!(&out[..], &bytes[..${bytes.length - 1}]);
${message.payload !== null ? `        assert!(${module}::decode_${protocol.name}(&bytes[..${bytes.length - 2}]).is_err());` : ''}
    }`);
  }
  let unknown = 0n;
  while (used.has(unknown)) unknown++;
  const unknownSample = { ...sampleStruct(model, header.name), [discriminator.name]: unknown };
  const unknownBytes = modelStructBytes(model, header.name, unknownSample);
  checks.push(`    assert_eq!(${module}::decode_${protocol.name}(&${bytesLiteral(unknownBytes)}), Err(${CRATE}::endian::CodecError::UnknownMessage(${u64(BigInt.asUintN(64, storage.signed ? BigInt.asIntN(storage.size * 8, unknown) : unknown))})));`);
  return `
#[test]
fn protocol_${protocol.name}() {
${checks.join('\n')}
}`;
}

// ---------------------------------------------------------------------------------------------
// Device request buffers

function primitiveBytes(value: bigint, primitive: Primitive): number[] {
  const unsigned = BigInt.asUintN(primitive.size * 8, value);
  const little = Array.from({ length: primitive.size }, (_, i) => Number((unsigned >> BigInt(8 * i)) & 0xffn));
  return primitive.endian === 'big' ? little.reverse() : little; // native: the test host is little-endian
}

/** A sample of one buffer part: its Rust expression and its bytes; null for parts this test skips. */
function partSample(model: Model, type: TypeRef, seed: number): { expr: string; bytes: number[] } | null {
  if (type.kind === 'struct' || type.kind === 'union') {
    const struct = findStruct(model, type.name);
    const sample = sampleStruct(model, struct.name);
    return { expr: structExpr(model, struct, sample), bytes: [...modelStructBytes(model, struct.name, sample)] };
  }
  const primitive = type.kind === 'primitive' ? type : type.kind === 'enum' || type.kind === 'flags' ? type.storage : null;
  if (primitive === null) return null;
  const value = BigInt(0x41 + seed);
  return { expr: primitiveExpr(value, primitive), bytes: primitiveBytes(value, primitive) };
}

function sizeOf(model: Model, type: TypeRef): number {
  switch (type.kind) {
    case 'primitive':
      return type.size;
    case 'enum':
    case 'flags':
      return type.storage.size;
    case 'array':
      return type.length === null ? 0 : type.length * sizeOf(model, type.element);
    case 'inline':
      return type.size;
    default:
      return findStruct(model, type.name).size;
  }
}

function bufferTests(model: Model, spec: Spec): string[] {
  const checks: string[] = [];
  for (const device of spec.devices) {
    for (const request of device.requests) {
      for (const side of ['request', 'response'] as const) {
        const parts = side === 'request' ? request.request : request.response;
        const flexible = parts.filter((p) => p.kind === 'array' && p.length === null);
        if (parts.length === 0 || flexible.length > 1) continue;
        const name = `${CRATE}::${moduleName(spec.id)}::${typeName(snakeCase(device.name))}${typeName(request.name)}${side === 'request' ? 'Request' : 'Response'}`;
        const raw = parts.map((part, index) => (part.kind === 'struct' || part.kind === 'union' || part.kind === 'enum' || part.kind === 'flags' ? part.name : part.kind === 'array' && part.length === null ? 'data' : `part${index}`));
        const fields: string[] = [];
        const bytes: number[] = [];
        let fixed = 0;
        let skip = false;
        parts.forEach((part, index) => {
          const repeated = raw.filter((n) => n === raw[index]).length > 1;
          const ident = valueName(repeated ? `${raw[index]}_${raw.slice(0, index).filter((n) => n === raw[index]).length}` : raw[index]!);
          if (part.kind === 'array' && part.length === null) {
            const elementSize = sizeOf(model, part.element);
            const data = Array.from({ length: Math.max(1, elementSize) * 2 + 1 }, (_, i) => 0xd0 + (i % 16));
            fields.push(`${ident}: &bytes[${bytes.length}..${bytes.length + data.length}]`);
            bytes.push(...data);
            return;
          }
          const sample = partSample(model, part, index);
          if (sample === null) {
            skip = true;
            return;
          }
          fields.push(`${ident}: ${sample.expr}`);
          bytes.push(...sample.bytes);
          fixed += sample.bytes.length;
        });
        if (skip) continue;
        checks.push(`    {
        // ${device.name} ${request.name} ${side}
        let bytes: [u8; ${bytes.length}] = ${bytesLiteral(Uint8Array.from(bytes))};
        let decoded = ${name}::decode(&bytes).unwrap();
        assert_eq!(decoded, ${name} { ${fields.join(', ')} });
        assert_eq!(${name}::FIXED_SIZE, ${fixed});
        let mut out = [0u8; ${bytes.length}];
        assert_eq!(decoded.to_bytes(&mut out), Ok(${bytes.length}));
        assert_eq!(out, bytes);
${fixed > 0 ? `        assert!(${name}::decode(&bytes[..${fixed - 1}]).is_err());` : ''}
    }`);
      }
    }
  }
  return checks.length === 0 ? [] : [`
#[test]
fn device_buffers_${moduleName(spec.id).replace('r#', '')}() {
${checks.join('\n')}
}`];
}

/** The whole test file for a model: round trips, enums/flags, bit fields, interfaces, protocols. */
export function rustTestFile(model: Model): string {
  const parts = [
    '// Generated by test/rust/rust-tests.ts for one test run.',
    '#![allow(clippy::all, unused_imports, unused_parens, unused_mut, unused_variables, deprecated)]',
    'use std::cell::RefCell;',
    ...roundTripTests(model),
    ...enumAndFlagTests(model),
    ...bitFieldTests(model),
  ];
  let ifaceIndex = 0;
  for (const spec of model.specs) {
    for (const iface of spec.hypercalls) parts.push(interfaceTest(model, spec, iface, ifaceIndex++));
    for (const protocol of spec.protocols) parts.push(protocolTest(model, spec, protocol));
    parts.push(...bufferTests(model, spec));
  }
  return `${parts.join('\n')}\n`;
}
