import { isBreakingBump, nextBreaking, parseVersion } from '../semver.ts';
import type { Change } from '../types.ts';
import { defineRule, frontMatter } from './support.ts';

/** Rules whose findings break something (binaries, possibly binaries, or source) and so need a new major. */
export function breaksCompatibility(change: Change): boolean {
  return change.rule.severity !== 'note' && !change.rule.gate;
}

export const versionMajorRequired = defineRule({
  id: 'version-major-required',
  code: 'HV6901',
  layer: 'NEGOTIATION',
  gate: true,
  severity: 'error',
  summary: 'A standard has breaking changes (binary, possible or source-only) but its version does not start a new major line.',
  explanation: `A standard's version tells implementers whether they can upgrade blindly. Any change that
breaks binaries, may break them, or breaks code written against the generated headers needs a new
compatibility line: the left-most non-zero component goes up (1.4.2 → 2.0.0, 0.3.1 → 0.4.0,
0.0.3 → 0.0.4; this is how Cargo reads semver's 0.y.z rule). Findings accepted by a suppression do
not count: the suppression records a reviewer's verdict that the change is safe.

With the new major version, the breaking findings of that standard are accepted: they are still
listed (as warnings) so reviewers see what breaks, but they no longer fail the diff.

Bad:

\`\`\`yaml
# old: version: 1.2.0, field len: le16     # new: version: 1.3.0, field len: le32
\`\`\`

Good:

\`\`\`yaml
# new: version: 2.0.0
\`\`\``,
  check({ index, changes }, report) {
    for (const pair of index.specs.matched) {
      const oldVersion = parseVersion(pair.old.version);
      const newVersion = parseVersion(pair.new.version);
      if (!oldVersion || !newVersion || isBreakingBump(oldVersion, newVersion)) continue;
      const breaking = changes.filter((c) => c.spec === pair.new.id && breaksCompatibility(c));
      if (breaking.length === 0) continue;
      const listed = breaking.slice(0, 3).map((c) => `${c.rule.code} ${c.item}`).join(', ');
      report({
        spec: pair.new.id,
        item: pair.new.id,
        message: `standard ${pair.new.id} has ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'} (${listed}${breaking.length > 3 ? ', …' : ''}) but its version goes from ${pair.old.version} to ${pair.new.version}`,
        hint: `Undo the breaking changes, or set \`version: ${nextBreaking(oldVersion)}\` in the front matter.`,
        at: frontMatter(pair.new),
      });
    }
  },
});
