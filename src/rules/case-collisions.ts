import { quote } from '../diagnostics/report.ts';
import { pascalCase } from '../names/identifiers.ts';
import { namesIn } from './names-in-model.ts';
import type { Rule } from './rule.ts';

/**
 * Rust and TypeScript spell type names in PascalCase; two names that convert to the same one
 * would generate clashing types. Bad: `foo_bar` and `foo__bar` (both `FooBar`).
 */
export const caseCollisions: Rule = {
  id: 'case-collisions',
  codes: ['HV3009'],
  summary: 'Type names stay distinct after conversion to PascalCase.',
  check({ model, sources, report }) {
    const seen = new Map<string, { name: string; item: object; sub: string }>();
    for (const thing of namesIn(model)) {
      if (thing.role !== 'type') continue;
      const converted = pascalCase(thing.name);
      const first = seen.get(converted);
      if (!first) { seen.set(converted, { name: thing.name, item: thing.item, sub: thing.sub }); continue; }
      if (first.name === thing.name) continue; // an exact duplicate is HV3002's business
      const at = sources.at(thing.item, thing.sub)!;
      const other = sources.at(first.item, first.sub)!;
      report.add('HV3009', at.file, at.range, `${quote(thing.name)} and ${quote(first.name)} both become the type name ${converted} in Rust and TypeScript.`,
        { hint: 'Rename one of them.', related: [{ file: other.file, range: other.range, message: 'the other name' }] });
    }
  },
};
