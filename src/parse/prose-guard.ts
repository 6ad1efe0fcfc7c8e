/**
 * remark-parse (micromark) is super-linear in several shapes, and its memory grows by about
 * 1.5 KB per line and 10–20 KB per paragraph or list item. Measured on this machine (docs/reliability.md,
 * bench/pathological.bench.ts): setext headings and block quotes or nested lists cost time
 * quadratic in their number in the whole document; lazy continuation lines quadratic in the
 * lines of one paragraph; emphasis, code and link delimiters quadratic in their number in one
 * paragraph. So before parsing, one linear pass over the lines measures those quantities and
 * refuses a document that exceeds a limit. The limits are counts, never time: the same text is
 * always accepted or always refused, whatever the machine's load. Each is at least ten times what
 * the largest real standard uses, and a document at any one limit parses within the budget
 * of docs/reliability.md (10 s, 512 MB per run).
 *
 * The pass is not a Markdown parser. Where it cannot tell what micromark will see, it counts more,
 * never less: it skips only the content of fences it is sure of (opened at column 1, outside HTML),
 * and it ends a paragraph only at lines that always end one (blank lines, headings, fences, list
 * items that may interrupt a paragraph).
 */
export const PROSE_LIMITS = {
  /** Lines in the document; memory grows with lines (1 MiB of empty lines took 1.5 GB). */
  lines: 64_000,
  /** Block quotes, list markers or both on one line (`> > - a`). */
  nesting: 16,
  /** Setext headings (a line of `=` or `-` under text) in the document; cost is quadratic in their number. */
  setextHeadings: 1_000,
  /** Paragraphs, headings, list items and link definitions: each costs 10–20 KB of peak memory. */
  blocks: 10_000,
  /** List items in the document: each costs about 17 KB of peak memory (40,000 took 800 MB). */
  listItems: 10_000,
  /** Block quotes opened and nested list items in the document; cost is quadratic in their number. */
  containers: 2_000,
  /** Emphasis, code and link delimiters (`*`, `_`, `` ` ``, `~` runs and `[`, `]`, `<`) in one paragraph. */
  delimitersPerParagraph: 1_000,
  /** Sum over paragraphs of (delimiters in it)²: bounds the quadratic cost of many dense paragraphs. */
  delimiterWork: 4_000_000,
  /** Delimiters in the document: each becomes tree nodes, which cost memory. */
  delimiters: 50_000,
  /** Sum over paragraphs of (lines in it)²: lazy continuation lines are quadratic in one paragraph. */
  paragraphLineWork: 4_000_000,
} as const;

export interface ProseProblem {
  /** 1-based line where the offending construct starts (or where the limit was crossed). */
  line: number;
  reason: string;
}

/** What the pass counted, for tests and the benchmark. */
export interface ProseCounts {
  lines: number;
  nesting: number;
  setextHeadings: number;
  blocks: number;
  listItems: number;
  containers: number;
  delimiters: number;
  maxDelimitersPerParagraph: number;
  delimiterWork: number;
  paragraphLineWork: number;
}

