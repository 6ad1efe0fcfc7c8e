/**
 * Rename: every place a symbol is written (definition, YAML references, `[[…]]`, `requires`),
 * refused with a reason when the new name breaks the identifier rules the checker enforces
 * (src/names/) or is already taken in the symbol's namespace.
 */
import { quote } from '../diagnostics/report.ts';
import { IDENTIFIER, MAX_IDENTIFIER_LENGTH, reservedInC } from '../names/identifiers.ts';
import type { CorpusIndex, Occurrence, SymbolEntry } from './symbol-index.ts';

const SPEC_ID = /^[a-z][a-z0-9-]*$/;

/** Why `name` cannot be the new name of `entry`, or null when it can. */
export function renameProblem(index: CorpusIndex, entry: SymbolEntry, name: string): string | null {
  if (name === entry.name) return 'The new name is the current name.';
  const [prefix] = entry.key.split(':', 1) as [string];
  if (prefix === 'spec' || prefix === 'req' || prefix === 'device') {
    const max = prefix === 'req' ? 80 : 63;
    if (!SPEC_ID.test(name)) return `${quote(name)} is not a valid ${prefix === 'spec' ? 'spec id' : prefix === 'req' ? 'requirement id' : 'device name'}: use lower-case letters, digits and dashes, starting with a letter.`;
    if (name.length > max) return `${quote(name)} is longer than ${max} characters.`;
  } else {
    if (!IDENTIFIER.test(name)) return `${quote(name)} is not a valid identifier: use ASCII letters, digits and underscores, not starting with a digit.`;
    if (name.length > MAX_IDENTIFIER_LENGTH) return `${quote(name)} is ${name.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}.`;
    const reserved = reservedInC(name);
    if (reserved && !(entry.item.kind === 'constant' && reserved.kind === 'reserved-prefix')) return `${quote(name)} is ${reserved.reason}.`;
  }
  const owner = entry.key.includes('.') ? entry.key.slice(entry.key.indexOf(':') + 1, entry.key.lastIndexOf('.')) : undefined;
  const newKey = owner !== undefined ? `${prefix}:${owner}.${name}` : `${prefix}:${name}`;
  const taken = index.symbols.get(newKey);
  if (taken) return `${quote(name)} is already ${taken.item.kind === 'spec' ? 'a spec id' : `defined (${taken.item.kind})`} in ${taken.place?.file ?? taken.spec.file}${taken.place ? `:${taken.place.range.start.line}` : ''}.`;
  return null;
}

/** The places to rewrite: every occurrence of the key, once each. */
export function renameEdits(index: CorpusIndex, key: string): Occurrence[] {
  const seen = new Set<string>();
  return index.occurrences(key).filter((o) => {
    const id = `${o.file}:${o.range.start.line}:${o.range.start.column}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
