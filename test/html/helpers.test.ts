import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitRange, cssString, decimalAndHex, el, escapeHtml, hex, jsonForScript, plainText, raw, render } from '../../generators/html/helpers.ts';

test('escapeHtml escapes the five characters that end text or attribute values', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
});

test('el escapes text children and attribute values, keeps Html as is, drops falsy values', () => {
  assert.equal(el('p', { class: 'a"b', hidden: true, title: null }, '<x>', raw('<b>y</b>'), false, 3).html, '<p class="a&quot;b" hidden>&lt;x&gt;<b>y</b>3</p>');
  assert.equal(render(['a', ['<', null]]), 'a&lt;');
  assert.throws(() => el('p onclick', {}), /bad tag/);
  assert.throws(() => el('p', { 'onclick x': '1' }), /bad attribute/);
});

test('hex prints decimal strings exactly, including 64-bit values and negatives', () => {
  assert.equal(hex('3288334339', 8), '0xC4000003');
  assert.equal(hex('18446744073709551615'), '0xFFFFFFFFFFFFFFFF');
  assert.equal(hex('0', 2), '0x00');
  assert.equal(hex('-1'), '-0x1');
  assert.equal(decimalAndHex('4096'), '4096 (0x1000)');
  assert.equal(decimalAndHex('-1'), '-1');
});

test('jsonForScript cannot close its script element or start a comment', () => {
  const json = jsonForScript({ a: '</script><!-- \u2028 & >' });
  assert.ok(!json.includes('<') && !json.includes('>') && !json.includes('&') && !json.includes('\u2028'));
  assert.deepEqual(JSON.parse(json), { a: '</script><!-- \u2028 & >' });
});

test('cssString escapes everything that could end the string or the style element', () => {
  assert.equal(cssString('Ab 1'), '"Ab 1"');
  assert.equal(cssString('a"b\\c\n</style>'), '"a\\22 b\\5c c\\a \\3c \\2f style\\3e "');
  assert.equal(cssString('é'), '"\\e9 "');
});

test('plainText drops control, bidi and line-separator characters', () => {
  assert.equal(plainText('a\u202Eb\u2066c\u0007d\u2028e\tf'), 'abcde\tf');
});

test('bitRange writes high:low for fields and the bit alone for flags', () => {
  assert.equal(bitRange(4, 3), '6:4');
  assert.equal(bitRange(31, 1), '31');
});
