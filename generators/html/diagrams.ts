/**
 * Byte and bit layout diagrams as inline SVG, drawn from the model's computed offsets, sizes and
 * bit positions (nothing is recomputed here; gaps between fields are shown as padding).
 *
 * Hand-written rather than bit-field@1.9.0: in a 32-bit lane one bit is ~25 px wide, and
 * bit-field truncates long flag names there ("V..."), colours are fixed (no dark mode), and its
 * labels go through tspan's markup parser. Here a name that does not fit its box gets a number and
 * a legend line, colours come from the page's CSS (currentColor fallbacks), and both diagrams share
 * one look. Each SVG has a <title> and a <desc> listing every part: the text alternative.
 */
import type { Field, Struct } from '../../src/model/types.ts';
import { bitRange, escapeHtml, hex, raw, type Html } from './helpers.ts';

const FONT = 12;
/** Advance of one character of the 12 px monospace font used for labels (conservative). */
const CHAR_WIDTH = 7.4;
const ROW_HEIGHT = 34;
const AXIS_HEIGHT = 18;
const LEGEND_LINE = 17;
const MARGIN_LEFT = 56;
const MARGIN_RIGHT = 8;

interface Segment {
  /** Start and end in units (bytes or bits), end exclusive; for bits, unit 0 is the least significant. */
  start: number;
  end: number;
  label: string;
  /** Reserved field, padding or unassigned bits: shaded. */
  shaded: boolean;
  /** A flexible array: open-ended, dashed. */
  open?: boolean;
  /** What the text alternative says about this part. */
  describe: string;
  /** Where it lies, for the legend ("bits 6:4", "bytes 4–7"). */
  where?: string;
}

interface Piece {
  segment: number;
  /** Column range within the row, in units from the row's left edge. */
  from: number;
  to: number;
}

interface Row {
  /** Label on the left (offset or bit range). */
  label: string;
  pieces: Piece[];
  /** Unit numbers printed above piece edges. */
  ticks: { column: number; text: string }[];
  /** An elided run of full rows of one field. */
  elided?: string;
}

/** Byte layout of a struct (one lane of rows) or a union (one block of rows per member). */
export function structDiagram(struct: Struct, id: string): Html {
  const title = `Byte layout of ${struct.kind} ${struct.name} (${struct.size} byte${struct.size === 1 ? '' : 's'}${struct.flexible ? ' and a flexible array' : ''})`;
  const rowUnits = struct.size <= 4 && !struct.flexible ? Math.max(1, struct.size) : 8;
  const blocks: { caption: string | null; segments: Segment[] }[] = [];
  if (struct.kind === 'union') {
    // Each member at its own size (the union's size is in the title, once): drawing every member
    // out to the union's size repeated it per member and buried the member under unused rows.
    for (const field of struct.fields) {
      const extent = field.size === struct.size ? '' : ` (${field.size} of ${struct.size} bytes)`;
      blocks.push({ caption: `member ${field.name}${extent}`, segments: [fieldSegment(field)] });
    }
  } else {
    blocks.push({ caption: null, segments: structSegments(struct) });
  }
  return drawLanes({ id, title, unit: 'byte', rowUnits, unitWidth: rowUnits <= 4 ? 96 : 72, blocks, msbFirst: false });
}

/** Bit layout of an integer of `bits` bits holding flags or bit fields. */
export function bitDiagram(
  name: string,
  bits: number,
  parts: { name: string; bit: number; width: number }[],
  id: string,
): Html {
  const title = `Bit layout of ${name} (${bits} bits)`;
  const sorted = [...parts].sort((a, b) => a.bit - b.bit);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const part of sorted) {
    if (part.bit > cursor) segments.push(bitGap(cursor, part.bit));
    segments.push({
      start: part.bit,
      end: part.bit + part.width,
      label: part.name,
      shaded: false,
      describe: `bit${part.width === 1 ? '' : 's'} ${bitRange(part.bit, part.width)}: ${part.name}`,
      where: `bit${part.width === 1 ? '' : 's'} ${bitRange(part.bit, part.width)}`,
    });
    cursor = Math.max(cursor, part.bit + part.width);
  }
  if (cursor < bits) segments.push(bitGap(cursor, bits));
  const rowUnits = Math.min(bits, 32);
  return drawLanes({ id, title, unit: 'bit', rowUnits, unitWidth: rowUnits <= 16 ? 36 : 18, blocks: [{ caption: null, segments }], msbFirst: true });
}

function bitGap(from: number, to: number): Segment {
  return { start: from, end: to, label: '', shaded: true, describe: `bit${to - from === 1 ? '' : 's'} ${bitRange(from, to - from)}: reserved` };
}

