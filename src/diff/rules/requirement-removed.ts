import { defineRule, frontMatter } from './support.ts';

export const requirementRemoved = defineRule({
  id: 'requirement-removed',
  code: 'HV6503',
  layer: 'CONFORMANCE',
  severity: 'danger',
  summary: 'A normative statement was removed.',
  explanation: `Peers may rely on what the statement guaranteed, and conformance test suites cite its id.
Removing a MAY can also forbid what it allowed. A reviewer must decide. (A statement whose id changed
but whose text, level and role stayed the same is reported as a note instead.)

Bad: deleting a \`requirements\` item.

Good: keep the statement; if it must change, change its text and level so the other rules see it.`,
  check({ index }, report) {
    const same = (a: { text: string; level: string; role: string }, b: typeof a) =>
      a.text === b.text && a.level === b.level && a.role === b.role;
    for (const { item, spec } of index.requirements.removed) {
      if (index.requirements.added.some((a) => same(a.item, item))) continue; // only the id changed
      const newSpec = index.newSpec(spec.id);
      if (!newSpec) continue; // spec-removed covers a deleted standard
      report({
        spec: spec.id,
        item: `req:${item.id}`,
        message: `requirement ${item.id} (${item.role} ${item.level}) was removed`,
        hint: 'Peers and test suites rely on it: keep it, or suppress with the reason it no longer applies.',
        at: frontMatter(newSpec),
        was: item.source,
      });
    }
  },
});
