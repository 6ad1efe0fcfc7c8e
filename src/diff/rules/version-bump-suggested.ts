import { nextCompatible, nextPatch, parseVersion } from '../semver.ts';
import { defineRule, frontMatter } from './support.ts';

export const versionBumpSuggested = defineRule({
  id: 'version-bump-suggested',
  code: 'HV6902',
  layer: 'NEGOTIATION',
  gate: true,
  severity: 'warning',
  summary: 'A standard gained compatible additions but kept its version.',
  explanation: `Additions (a new feature bit, a new function, a new struct) are compatible, but
implementers need a new version number to tell the revisions apart: bump the minor version for
additions (the patch version on a 0.y line), and the patch version for compatible changes that add
nothing (a reworded requirement, a retired field).

Bad:

\`\`\`yaml
# old: version: 1.2.0                      # new: version: 1.2.0, plus a new feature bit
\`\`\`

Good:

\`\`\`yaml
# new: version: 1.3.0
\`\`\``,
  check({ index, changes }, report) {
    for (const pair of index.specs.matched) {
      if (pair.old.version !== pair.new.version) continue;
      const version = parseVersion(pair.old.version);
      const compatible = changes.filter((c) => c.spec === pair.new.id && c.rule.severity === 'note');
      const breaking = changes.some((c) => c.spec === pair.new.id && c.rule.severity !== 'note');
      if (!version || compatible.length === 0 || breaking) continue;
      report({
        spec: pair.new.id,
        item: pair.new.id,
        message: `standard ${pair.new.id} changed (${compatible.length} compatible change${compatible.length === 1 ? '' : 's'}) but keeps version ${pair.new.version}`,
        hint: `Set \`version: ${compatible.some((c) => c.rule.id === 'item-added') ? nextCompatible(version) : nextPatch(version)}\` in the front matter.`,
        at: frontMatter(pair.new),
      });
    }
  },
});
