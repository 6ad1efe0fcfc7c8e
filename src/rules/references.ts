import { quote } from '../diagnostics/report.ts';
import { walkFields } from '../model/fields.ts';
import { referenceTargets } from '../model/references.ts';
import { closest } from '../names/suggest.ts';
import { CROSS_REFERENCE, referenceName } from '../parse/reference-syntax.ts';
import type { Rule } from './rule.ts';

/**
 * `[[name]]` in prose, doc strings and requirement text must name something the corpus defines,
 * so every cross-reference in the published spec is a working link.
 */
export const references: Rule = {
  id: 'references',
  codes: ['HV3014'],
  summary: 'Every [[name]] cross-reference resolves to a definition.',
  check({ model, sources, documents, report }) {
    const targets = referenceTargets(model);
    const complain = (name: string, file: string, range: Parameters<typeof report.add>[2]): void => {
      if (targets.has(name)) return;
      // The search costs every target in the corpus: skip it for a diagnostic that will not be shown.
      const guess = report.accepts(file) ? closest(name, targets.keys()) : undefined;
      report.add('HV3014', file, range, `Cross-reference [[${quote(name).slice(1, -1)}]] names nothing the corpus defines.`,
        { hint: guess ? `Did you mean [[${guess}]]?` : 'Check the spelling; see docs/format.md for the reference forms.' });
    };
    for (const doc of documents) for (const ref of doc.references) complain(ref.name, doc.file, ref.range);
    const scan = (item: object, text: string, sub: string): void => {
      for (const match of text.matchAll(CROSS_REFERENCE)) {
        const at = sources.at(item, sub);
        if (at) complain(referenceName(match[1]!), at.file, at.range);
      }
    };
    for (const spec of model.specs) {
      const withDoc: object[] = [
        ...spec.constants, ...spec.constants.flatMap((g) => g.constants), ...spec.enums, ...spec.enums.flatMap((e) => e.values),
        ...spec.flags, ...spec.flags.flatMap((f) => f.flags), ...spec.structs, ...spec.structs.flatMap((s) => [...walkFields(s.fields)].map((v) => v.field)),
        ...spec.features, ...spec.features.flatMap((f) => f.features), ...spec.devices, ...spec.devices.flatMap((d) => d.features),
        ...spec.hypercalls, ...spec.hypercalls.flatMap((h) => h.functions), ...spec.protocols,
        ...(spec.registers ?? []), ...(spec.registers ?? []).flatMap((m) => m.registers),
      ];
      for (const item of withDoc) scan(item, (item as { doc: string }).doc, 'doc');
      for (const r of spec.requirements) scan(r, r.text, 'text');
    }
  },
};
