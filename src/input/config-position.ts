import type { Range } from '../diagnostics/types.ts';

/**
 * Where the string `value` is written in the list under `key` of hvspec.config.json (1-based,
 * UTF-16 columns), so a diagnostic about a configured library or plugin opens at its entry. A
 * text search is enough: the file is small, already valid JSON, and the value is quoted as JSON.
 */
export function configPosition(configText: string | undefined, key: string, value: string): Range | undefined {
  if (configText === undefined) return undefined;
  const listAt = configText.indexOf(JSON.stringify(key));
  if (listAt < 0) return undefined;
  const quoted = JSON.stringify(value);
  const at = configText.indexOf(quoted, listAt + key.length + 2);
  if (at < 0) return undefined;
  const before = configText.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return { start: { line, column }, end: { line, column: column + quoted.length } };
}
