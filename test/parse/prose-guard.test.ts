import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CASES } from '../../bench/pathological.bench.ts';
import { Report } from '../../src/diagnostics/report.ts';
import { parseDocument } from '../../src/parse/document.ts';
import { measureProse, PROSE_LIMITS as L } from '../../src/parse/prose-guard.ts';

/*
 * The deterministic parse limits (docs/reliability.md, "Parse limits and budgets"): each shape that
 * makes remark-parse super-linear is refused with one HV1014 at a fixed line, whatever the load; the
 * benchmark's worst accepted inputs are accepted; the pass never skips text the parser reads as prose.
 */
const FRONT = '---\nspec: g\ntitle: G\nversion: 1.0.0\nstatus: draft\n---\n\n';
const FIRST = 8; // first prose line after FRONT

function refused(body: string): string | null {
  const report = new Report();
  parseDocument(FRONT + body, 'standards/g.md', report);
  const d = report.diagnostics.find((x) => x.code === 'HV1014');
  return d ? `${d.range!.start.line}: ${d.message}` : null;
}

describe('parse limits', () => {
  test('each super-linear shape is refused at a fixed line with its reason', () => {
    assert.match(refused('a\n=\n\n'.repeat(L.setextHeadings + 1))!, /^\d+: .*more than 1000 setext headings/);
    assert.match(refused('> a\n\n'.repeat(L.containers + 1))!, new RegExp(`^${FIRST + 2 * L.containers}: .*block quotes and nested list items`));
    assert.match(refused('- > a\n'.repeat(5_000))!, /block quotes and nested list items/);
    assert.match(refused('- a\n'.repeat(L.listItems + 1))!, new RegExp(`^${FIRST + L.listItems}: .*more than 10000 list items`));
    assert.match(refused(`${'*a_ '.repeat(600)}\n`)!, new RegExp(`^${FIRST}: .*more than 1000 emphasis, code and link delimiters in one paragraph`));
    assert.match(refused(`${'*a_ '.repeat(450)}\n\n`.repeat(6))!, /dense paragraphs/);
    assert.match(refused(`> a\n${'lazy\n'.repeat(2_100)}`)!, new RegExp(`^${FIRST}: .*too long without a blank line`));
    assert.match(refused(`${'> '.repeat(L.nesting + 1)}deep\n`)!, /nested 17 deep/);
    assert.match(refused('\n'.repeat(L.lines))!, /lines \(limit 64000\)/);
    assert.match(refused('Para.\n\n'.repeat(L.blocks + 1))!, /more than 10000 paragraphs/);
    assert.match(refused(`${'*a* '.repeat(20)}\n\n`.repeat(1_300))!, /more than 50000 .* in the document/);
  });

  test('the same text gets the same verdict every time', () => {
    const body = 'a\n=\n\n'.repeat(L.setextHeadings + 1);
    const first = refused(body);
    for (let i = 0; i < 3; i++) assert.equal(refused(body), first);
  });

  test('the benchmark\'s worst accepted inputs pass, its refused ones do not', () => {
    for (const c of CASES) {
      const { problem } = measureProse(`${FRONT}${c.body()}`, FIRST);
      if (c.kind === 'at-limit') assert.equal(problem, null, `${c.name} is accepted: ${problem?.reason}`);
      else assert.notEqual(problem, null, `${c.name} is refused`);
    }
  });

  test('text the parser reads as prose is never skipped as fence content', () => {
    const dense = `${'*a_ '.repeat(600)}\n`;
    // A fence indented inside a list item ends with the item; the column-1 text after it is prose.
    assert.match(refused(`- a\n\n  \`\`\`\n${dense}\`\`\`\n`)!, /one paragraph/);
    // A fence line inside an HTML block is raw HTML, and the block ends at the blank line.
    assert.match(refused(`<div>\n\`\`\`\n\n${dense}\`\`\`\n`)!, /one paragraph/);
    assert.match(refused(`<div>\n# title\n\`\`\`\n\n${dense}\`\`\`\n`)!, /one paragraph/);
    assert.match(refused(`<!--\n\`\`\`\n-->\n\n${dense}\`\`\`\n`)!, /one paragraph/);
    // `*` alone continues a paragraph (an empty item cannot interrupt one); `2.` cannot interrupt either.
    assert.match(refused(`${'*a_ \n*\n'.repeat(600)}`)!, /one paragraph/);
    assert.match(refused(`a\n${'2. *a_ \n'.repeat(600)}`)!, /one paragraph/);
    // Indented four columns, a list marker is paragraph text, not a new item.
    assert.match(refused(`a\n${'    - *a_\n'.repeat(600)}`)!, /one paragraph/);
    // A real fence's content is skipped: YAML underscores are not emphasis.
    assert.equal(refused(`\`\`\`hvspec constants\n${'snake_case_name_with_many_parts: 1\n'.repeat(2_000)}\`\`\`\n`), null);
  });

  test('the project\'s standards are far inside every limit', () => {
    const dir = path.join(import.meta.dirname, '../../standards');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const { problem, counts } = measureProse(readFileSync(path.join(dir, name), 'utf8'));
      assert.equal(problem, null, name);
      assert.ok(counts.lines * 10 < L.lines && counts.listItems * 10 < L.listItems && counts.containers * 10 < L.containers, name);
      assert.ok(counts.maxDelimitersPerParagraph * 10 < L.delimitersPerParagraph && counts.delimiterWork * 10 < L.delimiterWork, name);
      assert.ok(counts.paragraphLineWork * 10 < L.paragraphLineWork && counts.blocks * 10 < L.blocks && counts.setextHeadings * 10 < L.setextHeadings, name);
    }
  });
});
