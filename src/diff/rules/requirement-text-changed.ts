import { defineRule } from './support.ts';

export const requirementTextChanged = defineRule({
  id: 'requirement-text-changed',
  code: 'HV6505',
  layer: 'CONFORMANCE',
  severity: 'note',
  summary: "A normative statement's text (or id) changed while its level and role stayed the same.",
  explanation: `Often an editorial fix, sometimes a change in substance that no level captures. It is
listed so reviewers and the changelog see it.

Example:

\`\`\`yaml
# old                                              # new
text: The device MUST reply within 1 s.            text: The device MUST reply within 10 ms.
\`\`\``,
  check({ index }, report) {
    for (const pair of index.requirements.matched) {
      if (pair.old.text === pair.new.text || pair.old.level !== pair.new.level || pair.old.role !== pair.new.role) continue;
      report({
        spec: pair.newSpec.id,
        item: `req:${pair.new.id}`,
        message: `the text of requirement ${pair.new.id} changed`,
        hint: 'Check the change is editorial; a change in substance may need a feature bit.',
        at: pair.new.source,
        was: pair.old.source,
      });
    }
    for (const { item } of index.requirements.removed) {
      const successor = index.requirements.added.find((a) =>
        a.item.text === item.text && a.item.level === item.level && a.item.role === item.role);
      if (!successor) continue;
      report({
        spec: successor.spec.id,
        item: `req:${successor.item.id}`,
        message: `requirement ${item.id} is now called ${successor.item.id} (same text)`,
        hint: 'Test suites and links cite requirement ids; keep published ids.',
        at: successor.item.source,
        was: item.source,
      });
    }
  },
});
