/**
 * The Rust target: a `no_std` crate with no dependencies (output/rust/), one module per standard.
 *
 * Reads only the canonical model. Each module is rendered from Handlebars templates
 * (./templates) over a view built by ./view-*.ts; user text reaches the output only through
 * `docComment` (./helpers.ts), never as template source.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Model, Spec, Struct } from '../../src/model/types.ts';
import { DEFAULT_PACKAGE } from '../package-info.ts';
import { examplesModule } from './examples.ts';
import type { GeneratedFile, Generator, GenerateContext, PackageInfo } from '../types.ts';
import { docComment } from './helpers.ts';
import { moduleName, TypeIndex } from './naming.ts';
import { withInlineTypes } from './inline-types.ts';
import { ConstNames, constGroupView, enumView, flagsView, needsExplicitAlign, structView, unionView } from './view-data.ts';
import { interfaceView } from './view-hypercall.ts';
import { registerMapRustView } from './view-registers.ts';
import { deviceView, featureSetView, protocolView, type ProtocolView } from './view-virtio.ts';

const TEMPLATE_DIR = new URL('./templates/', import.meta.url);
const PARTIALS = ['constants', 'enum', 'flags', 'struct', 'union', 'protocol', 'hypercalls', 'buffers', 'registers'] as const;

function loadTemplates() {
  const handlebars = Handlebars.create();
  const read = (name: string): string => readFileSync(new URL(name, TEMPLATE_DIR), 'utf8');
  const compile = (name: string) => handlebars.compile(read(name), { noEscape: true, strict: true });
  for (const partial of PARTIALS) handlebars.registerPartial(partial, read(`${partial}.hbs`));
  return {
    cargo: compile('Cargo.toml.hbs'),
    lib: compile('lib.rs.hbs'),
    endian: compile('endian.rs.hbs'),
    hypercall: compile('hypercall.rs.hbs'),
    module: compile('module.rs.hbs'),
  };
}

let templates: ReturnType<typeof loadTemplates> | null = null;

/**
 * The enums some hypercall interface uses as its error enum (`spec/name` → negated on the wire).
 * Xen and KVM return errors as negated errno values (`-XEN_ENOSYS`, `-KVM_ENOSYS`), and their
 * standards list the positive errno: such an enum (used by a xen or kvm interface, no negative
 * value) is negated in the status register. SMCCC enums hold the negative values themselves.
 */
function statusEnums(model: Model, types: TypeIndex): Map<string, boolean> {
  const statuses = new Map<string, boolean>();
  for (const spec of model.specs) {
    for (const iface of spec.hypercalls) {
      if (iface.errors === null) continue;
      const owner = types.find(iface.errors, spec.id);
      const errors = model.specs.find((s) => s.id === owner)?.enums.find((e) => e.name === iface.errors);
      if (owner === null || errors === undefined) continue;
      const errno = iface.convention !== 'smccc' && errors.values.every((value) => BigInt(value.value) >= 0n);
      const key = `${owner}/${iface.errors}`;
      statuses.set(key, (statuses.get(key) ?? false) || errno);
    }
  }
  return statuses;
}

