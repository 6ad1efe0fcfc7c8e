import assert from 'node:assert/strict';
import { test } from 'node:test';
import { destinationPages } from '../../generators/pdf/pdf-destinations.ts';

/** A minimal PDF in Skia's shape: nested page tree, /Dests by reference, a stream holding bait. */
const SAMPLE = `%PDF-1.4
1 0 obj
<</Type /Catalog
/Pages 2 0 R
/Dests 9 0 R>>
endobj
2 0 obj
<</Type /Pages
/Count 3
/Kids [3 0 R 4 0 R]>>
endobj
3 0 obj
<</Type /Pages
/Count 2
/Kids [5 0 R 6 0 R]
/Parent 2 0 R>>
endobj
4 0 obj
<</Type /Pages
/Count 1
/Kids [7 0 R]
/Parent 2 0 R>>
endobj
5 0 obj
<</Type /Page
/Parent 3 0 R>>
endobj
6 0 obj
<</Type /Page
/Parent 3 0 R
/Contents 8 0 R>>
endobj
7 0 obj
<</Type /Page
/Parent 4 0 R>>
endobj
8 0 obj
<</Length 40>> stream
/Dests /fake [5 0 R /XYZ 0 0 0] /Type /Catalog
endstream
endobj
9 0 obj
<</sec-intro [6 0 R /XYZ 6 708.4 0]
/fn-psci.CPU_ON [7 0 R /XYZ 6 643.1 0]
/sec-a#2Fb [5 0 R /XYZ 6 600 0]>>
endobj
trailer
<</Size 10 /Root 1 0 R>>
startxref
0
%%EOF
`;

test('named destinations map to 1-based page numbers in page-tree order', () => {
  const pages = destinationPages(new TextEncoder().encode(SAMPLE));
  assert.deepEqual([...pages].sort(), [
    ['fn-psci.CPU_ON', 3],
    ['sec-a/b', 1],
    ['sec-intro', 2],
  ]);
});

test('a PDF without a catalog or a classic trailer is refused rather than misread', () => {
  assert.throws(() => destinationPages(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type /Catalog>>\nendobj\n')), /no classic trailer/);
  assert.throws(() => destinationPages(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<</Type /Page>>\nendobj\ntrailer\n<</Size 2>>\nstartxref\n0\n%%EOF\n')), /no catalog/);
});
