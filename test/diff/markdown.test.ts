/** The Markdown outputs (PR comment, changelog) treat every piece of user text as data. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderChangelog } from '../../src/diff/changelog.ts';
import type { DiffDiagnostic } from '../../src/diff/diagnostics.ts';
import { render } from '../../src/diff/markdown.ts';
import { code, escapeMarkdown } from '../../src/diff/markdown-text.ts';
import type { Model, Spec } from '../../src/model/types.ts';
import { structSizeChanged } from '../../src/diff/rules/struct-size-changed.ts';
import { itemAdded } from '../../src/diff/rules/item-added.ts';

const spec = (version: string, title: string): Spec => ({
  id: 'x', title, version, status: 'draft', requires: [], editors: [], sources: [], file: 'standards/x.md', body: [], breaking: [],
  constants: [], enums: [], flags: [], structs: [], features: [], devices: [], hypercalls: [], protocols: [], requirements: [], examples: [],
});
const model = (s: Spec): Model => ({ hvspecModel: 2, specs: [s] });

describe('markdown escaping', () => {
  it('neutralises links, HTML, tables, mentions and line breaks', () => {
    const text = escapeMarkdown('[click](http://evil) <img src=x onerror=alert(1)> a|b @octocat *bold* `x`\nnext\u202e');
    assert.equal(text, '\\[click\\](http://evil) &lt;img src=x onerror=alert(1)&gt; a\\|b &#64;octocat \\*bold\\* \\`x\\` next');
  });

  it('fences inline code longer than any backtick run inside', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x`'), '`` `x` ``');
  });
});

describe('PR comment', () => {
  it('groups findings, says what breaks, and escapes messages', () => {
    const diagnostics: DiffDiagnostic[] = [
      { code: 'HV6201', severity: 'error', file: 'standards/x.md', range: { start: { line: 3, column: 1 }, end: { line: 3, column: 1 } },
        message: '[WIRE error] struct a|b changed size', hint: 'Keep <size>.',
        diff: { rule: 'struct-size-changed', layer: 'WIRE', ruleSeverity: 'error', spec: 'x', item: 'a' } },
      { code: 'HV6108', severity: 'note', message: '[SOURCE note] new constant X',
        diff: { rule: 'item-added', layer: 'SOURCE', ruleSeverity: 'note', spec: 'x', item: 'X' } },
    ];
    const out = render(diagnostics, { old: 'origin/main', new: '.' });
    assert.match(out, /^## hvspec diff `origin\/main` → `\.`\n/);
    assert.match(out, /\*\*1 breaking change\*\*/);
    assert.match(out, /\| `HV6201` \| WIRE error \| x \| struct a\\\|b changed size \| `standards\/x\.md:3` \|/);
    assert.match(out, /### Compatible changes \(1\)\n\n.*\n.*\n\| `HV6108` \| SOURCE note \| x \| new constant X \|  \|/);
    assert.match(out, /Keep &lt;size&gt;\./);
    assert.equal(render([], {}), '## hvspec diff\n\nNo interface changes.\n');
  });
});

describe('changelog', () => {
  it('has a section per standard with its versions, grouped by severity', () => {
    const judged = [
      { change: { rule: itemAdded, spec: 'x', item: 'X_NEW', message: 'new constant X_NEW = 1' } },
      { change: { rule: structSizeChanged, spec: 'x', item: 'x_req', message: 'struct x_req changed size from 8 to 12 bytes' },
        suppressedBy: { rule: 'HV6201', reason: 'never shipped', origin: { file: 'hvspec.config.json' } } },
    ];
    const out = renderChangelog(judged, model(spec('1.0.0', 'Old')), model(spec('2.0.0', 'X <b>@team</b>')), 'v1.0.0');
    assert.equal(out, [
      '# Changes since v1.0.0',
      '',
      '## X &lt;b&gt;&#64;team&lt;/b&gt; (`x`) 1.0.0 → 2.0.0',
      '',
      'Changes since v1.0.0:',
      '',
      '### Breaking changes',
      '',
      '- struct x\\_req changed size from 8 to 12 bytes (WIRE, `HV6201`). Accepted: never shipped.',
      '',
      '### Compatible changes',
      '',
      '- new constant X\\_NEW = 1 (SOURCE, `HV6108`).',
      '',
    ].join('\n'));
  });
});
