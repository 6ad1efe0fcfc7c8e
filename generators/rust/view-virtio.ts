/**
 * Template views of virtio devices, transport feature sets and message protocols.
 */
import { inlineTypeText } from '../../src/model/fields.ts';
import type { Device, DeviceRequest, FeatureSet, Model, Protocol, TypeRef } from '../../src/model/types.ts';
import { snakeCase, upperSnakeCase } from '../../src/names/identifiers.ts';
import { docComment, intLiteral, registerBits } from './helpers.ts';
import { typeName, typePath, valueName, variantNames, type TypeIndex } from './naming.ts';
import { integerPrimitive, storageType } from './types.ts';
import { ConstNames, constView, type ConstView } from './view-data.ts';

export interface DeviceView {
  doc: string;
  constants: ConstView[];
  buffers: BufferView[];
}

export interface BufferPartView {
  ident: string;
  doc: string;
  /** Storage type of a fixed part; null for the flexible part (a byte slice). */
  type: string | null;
}

/**
 * The device-readable or device-writable buffers of one request: fixed parts before the
 * flexible part are read from the front, fixed parts after it from the back, the flexible part
 * (at most one) is the bytes in between.
 */
export interface BufferView {
  doc: string;
  name: string;
  lifetime: string;
  front: BufferPartView[];
  flexible: BufferPartView | null;
  back: BufferPartView[];
  fields: BufferPartView[];
  /** Rust expression of the fixed parts' total size (`0` when there are none). */
  fixedSize: string;
  hasFixed: boolean;
}

function partName(type: TypeRef, index: number): string {
  if (type.kind === 'struct' || type.kind === 'union' || type.kind === 'enum' || type.kind === 'flags') return type.name;
  if (type.kind === 'array' && type.length === null) return 'data';
  return `part${index}`;
}

