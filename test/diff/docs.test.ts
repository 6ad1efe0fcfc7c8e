/** docs/diff.md lists every diff code with its rule id, layer and severity, as the catalogue has them. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diffCodes } from '../../src/diff/codes.ts';
import { diffRules } from '../../src/diff/rules/index.ts';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/diff.md');

describe('docs/diff.md', () => {
  it('has a table row for every code, matching the catalogue', async () => {
    const text = await readFile(DOC, 'utf8');
    for (const doc of diffCodes) {
      const rule = diffRules.find((r) => r.code === doc.code);
      const row = rule
        ? `| ${rule.code} | \`${rule.id}\` | ${rule.layer} | ${rule.severity} |`
        : `| ${doc.code} | \`${doc.name}\` | — | ${doc.severity} |`;
      assert.ok(text.includes(row), `docs/diff.md lacks the row "${row}"`);
    }
  });
});
