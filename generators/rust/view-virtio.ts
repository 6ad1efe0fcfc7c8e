/**
 * Template views of virtio devices, transport feature sets and message protocols.
 */
import type { Device, FeatureSet, Model, Protocol } from '../../src/model/types.ts';
import { upperSnakeCase } from '../../src/names/identifiers.ts';
import { docComment, intLiteral, registerBits } from './helpers.ts';
import { typeName, typePath, valueName, variantNames, type TypeIndex } from './naming.ts';
import { integerPrimitive } from './types.ts';
import { ConstNames, constView, type ConstView } from './view-data.ts';

export interface DeviceView {
  doc: string;
  constants: ConstView[];
}

export function deviceView(device: Device, names: ConstNames): DeviceView {
  const lines = [device.doc, '', `Virtio device \`${device.name}\`, device ID ${device.id}.`];
  if (device.config !== null) lines.push(`Configuration space: \`${device.config}\`.`);
  if (device.status !== null) lines.push(`Request status codes: \`${device.status}\`.`);
  for (const request of device.requests) {
    const parts = (list: typeof request.request): string => list.map((t) => `\`${describeType(t)}\``).join(', ') || 'nothing';
    lines.push(`- request \`${request.name}\` on \`${request.queue}\`: driver writes ${parts(request.request)}; device writes ${parts(request.response)}. ${request.doc}`);
  }
  const prefix = upperSnakeCase(device.name);
  return {
    doc: docComment(lines.join('\n')).replace(/^\/\/\//gm, '//'),
    constants: [
      ...constView(device.idName, BigInt(device.id), 'u32', `Device ID of the virtio \`${device.name}\` device.`, names),
      ...device.virtqueues.flatMap((queue) =>
        constView(`${prefix}_VQ_${upperSnakeCase(queue.name)}`, BigInt(queue.index), 'u16', queue.doc || `Index of virtqueue \`${queue.name}\`.`, names),
      ),
      ...device.features.flatMap((feature) =>
        constView(feature.name, BigInt(feature.bit), 'u32', `${feature.doc}\n\nFeature bit number (VIRTIO 1.3 §2.2).`, names),
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
    default:
      return type.name;
  }
}

export function featureSetView(set: FeatureSet, names: ConstNames): DeviceView {
  return {
    doc: docComment(`${set.name} (${set.scope} feature bits): ${set.doc}`).replace(/^\/\/\//gm, '//'),
    constants: set.features.flatMap((feature) =>
      constView(feature.name, BigInt(feature.bit), 'u32', `${feature.doc}\n\nFeature bit number (VIRTIO 1.3 §2.2).`, names),
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
