/**
 * Some Markdown makes CommonMark parsers super-linear (remark took over 40 s on 100 KB of `*`):
 * thousands of emphasis delimiters, backticks or brackets in one paragraph, or block quotes and lists nested
 * dozens deep. Real standards never come near these limits, so such input is refused before
 * parsing instead of being parsed slowly.
 */
export const PROSE_LIMITS = { delimitersPerParagraph: 5000, bracketsPerParagraph: 2000, nesting: 32 } as const;

export interface ProseProblem {
  /** 1-based line where the offending paragraph or line starts. */
  line: number;
  reason: string;
}

export function findPathologicalProse(text: string): ProseProblem | null {
  const lines = text.split('\n');
  let delimiters = 0;
  let brackets = 0;
  let paragraphStart = 1;
  let inFence = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (!inFence) inFence = fence[1]!;
      else if (fence[1]!.startsWith(inFence[0]!) && fence[1]!.length >= inFence.length) inFence = '';
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') {
      delimiters = 0;
      brackets = 0;
      paragraphStart = i + 2;
      continue;
    }
    const nesting = /^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))*/.exec(line)![0];
    const depth = (nesting.match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length;
    if (depth > PROSE_LIMITS.nesting) return { line: i + 1, reason: `block quotes or lists nested ${depth} deep (limit ${PROSE_LIMITS.nesting})` };
    for (let k = 0; k < line.length; k++) {
      const ch = line.charCodeAt(k);
      if (ch === 42 /* * */ || ch === 95 /* _ */ || ch === 126 /* ~ */ || ch === 96 /* ` */) delimiters++;
      else if (ch === 91 || ch === 93 /* [ ] */ || ch === 60 /* < */) brackets++;
    }
    if (delimiters > PROSE_LIMITS.delimitersPerParagraph) return { line: paragraphStart, reason: `more than ${PROSE_LIMITS.delimitersPerParagraph} emphasis delimiters in one paragraph` };
    if (brackets > PROSE_LIMITS.bracketsPerParagraph) return { line: paragraphStart, reason: `more than ${PROSE_LIMITS.bracketsPerParagraph} brackets in one paragraph` };
  }
  return null;
}
