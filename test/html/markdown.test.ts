/**
 * The sanitizing pipeline, string by string. The browser tests prove the same end to end; these
 * pin each rule so that a regression names its cause.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDoc, sanitizeSchema, type LinkContext } from '../../generators/html/markdown.ts';

const context: LinkContext = {
  symbols: new Map([
    ['virtio_i2c_out_hdr', { spec: 'virtio-i2c', anchor: 'type-virtio_i2c_out_hdr', kind: 'struct', name: 'virtio_i2c_out_hdr' }],
    ['psci.CPU_ON', { spec: 'arm-psci', anchor: 'fn-psci.CPU_ON', kind: 'function', name: 'psci.CPU_ON' }],
    ['spec:arm-psci', { spec: 'arm-psci', anchor: '', kind: 'standard', name: 'Arm PSCI' }],
  ]),
  spec: 'virtio-i2c',
  samePageOnly: false,
};

test('raw HTML never reaches the page', () => {
  // Inline tags are dropped one by one; the text between them stays, as inert text.
  assert.equal(renderDoc('a <script>alert(1)</script> b', context), 'a alert(1) b');
  assert.equal(renderDoc('<script>alert(1)</script>', context), '');
  assert.equal(renderDoc('x <b onclick="alert(1)">y</b>', context), 'x y');
  assert.equal(renderDoc('<iframe src="https://example.org"></iframe>', context), '');
  assert.equal(renderDoc('<style>body{display:none}</style>', context), '');
});

test('only http, https and mailto links survive; the text of the others stays', () => {
  assert.equal(renderDoc('[a](https://example.org/x)', context), '<a href="https://example.org/x">a</a>');
  assert.equal(renderDoc('[m](mailto:a@example.org)', context), '<a href="mailto:a@example.org">m</a>');
  for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'vbscript:x', '../etc/passwd', '/etc/passwd', 'x.html', '#frag']) {
    assert.equal(renderDoc(`[t](${url})`, context), 't', url);
  }
  assert.equal(renderDoc('[t][r]\n\n[r]: javascript:alert(1)', context), 't');
  assert.equal(renderDoc('<javascript:alert(1)>', context), 'javascript:alert(1)');
});

test('images become their alt text (no request leaves the page)', () => {
  assert.equal(renderDoc('see ![the diagram](https://example.org/x.png)', context), 'see the diagram');
  assert.ok(!(sanitizeSchema.tagNames ?? []).includes('img'));
});

test('cross-references link to the definition; unknown ones are plain code; code spans stay literal', () => {
  assert.equal(renderDoc('[[virtio_i2c_out_hdr]]', context), '<a href="#type-virtio_i2c_out_hdr" class="xref"><code>virtio_i2c_out_hdr</code></a>');
  assert.equal(renderDoc('[[psci.CPU_ON]]', context), '<a href="arm-psci.html#fn-psci.CPU_ON" class="xref"><code>psci.CPU_ON</code></a>');
  assert.equal(renderDoc('[[spec:arm-psci]]', context), '<a href="arm-psci.html" class="xref"><code>Arm PSCI</code></a>');
  assert.equal(renderDoc('[[nothing]]', context), '<code>nothing</code>');
  assert.equal(renderDoc('`[[virtio_i2c_out_hdr]]`', context), '<code>[[virtio_i2c_out_hdr]]</code>');
  // In a one-spec book, references into other specs are not links.
  assert.equal(renderDoc('[[psci.CPU_ON]]', { ...context, samePageOnly: true }), '<code>psci.CPU_ON</code>');
});

test('headings inside doc strings become bold paragraphs (the page keeps its heading order)', () => {
  assert.equal(renderDoc('# Big\n\ntext', context), '<p><strong>Big</strong></p>\n<p>text</p>');
});

test('GFM tables render; ids from the source would be prefixed', () => {
  // In a scroller, like the generated tables, so a wide author table cannot widen the page.
  assert.match(renderDoc('| a |\n| - |\n| 1 |', context), /^<div class="table-wrap"><table>/);
  assert.equal(sanitizeSchema.clobberPrefix, 'u-');
  assert.ok(sanitizeSchema.clobber?.includes('id'));
});

test('the plain-text shortcut returns exactly what the pipeline would', async () => {
  const fc = (await import('fast-check')).default;
  const { renderBlocks, parseMarkdown, isPlainText } = await import('../../generators/html/markdown.ts');
  const alphabet = [...'Aaz09_ ,.;:\'"()/%=+?-'];
  fc.assert(
    fc.property(fc.constantFrom('A', 'a', 'z', '(', '1', '0'), fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (first, rest) => {
      const text = first + rest.join('');
      if (!isPlainText(text)) return; // trailing or double spaces
      const html = renderBlocks(parseMarkdown(text).children, context);
      assert.equal(html, `<p>${text}</p>`);
      assert.equal(renderDoc(text, context), text);
    }),
    { numRuns: 2000, seed: 7 },
  );
  for (const text of ['Number of jacks.', "The device's (optional) status: 0 = ok, 1 = error; see above."]) assert.ok(isPlainText(text), text);
  for (const text of ['1. item', '2) x', '- item', '# x', 'a  b', 'a*b*', '_a_', 'a _b', 'x <y>', 'a & b', '[[x]]', 'a\nb', 'a ', ' a']) assert.ok(!isPlainText(text), text);
  for (const text of ['Field values of ffa_mem_region.attributes.', '4 KiB.', '1.5 V']) assert.ok(isPlainText(text), text);
});

test('a cross-reference the checker accepts is the one the page links: spaces inside the brackets are not part of the name', async () => {
  const spaced = renderDoc('See [[ virtio_i2c_out_hdr ]].', context);
  assert.equal(spaced, renderDoc('See [[virtio_i2c_out_hdr]].', context));
  assert.match(spaced, /<a href="#type-virtio_i2c_out_hdr" class="xref">/);
  // The checker resolves the same text to the same name.
  const { parseDocument } = await import('../../src/parse/document.ts');
  const { Report } = await import('../../src/diagnostics/report.ts');
  const doc = parseDocument('---\nspec: a\ntitle: A\nversion: 1.0.0\nstatus: draft\n---\n\nSee [[ virtio_i2c_out_hdr ]].\n', 'standards/a.md', new Report());
  assert.deepEqual(doc!.references.map((r) => r.name), ['virtio_i2c_out_hdr']);
});