function fieldSegment(field: Field): Segment {
  const flexible = field.size === 0 && field.type.kind === 'array' && field.type.length === null;
  const end = flexible ? field.offset + 2 : field.offset + field.size;
  return {
    start: field.offset,
    end,
    label: flexible ? `${field.name}[]` : field.name,
    shaded: field.reserved,
    open: flexible,
    where: flexible ? `from byte ${field.offset}` : field.size === 1 ? `byte ${field.offset}` : `bytes ${field.offset}–${field.offset + field.size - 1}`,
    describe: flexible
      ? `from byte ${field.offset}: ${field.name}, a flexible array`
      : `bytes ${field.offset}–${field.offset + field.size - 1}: ${field.name}${field.reserved ? ' (reserved)' : ''}`,
  };
}

function padSegment(from: number, to: number, what = 'padding'): Segment {
  // Implicit padding is labelled so a reader sees the gap is the ABI's, not an omission.
  return { start: from, end: to, label: what === 'padding' ? '(padding)' : '', shaded: true, describe: `bytes ${from}–${to - 1}: ${what}` };
}

function structSegments(struct: Struct): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const field of [...struct.fields].sort((a, b) => a.offset - b.offset)) {
    if (field.offset > cursor) segments.push(padSegment(cursor, field.offset));
    segments.push(fieldSegment(field));
    if (field.size > 0) cursor = Math.max(cursor, field.offset + field.size);
  }
  if (cursor < struct.size) segments.push(padSegment(cursor, struct.size));
  return segments;
}

interface LaneSpec {
  id: string;
  title: string;
  unit: 'byte' | 'bit';
  rowUnits: number;
  unitWidth: number;
  blocks: { caption: string | null; segments: Segment[] }[];
  /** Bits: most significant on the left, highest row first (as Arm and Intel manuals draw registers). */
  msbFirst: boolean;
}

