import { quote } from '../diagnostics/report.ts';
import { pascalCase, tsPropertyName } from '../names/identifiers.ts';
import { namesIn } from './names-in-model.ts';
import type { Rule } from './rule.ts';

/**
 * Rust and TypeScript spell type names in PascalCase, and TypeScript spells struct fields and
 * register values as camelCase properties; two names that convert to the same one would generate
 * clashing types or properties. Bad: `foo_bar` and `foo__bar` (both `FooBar`); fields
 * `wall_clock` and `wallClock` of one struct (both `wallClock`).
 */
export const caseCollisions: Rule = {
  id: 'case-collisions',
  codes: ['HV3009'],
  summary: 'Type names stay distinct after conversion to PascalCase, and the members of one struct or call after conversion to camelCase.',
  check({ model, sources, report }) {
    const members = (owner: string, what: string, list: { name: string }[]): void => {
      const seen = new Map<string, { name: string }>();
      for (const member of list) {
        const prop = tsPropertyName(member.name);
        const first = seen.get(prop);
        if (!first) { seen.set(prop, member); continue; }
        if (first.name === member.name) continue; // an exact duplicate is HV3002's business
        const at = sources.at(member, 'name');
        const other = sources.at(first, 'name');
        if (!at || !other) continue;
        report.add('HV3009', at.file, at.range, `${what} ${quote(member.name)} and ${quote(first.name)} of ${quote(owner)} both become the property ${prop} in TypeScript.`,
          { hint: 'Rename one of them.', related: [{ file: other.file, range: other.range, message: 'the other name' }] });
      }
    };
    for (const spec of model.specs) {
      for (const s of spec.structs) members(s.name, 'Fields', s.fields.filter((f) => !f.reserved));
      for (const h of spec.hypercalls) {
        for (const fn of h.functions) {
          members(`${h.name}.${fn.name}`, 'Arguments', fn.args);
          members(`${h.name}.${fn.name}`, 'Results', fn.results);
        }
      }
    }

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
