/**
 * The incremental update that adds bookmarks, checked structurally on a small PDF: the original
 * bytes stay a prefix, the new cross-reference entries point exactly at their objects, the outline
 * links are consistent. (test/pdf/pdf.test.ts checks real books with poppler.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addOutline } from '../../generators/pdf/pdf-outline.ts';

const BASE = `%PDF-1.4
1 0 obj
<</Type /Catalog
/Pages 2 0 R
/Dests 4 0 R>>
endobj
2 0 obj
<</Type /Pages
/Count 1
/Kids [3 0 R]>>
endobj
3 0 obj
<</Type /Page
/Parent 2 0 R>>
endobj
4 0 obj
<</sec-a [3 0 R /XYZ 0 0 0]>>
endobj
xref
0 5
0000000000 65535 f 
0000000009 00000 n 
0000000062 00000 n 
0000000118 00000 n 
0000000166 00000 n 
trailer
<</Size 5
/Root 1 0 R
/Info 9 0 R>>
startxref
212
%%EOF
`;

test('bookmarks are appended as an incremental update with exact offsets', () => {
  const original = new TextEncoder().encode(BASE);
  const updated = addOutline(original, [
    { title: 'Einführung', dest: 'sec-a', children: [{ title: 'struct x', dest: 'type-x', children: [] }] },
    { title: 'Index', dest: 'idx', children: [] },
  ]);
  assert.deepEqual(updated.subarray(0, original.length), original);
  const text = Buffer.from(updated).toString('latin1');
  const tail = text.slice(BASE.length);
  // xref: outline root 5, entries 6–8 in one subsection; new catalog revision of object 1.
  const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(tail)![1]);
  assert.equal(text.slice(xrefAt, xrefAt + 5), 'xref\n');
  const xref = text.slice(xrefAt, text.indexOf('trailer', xrefAt));
  assert.match(xref, /^xref\n1 1\n\d{10} 00000 n \n5 4\n(\d{10} 00000 n \n){4}$/);
  for (const [, first, count, entries] of xref.matchAll(/(\d+) (\d+)\n((?:\d{10} 00000 n \n)+)/g)) {
    [...entries!.matchAll(/(\d{10})/g)].forEach((m, i) => {
      assert.equal(text.slice(Number(m[1]), Number(m[1]) + 12).split('\n')[0], `${Number(first) + i} 0 obj`, `object ${Number(first) + i}`);
    });
    assert.equal([...entries!.matchAll(/\n/g)].length, Number(count));
  }
  assert.match(tail, /trailer\n<<\/Size 9\n\/Root 1 0 R\n\/Prev 212\n\/Info 9 0 R>>/);
  // New catalog keeps /Pages and /Dests and points at the outline.
  assert.match(tail, /1 0 obj\n<<\/Type \/Catalog\n\/Pages 2 0 R\n\/Dests 4 0 R\n\/Outlines 5 0 R\n\/PageMode \/UseOutlines>>/);
  assert.match(tail, /5 0 obj\n<<\/Type \/Outlines\n\/First 6 0 R\n\/Last 8 0 R\n\/Count 3>>/);
  // Titles are UTF-16BE with a byte-order mark (ü = 00FC); destinations are names.
  assert.match(tail, /6 0 obj\n<<\/Title <FEFF00450069006E006600FC006800720075006E0067>\n\/Parent 5 0 R\n\/Dest \/sec-a\n\/Next 8 0 R\n\/First 7 0 R\n\/Last 7 0 R\n\/Count 1>>/);
  assert.match(tail, /7 0 obj\n<<\/Title <FEFF[0-9A-F]+>\n\/Parent 6 0 R\n\/Dest \/type-x>>/);
  assert.match(tail, /8 0 obj\n<<\/Title <FEFF[0-9A-F]+>\n\/Parent 5 0 R\n\/Dest \/idx\n\/Prev 6 0 R>>/);
});

test('no entries, no change', () => {
  const original = new TextEncoder().encode(BASE);
  assert.equal(addOutline(original, []), original);
});
