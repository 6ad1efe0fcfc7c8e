import type { TypeRef } from './types.ts';

/**
 * C layout rules of the common ABIs (System V x86-64, AAPCS64): each scalar is aligned to its
 * size, a struct to its strictest member, and padded at the end to a multiple of its alignment.
 * Everything a generator prints about layout comes from here.
 */
export interface Measure {
  size: number;
  align: number;
}

export function alignUp(offset: number, align: number): number {
  return Math.ceil(offset / align) * align;
}

/** Size and alignment of a type; `structMeasure` answers for named structs (computed before). */
export function measure(type: TypeRef, structMeasure: (name: string) => Measure): Measure {
  switch (type.kind) {
    case 'primitive': return { size: type.size, align: type.align };
    case 'enum': case 'flags': return { size: type.storage.size, align: type.storage.align };
    case 'struct': case 'union': return structMeasure(type.name);
    // Laid out by the struct builder before its parent (build-items.ts layoutFields).
    case 'inline': return { size: type.size, align: type.align };
    case 'array': {
      const element = measure(type.element, structMeasure);
      return { size: type.length === null ? 0 : element.size * type.length, align: element.align };
    }
  }
}

export interface MemberPlacement {
  offset: number;
  /** Bytes of implicit padding inserted before this member. */
  paddingBefore: number;
}

export interface AggregateLayout {
  members: MemberPlacement[];
  size: number;
  align: number;
  /** Implicit tail padding (bytes), not counting what an explicit `align` adds. */
  tailPadding: number;
}

/** Place the members of a struct or union. `packed` removes padding; `minAlign` raises alignment. */
export function layoutAggregate(kind: 'struct' | 'union', members: Measure[], packed: boolean, minAlign: number | undefined): AggregateLayout {
  let offset = 0;
  let end = 0;
  let natural = 1;
  const placed: MemberPlacement[] = [];
  for (const m of members) {
    const a = packed ? 1 : m.align;
    natural = Math.max(natural, a);
    if (kind === 'union') {
      placed.push({ offset: 0, paddingBefore: 0 });
      end = Math.max(end, m.size);
    } else {
      const at = alignUp(offset, a);
      placed.push({ offset: at, paddingBefore: at - offset });
      offset = at + m.size;
      end = offset;
    }
  }
  const align = Math.max(natural, minAlign ?? 1);
  const naturalSize = alignUp(end, natural);
  return { members: placed, size: alignUp(end, align), align, tailPadding: naturalSize - end };
}