function bufferView(device: Device, request: DeviceRequest, side: 'request' | 'response', fromSpec: string, endianUses: Set<string>): BufferView | string | null {
  const parts = side === 'request' ? request.request : request.response;
  if (parts.length === 0) return null;
  const flexibleIndex = parts.map((part, index) => (part.kind === 'array' && part.length === null ? index : -1)).filter((i) => i >= 0);
  if (flexibleIndex.length > 1) return `${side} of \`${request.name}\` has ${flexibleIndex.length} variable-length parts`;
  const raw = parts.map((part, index) => partName(part, index));
  const counts = new Map<string, number>();
  for (const name of raw) counts.set(name, (counts.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const views = parts.map((part, index): BufferPartView => {
    const name = raw[index]!;
    const ordinal = seen.get(name) ?? 0;
    seen.set(name, ordinal + 1);
    const unique = counts.get(name)! > 1 ? `${name}_${ordinal}` : name;
    const flexible = part.kind === 'array' && part.length === null;
    const element = flexible ? storageType(part.element, fromSpec, endianUses) : '';
    return {
      ident: valueName(unique),
      doc: docComment(flexible ? `The variable-length part: \`${element}\` elements, as bytes.` : `\`${describeType(part)}\``, '    '),
      type: flexible ? null : storageType(part, fromSpec, endianUses),
    };
  });
  const split = flexibleIndex[0] ?? views.length;
  const fixed = views.filter((view) => view.type !== null).map((view) => `<${view.type} as crate::endian::Wire>::SIZE`);
  const who = side === 'request' ? 'driver writes (device-readable)' : 'device writes (device-writable)';
  return {
    doc: docComment(`The buffers the ${who} for request \`${request.name}\` of the virtio \`${device.name}\` device, on virtqueue \`${request.queue}\`. ${request.doc}`),
    name: `${typeName(snakeCase(device.name))}${typeName(request.name)}${side === 'request' ? 'Request' : 'Response'}`,
    lifetime: flexibleIndex.length > 0 ? "<'a>" : '',
    front: views.slice(0, split),
    flexible: flexibleIndex.length > 0 ? views[split]! : null,
    back: flexibleIndex.length > 0 ? views.slice(split + 1) : [],
    fields: views,
    fixedSize: fixed.length === 0 ? '0' : fixed.join(' + '),
    hasFixed: fixed.length > 0,
  };
}

export function deviceView(device: Device, names: ConstNames, fromSpec: string, endianUses: Set<string>, warn: (message: string) => void): DeviceView {
  const lines = [device.doc, '', `Virtio device \`${device.name}\`, device ID ${device.id}.`];
  if (device.config !== null) lines.push(`Configuration space: \`${device.config}\`.`);
  if (device.status !== null) lines.push(`Request status codes: \`${device.status}\`.`);
  for (const request of device.requests) {
    const parts = (list: typeof request.request): string => list.map((t) => `\`${describeType(t)}\``).join(', ') || 'nothing';
    lines.push(`- request \`${request.name}\` on \`${request.queue}\`: driver writes ${parts(request.request)}; device writes ${parts(request.response)}. ${request.doc}`);
  }
  const prefix = upperSnakeCase(device.name);
  const buffers: BufferView[] = [];
  for (const request of device.requests) {
    for (const side of ['request', 'response'] as const) {
      const view = bufferView(device, request, side, fromSpec, endianUses);
      if (typeof view === 'string') warn(`rust: device ${device.name}: no buffer codec: ${view}`);
      else if (view !== null) buffers.push(view);
    }
  }
  return {
    buffers,
    doc: docComment(lines.join('\n')).replace(/^\/\/\//gm, '//'),
    constants: [
      ...constView(device.idName, BigInt(device.id), 'u32', `Device ID of the virtio \`${device.name}\` device.`, names),
      ...device.virtqueues.flatMap((queue) =>
        constView(`${prefix}_VQ_${upperSnakeCase(queue.name)}`, BigInt(queue.index), 'u16', queue.doc || `Index of virtqueue \`${queue.name}\`.`, names),
      ),
      ...device.features.flatMap((feature) =>
        constView(feature.name, BigInt(feature.bit), 'u32', `${feature.doc}\n\nFeature bit number (VIRTIO 1.3 §2.2).`, names, feature),
      ),
    ],
  };
}

function describeType(type: Device['requests'][number]['request'][number]): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'array':
      return `${describeType(type.element)}[${type.length ?? ''}]`;
    case 'inline':
      return inlineTypeText(type);
    default:
      return type.name;
  }
}

export function featureSetView(set: FeatureSet, names: ConstNames): DeviceView {
  return {
    buffers: [],
    doc: docComment(`${set.name} (${set.scope} feature bits): ${set.doc}`).replace(/^\/\/\//gm, '//'),
    constants: set.features.flatMap((feature) =>
      constView(feature.name, BigInt(feature.bit), 'u32', `${feature.doc}\n\nFeature bit number (VIRTIO 1.3 §2.2).`, names, feature),
    ),
  };
}

export interface MessageView {
  doc: string;
  variant: string;
  pattern: string;
  payload: string | null;
}

export interface ProtocolView {
  doc: string;
  name: string;
  header: string;
  discriminator: string;
  decodeFn: string;
  messages: MessageView[];
}

const DIRECTION: Record<string, string> = {
  'driver-to-device': 'driver to device',
  'device-to-driver': 'device to driver',
  'guest-to-host': 'guest to host',
  'host-to-guest': 'host to guest',
  either: 'either direction',
};

/** The protocol's view, or the reason no decoder can be written (reported as a warning). */
export function protocolView(protocol: Protocol, fromSpec: string, model: Model, types: TypeIndex): ProtocolView | string {
  const headerSpec = types.find(protocol.header, fromSpec);
  const header = model.specs.find((s) => s.id === headerSpec)?.structs.find((s) => s.name === protocol.header);
  if (header === undefined || headerSpec === null) return `header struct \`${protocol.header}\` not found`;
  if (header.kind !== 'struct') return `header \`${protocol.header}\` is a union`;
  const field = header.fields.find((f) => f.name === protocol.discriminator);
  if (field === undefined || integerPrimitive(field.type) === null) {
    return `discriminator \`${protocol.discriminator}\` is not an integer field of \`${protocol.header}\``;
  }
  const typesSpec = types.find(protocol.messageTypes, fromSpec);
  const typesEnum = model.specs.find((s) => s.id === typesSpec)?.enums.find((e) => e.name === protocol.messageTypes);
  const enumVariants = typesEnum ? variantNames(typesEnum.values.map((v) => v.name)) : [];
  const variantOf = (name: string): string => {
    const index = typesEnum?.values.findIndex((v) => v.name === name) ?? -1;
    return index >= 0 ? enumVariants[index]! : typeName(name);
  };
  const seen = new Set<string>();
  const messages: MessageView[] = [];
  for (const message of protocol.messages) {
    const pattern = intLiteral(registerBits(BigInt(message.value)), 'u64');
    if (seen.has(pattern)) continue; // a second listing of the same type would be unreachable
    seen.add(pattern);
    let payload: string | null = null;
    if (message.payload !== null) {
      const payloadSpec = types.find(message.payload, fromSpec);
      if (payloadSpec === null) return `payload struct \`${message.payload}\` not found`;
      payload = typePath(message.payload, payloadSpec, fromSpec);
    }
    const lines = [message.doc, '', `\`${message.name}\` (${message.value}), ${DIRECTION[message.direction] ?? message.direction}.`];
    if (message.reply !== null) lines.push(`Answered by \`${message.reply}\`.`);
    messages.push({ doc: docComment(lines.join('\n'), '    '), variant: variantOf(message.name), pattern, payload });
  }
  return {
    doc: docComment(`${protocol.doc}\n\nA message of protocol \`${protocol.name}\`: header \`${protocol.header}\`, type in \`${protocol.discriminator}\` (\`${protocol.messageTypes}\`).`),
    name: `${typeName(protocol.name)}Message`,
    header: typePath(protocol.header, headerSpec, fromSpec),
    discriminator: valueName(protocol.discriminator),
    decodeFn: `decode_${protocol.name}`,
    messages,
  };
}