// Container prefix: indentation, block quote markers and list markers (a marker needs a space or the line end after it).
const PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
const MARKER = />|[-*+]|\d{1,9}[.)]/g;
// HTML blocks that run past blank lines (CommonMark kinds 1–5): their content is raw to micromark.
const HTML_RAW_START: [RegExp, RegExp][] = [
  [/^<(script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** The first limit the text exceeds, or null. `text` is the whole file (front matter included). */
export function findPathologicalProse(text: string, firstProseLine = 1): ProseProblem | null {
  return measureProse(text, firstProseLine).problem;
}

/** A fence at column 1 that this pass is sure micromark reads as fenced code, from its opening to its closing line (1-based). */
export interface SureFence {
  open: number;
  close: number;
}

export function measureProse(text: string, firstProseLine = 1): { problem: ProseProblem | null; counts: ProseCounts; fences: SureFence[] } {
  const L = PROSE_LIMITS;
  const counts: ProseCounts = { lines: 0, nesting: 0, setextHeadings: 0, blocks: 0, listItems: 0, containers: 0, delimiters: 0, maxDelimitersPerParagraph: 0, delimiterWork: 0, paragraphLineWork: 0 };
  const lines = text.split('\n');
  counts.lines = lines.length;
  const fences: SureFence[] = [];
  const result = (problem: ProseProblem | null): { problem: ProseProblem | null; counts: ProseCounts; fences: SureFence[] } => ({ problem, counts, fences });
  if (lines.length > L.lines) {
    return result({ line: L.lines + 1, reason: `the document has ${lines.length} lines (limit ${L.lines})` });
  }

  let fence = ''; // the opening fence while inside a fence this pass is sure of
  let fenceOpen = 0;
  let uncertainFence = ''; // an indented fence: maybe top level, maybe in a list item
  let htmlEnd: RegExp | null = null; // end marker while inside a raw HTML block
  let runStart = 0; // 1-based line where the current paragraph (run of lines) started; 0 = none
  let runLines = 0;
  let runDelimiters = 0;
  let htmlUntilBlank = false; // an HTML block of kind 6 or 7 may be open; it ends at a blank line
  let previousQuoteDepth = 0;
  let previousBlank = true;

  // Ends the current paragraph; returns a problem if its weight crosses a limit.
  const endRun = (): ProseProblem | null => {
    if (runStart === 0) return null;
    counts.delimiterWork += runDelimiters * runDelimiters;
    counts.paragraphLineWork += runLines * runLines;
    counts.maxDelimitersPerParagraph = Math.max(counts.maxDelimitersPerParagraph, runDelimiters);
    const at = runStart;
    runStart = 0;
    runLines = 0;
    runDelimiters = 0;
    if (counts.delimiterWork > L.delimiterWork) {
      return { line: at, reason: `too many emphasis, code and link delimiters in dense paragraphs (weight ${counts.delimiterWork} by the paragraph at this line, limit ${L.delimiterWork})` };
    }
    if (counts.paragraphLineWork > L.paragraphLineWork) {
      return { line: at, reason: `paragraphs or lists too long without a blank line (weight ${counts.paragraphLineWork} by the one at this line, limit ${L.paragraphLineWork})` };
    }
    return null;
  };

  for (let i = firstProseLine - 1; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) {
        fences.push({ open: fenceOpen, close: lineNo });
        fence = '';
      }
      continue;
    }
    const prefix = PREFIX.exec(line)![0];
    const rest = line.slice(prefix.length);
    const markers = prefix.match(MARKER) ?? [];
    if (markers.length > L.nesting) {
      return result({ line: lineNo, reason: `block quotes or lists nested ${markers.length} deep (limit ${L.nesting})` });
    }
    counts.nesting = Math.max(counts.nesting, markers.length);

    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else {
      const html = HTML_RAW_START.find(([start]) => start.test(rest));
      if (html && !html[1].test(rest.slice(1))) htmlEnd = html[1];
    }
    if (rest.startsWith('<')) htmlUntilBlank = true;

    // A fence at column 1 outside HTML is a fence whatever came before; only its content is skipped.
    const opening = /^(`{3,}|~{3,})(.*)$/.exec(line);
    const isFenceLine = opening && !(opening[1]![0] === '`' && opening[2]!.includes('`'));
    // Inside an indented fence, a fence line at column 1 may close it rather than open one: count, do not skip.
    const closesUncertain = uncertainFence !== '' && isFenceLine && opening[1]![0] === uncertainFence[0] && opening[1]!.length >= uncertainFence.length && opening[2]!.trim() === '';
    if (closesUncertain) uncertainFence = '';
    else if (isFenceLine && !htmlEnd && !htmlUntilBlank && uncertainFence === '') {
      const problem = endRun();
      if (problem) return result(problem);
      fence = opening[1]!;
      fenceOpen = lineNo;
      previousBlank = true;
      previousQuoteDepth = 0;
      continue;
    }

    // Only container prefixes and spaces: a blank line, in or out of block quotes. (`*` alone is not blank: it can be text.)
    const indented = /^ {1,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (uncertainFence === '' && indented && !(indented[1]![0] === '`' && indented[2]!.includes('`'))) uncertainFence = indented[1]!;
    else if (uncertainFence !== '' && indented && indented[1]![0] === uncertainFence[0] && indented[1]!.length >= uncertainFence.length && indented[2]!.trim() === '') uncertainFence = '';
    const blank = /^[ \t>]*$/.test(line);
    const quoteDepth = markers.filter((m) => m === '>').length;
    const listMarkers = markers.length - quoteDepth;
    // Block quotes opened on this line (after a list marker, every quote is a new one), and list items below the top level.
    const quoteOpens = listMarkers > 0 || previousBlank || quoteDepth > previousQuoteDepth ? quoteDepth : 0;
    const topLevelItem = listMarkers > 0 && /^[-*+\d]/.test(line) ? 1 : 0;
    counts.containers += quoteOpens + listMarkers - topLevelItem;
    counts.listItems += listMarkers;
    if (counts.listItems > L.listItems) {
      return result({ line: lineNo, reason: `more than ${L.listItems} list items in the document` });
    }
    if (counts.containers > L.containers) {
      return result({ line: lineNo, reason: `more than ${L.containers} block quotes and nested list items in the document` });
    }
    previousQuoteDepth = quoteDepth;

    if (blank) {
      htmlUntilBlank = false;
      const problem = endRun();
      if (problem) return result(problem);
      previousBlank = true;
      continue;
    }
    if (!previousBlank && runStart !== 0 && /^ {0,3}(=+|-+)[ \t]*$/.test(line.replace(/^(?:[ \t]*>)*[ \t]?/, ''))) {
      counts.setextHeadings++;
      if (counts.setextHeadings > L.setextHeadings) {
        return result({ line: lineNo, reason: `more than ${L.setextHeadings} setext headings (text underlined with = or -) in the document` });
      }
    }
    // Lines that always end the paragraph before them: an ATX heading, or a list item that may interrupt one.
    // Only when no gap in the prefix could make it indented code (which continues a paragraph instead).
    const gapsOk = !prefix.includes('\t') && /^ {0,3}(?:(?:>|[-*+]|\d{1,9}[.)]) {0,4})*$/.test(prefix);
    const heading = gapsOk && /^#{1,6}([ \t]|$)/.test(rest);
    const interruptingItem = gapsOk && rest.trim() !== '' && markers.some((m) => m === '-' || m === '*' || m === '+' || m === '1.' || m === '1)');
    if (heading || interruptingItem) {
      const problem = endRun();
      if (problem) return result(problem);
    }
    if (runStart === 0) {
      runStart = lineNo;
      if (++counts.blocks > L.blocks) return result({ line: lineNo, reason: `more than ${L.blocks} paragraphs, headings and list items in the document` });
    }
    runLines++;
    const delimiters = countDelimiters(line);
    runDelimiters += delimiters;
    counts.delimiters += delimiters;
    if (runDelimiters > L.delimitersPerParagraph) {
      return result({ line: runStart, reason: `more than ${L.delimitersPerParagraph} emphasis, code and link delimiters in one paragraph` });
    }
    if (counts.delimiters > L.delimiters) {
      return result({ line: lineNo, reason: `more than ${L.delimiters} emphasis, code and link delimiters in the document` });
    }
    if (heading) {
      const problem = endRun();
      if (problem) return result(problem);
    }
    previousBlank = false;
  }
  return result(endRun());
}

/** Runs of `*`, `_`, `~` and backticks (each run is one delimiter to micromark), plus each `[`, `]` and `<`. */
function countDelimiters(text: string): number {
  let n = 0;
  let previous = -1;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 42 /* * */ || ch === 95 /* _ */ || ch === 126 /* ~ */ || ch === 96 /* ` */) {
      if (ch !== previous) n++;
      previous = ch;
      continue;
    }
    previous = -1;
    if (ch === 91 || ch === 93 || ch === 60 /* [ ] < */) n++;
  }
  return n;
}