function drawLanes(spec: LaneSpec): Html {
  const width = MARGIN_LEFT + spec.rowUnits * spec.unitWidth + MARGIN_RIGHT;
  const shapes: string[] = [];
  const legend: string[] = [];
  const descriptions: string[] = [];
  let y = 4;
  let markers = 0;
  for (const block of spec.blocks) {
    // A name that does not fit its box gets a letter (a digit under a bit axis reads as a bit number).
    const markerOf = new Map<number, string>();
    if (block.caption) {
      shapes.push(text(MARGIN_LEFT, y + 12, block.caption, 'caption', 'start'));
      y += 18;
    }
    const rows = layoutRows(block.segments, spec.rowUnits, spec.msbFirst, spec.unit);
    // Where each segment's label goes: its widest piece.
    const labelPiece = new Map<number, { row: number; piece: number }>();
    rows.forEach((row, r) =>
      row.pieces.forEach((piece, p) => {
        const best = labelPiece.get(piece.segment);
        const span = piece.to - piece.from;
        if (!best || span > rows[best.row]!.pieces[best.piece]!.to - rows[best.row]!.pieces[best.piece]!.from) {
          labelPiece.set(piece.segment, { row: r, piece: p });
        }
      }),
    );
    for (const segment of block.segments) descriptions.push(segment.describe);
    rows.forEach((row, r) => {
      if (row.elided) {
        shapes.push(text(MARGIN_LEFT + (spec.rowUnits * spec.unitWidth) / 2, y + 13, row.elided, 'elided', 'middle'));
        y += 20;
        return;
      }
      for (const tick of row.ticks) {
        shapes.push(text(MARGIN_LEFT + tick.column * spec.unitWidth, y + 12, tick.text, 'tick', 'middle'));
      }
      const top = y + AXIS_HEIGHT;
      shapes.push(text(MARGIN_LEFT - 6, top + ROW_HEIGHT / 2 + FONT / 3, row.label, 'offset', 'end'));
      row.pieces.forEach((piece, p) => {
        const segment = block.segments[piece.segment]!;
        const x = MARGIN_LEFT + piece.from * spec.unitWidth;
        const w = (piece.to - piece.from) * spec.unitWidth;
        const cls = segment.open ? 'cell open' : segment.shaded ? 'cell shaded' : 'cell';
        shapes.push(
          `<rect class="${cls}" x="${x}" y="${top}" width="${w}" height="${ROW_HEIGHT}" fill="${segment.shaded ? '#8884' : 'none'}" stroke="currentColor"${segment.open ? ' stroke-dasharray="4 3"' : ''}/>`,
        );
        const where = labelPiece.get(piece.segment);
        if (!segment.label || !where) return;
        const cx = x + w / 2;
        const cy = top + ROW_HEIGHT / 2 + FONT / 3;
        // Every piece the name fits is labelled (the rows kept around an elided run, both parts of a
        // field that crosses a row), so no row is left blank and anonymous; when it fits none, the
        // widest piece gets a legend key.
        if (segment.label.length * CHAR_WIDTH <= w - 8) {
          shapes.push(text(cx, cy, segment.label, 'label', 'middle'));
          return;
        }
        const fitsSomewhere = rows.some((other) => other.pieces.some((q) => q.segment === piece.segment && segment.label.length * CHAR_WIDTH <= (q.to - q.from) * spec.unitWidth - 8));
        if (fitsSomewhere || where.row !== r || where.piece !== p) return;
        let marker = markerOf.get(piece.segment);
        if (!marker) {
          marker = markerName(markers++);
          markerOf.set(piece.segment, marker);
          legend.push(`${marker}\u2002${segment.label}${segment.where ? ` (${segment.where})` : ''}`);
        }
        shapes.push(text(cx, cy, marker, 'marker', 'middle'));
      });
      y = top + ROW_HEIGHT;
    });
    y += 8;
  }
  legend.forEach((line, i) => shapes.push(text(MARGIN_LEFT, y + 12 + i * LEGEND_LINE, line, 'legend', 'start')));
  y += legend.length * LEGEND_LINE + (legend.length ? 6 : 0);
  const height = Math.ceil(y);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  return raw(
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram ${spec.unit}-diagram" id="${escapeHtml(spec.id)}" role="img" ` +
      `aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
      `font-family="ui-monospace, 'DejaVu Sans Mono', monospace" font-size="${FONT}" fill="currentColor">` +
      `<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>` +
      `<desc id="${escapeHtml(descId)}">${escapeHtml(descriptions.join('; '))}.</desc>` +
      shapes.join('') +
      `</svg>`,
  );
}

/** a, b, …, z, aa, ab, …: legend keys that cannot be mistaken for bit or byte numbers. */
export function markerName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(97 + ((n - 1) % 26)) + name;
  return name;
}

function text(x: number, y: number, content: string, cls: string, anchor: 'start' | 'middle' | 'end'): string {
  return `<text class="${cls}" x="${round(x)}" y="${round(y)}" text-anchor="${anchor}">${escapeHtml(content)}</text>`;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Cut segments into rows of `rowUnits`; runs of three or more full rows of one segment are elided. */
function layoutRows(segments: Segment[], rowUnits: number, msbFirst: boolean, unit: 'byte' | 'bit'): Row[] {
  const total = Math.max(...segments.map((s) => s.end), 1);
  const rowCount = Math.ceil(total / rowUnits);
  const rows: (Row & { fullOf: number | null })[] = [];
  for (let r = 0; r < rowCount; r++) {
    // For bits the top row holds the most significant bits.
    const base = msbFirst ? (rowCount - 1 - r) * rowUnits : r * rowUnits;
    const rowEnd = base + rowUnits;
    const pieces: Piece[] = [];
    const ticks: { column: number; text: string }[] = [];
    segments.forEach((segment, index) => {
      const start = Math.max(segment.start, base);
      const end = Math.min(segment.end, rowEnd);
      if (start >= end) return;
      if (msbFirst) {
        const from = rowEnd - end;
        const to = rowEnd - start;
        pieces.push({ segment: index, from, to });
        ticks.push({ column: from + 0.5, text: String(end - 1) });
        if (end - 1 !== start) ticks.push({ column: to - 0.5, text: String(start) });
      } else {
        pieces.push({ segment: index, from: start - base, to: end - base });
        ticks.push({ column: start - base + 0.5, text: String(start) });
      }
    });
    pieces.sort((a, b) => a.from - b.from);
    ticks.sort((a, b) => a.column - b.column);
    const only = pieces.length === 1 && pieces[0]!.from === 0 && pieces[0]!.to === rowUnits ? pieces[0]!.segment : null;
    const label = unit === 'byte' ? hex(base, 2) : `${rowEnd - 1}:${base}`;
    rows.push({ label, pieces, ticks: unit === 'byte' ? byteTicks(pieces) : ticks, fullOf: only });
  }
  // Elide the middle of long runs of full rows of one segment (big arrays).
  const out: Row[] = [];
  for (let r = 0; r < rows.length; ) {
    let end = r;
    while (rows[r]!.fullOf !== null && end + 1 < rows.length && rows[end + 1]!.fullOf === rows[r]!.fullOf) end += 1;
    const run = end - r + 1;
    if (rows[r]!.fullOf !== null && run >= 3) {
      out.push(rows[r]!);
      const of = segments[rows[r]!.fullOf!]!;
      out.push({ label: '', pieces: [], ticks: [], elided: `\u22EE ${run - 2} more rows of ${of.label || (of.shaded ? 'reserved space' : 'the same')}` });
      out.push(rows[end]!);
      r = end + 1;
    } else {
      out.push(rows[r]!);
      r += 1;
    }
  }
  return out;
}

/** Byte rows: the offset within the row at the start of each piece. */
function byteTicks(pieces: Piece[]): { column: number; text: string }[] {
  return pieces.map((piece) => ({ column: piece.from + 0.5, text: `+${piece.from}` }));
}