function specHeader(spec: Spec): string {
  const lines = [
    spec.title,
    '',
    `Standard \`${spec.id}\` version ${spec.version} (${spec.status}), from \`${spec.file}\`.`,
  ];
  if (spec.requires.length > 0) lines.push(`Requires: ${spec.requires.map((id) => `\`${id}\``).join(', ')}.`);
  for (const source of spec.sources) lines.push(`- Source: ${source.title}${source.ref ? `, ${source.ref}` : ''}`);
  return docComment(lines.join('\n'), '', true);
}

function renderModule(spec: Spec, model: Model, types: TypeIndex, statuses: Map<string, boolean>, context: GenerateContext): string {
  const names = new ConstNames();
  const endianUses = new Set<string>();
  for (const item of spec.structs) {
    // Rust rejects `packed` together with `align` on one type, and a repr(align) type inside a
    // packed one; C accepts both. The crate would not build, so say why.
    if (item.packed && item.align > 1) context.warn(`rust: ${item.name} of ${spec.id} is packed and aligned to ${item.align}; Rust cannot express both`);
    const aligned = item.packed ? alignedInside(item, model, new Set()) : null;
    if (aligned !== null) context.warn(`rust: packed ${item.name} of ${spec.id} holds ${aligned}, whose raised alignment Rust cannot nest in a packed struct`);
  }
  const all = withInlineTypes(spec.structs, spec.id);
  const structs = all.filter((s) => s.kind === 'struct').map((s) => structView(s, spec.id, endianUses));
  const unions = all.filter((s) => s.kind === 'union').map((s) => unionView(s, spec.id, endianUses));
  const protocols: ProtocolView[] = [];
  for (const protocol of spec.protocols) {
    const view = protocolView(protocol, spec.id, model, types);
    if (typeof view === 'string') context.warn(`rust: protocol ${protocol.name} of ${spec.id} has no decoder: ${view}`);
    else protocols.push(view);
  }
  // Order matters only for duplicate constant names (first wins): written blocks first.
  const constantGroups = spec.constants.map((group) => constGroupView(group, names));
  const enums = spec.enums.map((item) => enumView(item, names, statuses.get(`${spec.id}/${item.name}`) ?? null));
  const flags = spec.flags.map((item) => flagsView(item, names));
  const features = spec.features.map((set) => featureSetView(set, names));
  const devices = spec.devices.map((device) => deviceView(device, names, spec.id, endianUses, context.warn));
  const interfaces = spec.hypercalls.map((iface) => interfaceView(iface, spec.id, model, types, names));
  const text = templates!.module({
    header: specHeader(spec),
    endianUses: [...endianUses].sort().join(', '),
    constantGroups,
    enums,
    flags,
    structs,
    unions,
    features,
    devices,
    protocols,
    interfaces,
    registers: (spec.registers ?? []).map(registerMapRustView),
  });
  return tidy(text);
}

/** Template blocks leave runs of blank lines; one is enough. No user text spans lines, so this is safe. */
function tidy(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}

/** The name of a struct with `repr(align)` that `item` holds (through arrays and plain structs), or null. */
function alignedInside(item: Struct, model: Model, seen: Set<string>): string | null {
  for (const field of item.fields) {
    let type = field.type;
    while (type.kind === 'array') type = type.element;
    if (type.kind !== 'struct' || seen.has(type.name)) continue;
    seen.add(type.name);
    const inner = model.specs.find((s) => s.id === (type as { spec: string }).spec)?.structs.find((s) => s.name === type.name);
    if (inner === undefined) continue;
    if (!inner.packed && inner.align > 1 && needsExplicitAlign(inner)) return inner.name;
    const deeper = alignedInside(inner, model, seen);
    if (deeper !== null) return deeper;
  }
  return null;
}

export function generateRust(model: Model, context: GenerateContext): GeneratedFile[] {
  templates ??= loadTemplates();
  const types = new TypeIndex(model);
  const statuses = statusEnums(model, types);
  const files: GeneratedFile[] = [
    { path: 'Cargo.toml', contents: templates.cargo(cargoView(context.package ?? DEFAULT_PACKAGE)) },
    { path: 'README.md', contents: crateReadme(model, context.package ?? DEFAULT_PACKAGE) },
    // `cargo build` inside output/rust writes these; they are not part of the bindings.
    { path: '.gitignore', contents: '/target\n/Cargo.lock\n' },
    { path: 'src/endian.rs', contents: templates.endian({}) },
    { path: 'src/hypercall.rs', contents: templates.hypercall({}) },
  ];
  const modules = model.specs.map((spec) => {
    const ident = moduleName(spec.id);
    files.push({ path: `src/${ident.replace(/^r#/, '')}.rs`, contents: renderModule(spec, model, types, statuses, context) });
    return { ident, doc: docComment(`${spec.title} (\`${spec.id}\` ${spec.version}, ${spec.status}).`) };
  });
  const examples = examplesModule(model);
  if (examples !== null) files.push({ path: 'src/examples.rs', contents: examples });
  files.push({ path: 'src/lib.rs', contents: templates.lib({ modules, examples: examples !== null }) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** TOML basic strings: JSON's escapes (\\, \", \n, \u00XX) are valid TOML. */
const toml = (text: string): string => JSON.stringify(text);

/** The crate's metadata from hvspec.config.json `package`, complete enough for `cargo package`. */
function cargoView(info: PackageInfo): Record<string, string> {
  return {
    name: toml(info.names.rust),
    version: toml(info.version),
    description: toml(info.description ?? 'Rust bindings of hypervisor interface standards, generated by hvspec'),
    license: toml(info.license),
    authors: info.authors.map(toml).join(', '),
    repository: info.repository !== undefined ? toml(info.repository) : '',
    homepage: info.homepage !== undefined ? toml(info.homepage) : '',
  };
}

/** The crate's README (crates.io shows it): what is in it and from which standards. */
function crateReadme(model: Model, info: PackageInfo): string {
  const line = (text: string): string => text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
  const specs = model.specs.map((s) => `- \`${moduleName(s.id).replace(/^r#/, '')}\`: ${line(s.title)} (${s.id} ${s.version}, ${s.status})${s.library !== undefined ? `, from the standard library ${line(s.library)}` : ''}\n`).join('');
  return `# ${info.names.rust}\n\nGenerated by hvspec. Do not edit: run \`hvspec build --target rust\`.\n\n`
    + '`no_std`, no dependencies: one module per standard with its constants, enums, flags, structs (byte-order-explicit fields and a `Wire` codec) and hypercall wrappers.\n\n'
    + (model.specs.some((s) => s.examples.length > 0) ? '`cargo test` runs the standards\' golden vectors (their `example` blocks): each is decoded, compared field by field and encoded back.\n\n' : '')
    + `## Modules\n\n${specs}`;
}

export const rustGenerator: Generator = {
  name: 'rust',
  outDir: 'rust',
  committed: true,
  generate: generateRust,
};

export default rustGenerator;
