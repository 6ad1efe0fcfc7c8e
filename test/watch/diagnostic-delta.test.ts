/** What watch calls new and fixed: moving a diagnostic is neither; a second copy is new. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../src/diagnostics/types.ts';
import { diffDiagnostics } from '../../src/watch/diagnostic-delta.ts';

const at = (line: number, column: number, message = 'Unknown type "le23".', code = 'HV3001'): Diagnostic => ({
  code, severity: 'error', file: 'standards/a.md', message,
  range: { start: { line, column }, end: { line, column: column + 4 } },
});

test('a diagnostic that moved (lines inserted above) is neither new nor fixed', () => {
  assert.deepEqual(diffDiagnostics([at(10, 5)], [at(12, 5)]), { added: [], fixed: [] });
});

test('a second copy of the same mistake is new; the copy that stayed put is the old one', () => {
  const delta = diffDiagnostics([at(10, 5)], [at(10, 5), at(20, 5)]);
  assert.deepEqual(delta, { added: [at(20, 5)], fixed: [] });
});

test('removing one of two copies fixes the one that is gone', () => {
  assert.deepEqual(diffDiagnostics([at(10, 5), at(20, 5)], [at(10, 5)]), { added: [], fixed: [at(20, 5)] });
});

test('a changed message is a fix plus a new diagnostic; the first run is all new', () => {
  const delta = diffDiagnostics([at(10, 5)], [at(10, 5, 'Unknown type "le24".')]);
  assert.deepEqual(delta, { added: [at(10, 5, 'Unknown type "le24".')], fixed: [at(10, 5)] });
  assert.deepEqual(diffDiagnostics([], [at(1, 1), at(2, 1)]), { added: [at(1, 1), at(2, 1)], fixed: [] });
});
