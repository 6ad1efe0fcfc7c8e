import type { Position, Range } from '../diagnostics/types.ts';

/** Maps offsets in a text (UTF-16 code units) to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.starts[this.starts.length - 1]!;
  }
}

export function pointRange(line: number, column: number, length = 1): Range {
  return { start: { line, column }, end: { line, column: column + length } };
}

/** Where a diagnostic about a whole file points (too large, empty, not a regular file): line 1, column 1. */
export function fileStart(): Range {
  return pointRange(1, 1, 0);
}
