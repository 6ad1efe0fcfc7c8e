import { compareVersions, parseVersion } from '../semver.ts';
import { defineRule, frontMatter } from './support.ts';

export const versionDecreased = defineRule({
  id: 'version-decreased',
  code: 'HV6903',
  layer: 'NEGOTIATION',
  gate: true,
  severity: 'error',
  summary: "A standard's version went down.",
  explanation: `Versions only go up: implementers compare them to decide which revision is newer.

Bad:

\`\`\`yaml
# old: version: 1.2.0                      # new: version: 1.1.0
\`\`\`

Good: a revision has a higher version than the one it replaces.`,
  check({ index }, report) {
    for (const pair of index.specs.matched) {
      const a = parseVersion(pair.old.version);
      const b = parseVersion(pair.new.version);
      if (!a || !b || compareVersions(b, a) >= 0) continue;
      report({
        spec: pair.new.id,
        item: pair.new.id,
        message: `the version of ${pair.new.id} went down from ${pair.old.version} to ${pair.new.version}`,
        hint: 'Use a version higher than the published one.',
        at: frontMatter(pair.new),
      });
    }
  },
});
