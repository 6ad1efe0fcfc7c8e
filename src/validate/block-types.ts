/** The shapes the block schemas guarantee (schemas/*.schema.json); the model builder reads these. */
import type { CTypeName, PrimitiveName } from '../model/types.ts';

export interface FrontMatterData {
  spec: string;
  title: string;
  version: string;
  status: 'draft' | 'standard' | 'deprecated';
  requires?: string[];
  editors?: string[];
  license?: string;
  sources?: { title: string; ref?: string }[];
  breaking?: { rule: string; item?: string; reason: string }[];
  c_literals?: 'sized' | 'plain';
  legacy_guard?: string;
}

/** Format 2 keys every constant-like item may carry (docs/format.md, "Format 2: values and drop-in C"). */
export interface ValueItemKeys { c_type?: CTypeName; aliases?: string[]; legacy?: boolean }
/** `value:` is an integer, or (format 2) an expression over literals and names. */
export interface NamedValueData extends ValueItemKeys { name: string; value: number | string; doc?: string }
export interface ConstantsData { name: string; doc?: string; type?: PrimitiveName; c_type?: CTypeName; legacy_guard?: string; items: NamedValueData[] }
export interface EnumData { name: string; doc?: string; type: PrimitiveName; c_type?: CTypeName; legacy_guard?: string; c_enum?: 'tagged' | 'anonymous'; values: NamedValueData[] }
export interface FlagData extends ValueItemKeys { name: string; bit: number; width?: number; doc?: string; get?: string }
export interface FlagsData {
  name: string; doc?: string; type: PrimitiveName; c_type?: CTypeName; legacy_guard?: string; flags: FlagData[];
  make?: { name: string; fields: string[]; params?: string[]; doc?: string };
}
export interface BitFieldData { name: string; bit: number; width: number; doc?: string; enum?: string }
/** A field, or an inline member (`struct:`/`union:`, anonymous without `name`); the builder checks which keys go together. */
export interface FieldData {
  name?: string; type?: string; doc?: string; reserved?: boolean; bitfields?: BitFieldData[]; count?: string;
  struct?: InlineData; union?: InlineData;
}
export interface InlineData { doc?: string; fields: FieldData[] }
export interface StructData { name: string; doc?: string; size?: number; packed?: boolean; align?: number; fields: FieldData[] }
export interface FeatureData { bit: number; name: string; doc?: string; aliases?: string[]; legacy?: boolean }
export interface FeaturesData { name: string; doc?: string; scope: 'transport'; legacy_guard?: string; features: FeatureData[] }
export interface DeviceData {
  name: string; id: number; id_name?: string; doc?: string; legacy_guard?: string;
  virtqueues: { index: number; name: string; doc?: string }[];
  features?: FeatureData[]; config?: string; status?: string;
  requests?: { name: string; queue: string; doc?: string; request: string[]; response: string[] }[];
}
export interface RegisterData { name: string; type: string; doc?: string }
export interface FunctionData {
  name: string; doc?: string; number: number; width?: 32 | 64; fast?: boolean; id_name?: string;
  args?: RegisterData[]; results?: RegisterData[]; memory?: string;
}
export interface HypercallsData {
  name: string; doc?: string; convention: 'smccc' | 'xen' | 'kvm'; conduits: ('smc' | 'hvc' | 'vmcall' | 'vmmcall')[];
  entity?: number; smccc_version?: '1.0' | '1.1' | '1.2'; errors?: string; functions: FunctionData[];
}
export interface ProtocolData {
  name: string; doc?: string; header: string; discriminator: string; types: string;
  messages: { name: string; doc?: string; direction: string; payload?: string; reply?: string }[];
}
export interface RegisterMapData {
  name: string; doc?: string; endian?: 'little' | 'big' | 'native'; legacy_guard?: string; c_offsets?: { radix?: 10 | 16; digits?: number };
  registers: {
    name: string; offset: number; width?: 8 | 16 | 32 | 64; window?: number; access: 'RO' | 'WO' | 'RW'; reset?: number; doc?: string;
    legacy?: boolean; condition?: string; alias_of?: string; bitfields?: { name: string; bit: number; width?: number; doc?: string; enum?: string }[];
  }[];
}
export interface RequirementsData { section: string; role?: string; items: { id: string; text: string; role?: string }[] }
