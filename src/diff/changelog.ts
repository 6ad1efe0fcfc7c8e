/**
 * "Changes since vX" in Markdown, from the model diff: one section per standard, grouped by how the
 * change affects implementers. The version gate's own findings are process, not content, and are left
 * out.
 */
import type { Model, Spec } from '../model/types.ts';
import { code, escapeMarkdown } from './markdown-text.ts';
import type { JudgedChange } from './suppress.ts';
import type { RuleSeverity } from './types.ts';

const groups: Array<{ severity: RuleSeverity; title: string }> = [
  { severity: 'error', title: 'Breaking changes' },
  { severity: 'danger', title: 'Changes that may break implementations' },
  { severity: 'warning', title: 'Source-level changes (generated names and types)' },
  { severity: 'note', title: 'Compatible changes' },
];

function heading(id: string, oldSpec: Spec | undefined, newSpec: Spec | undefined): string {
  const title = escapeMarkdown(newSpec?.title ?? oldSpec?.title ?? id);
  if (oldSpec && newSpec) {
    const versions = oldSpec.version === newSpec.version ? `${oldSpec.version} (unchanged)` : `${oldSpec.version} → ${newSpec.version}`;
    return `## ${title} (${code(id)}) ${escapeMarkdown(versions)}`;
  }
  if (newSpec) return `## ${title} (${code(id)}) ${escapeMarkdown(newSpec.version)}, new`;
  return `## ${title} (${code(id)}), removed after ${escapeMarkdown(oldSpec!.version)}`;
}

export function renderChangelog(judged: JudgedChange[], oldModel: Model, newModel: Model, sinceLabel: string): string {
  const content = judged.filter((j) => !j.change.rule.gate);
  const specIds = [...new Set(content.map((j) => j.change.spec))].sort();
  const lines = [`# Changes since ${escapeMarkdown(sinceLabel)}`, ''];
  if (specIds.length === 0) {
    lines.push('No changes to any interface.');
    return `${lines.join('\n')}\n`;
  }
  for (const id of specIds) {
    const oldSpec = oldModel.specs.find((s) => s.id === id);
    const newSpec = newModel.specs.find((s) => s.id === id);
    lines.push(heading(id, oldSpec, newSpec));
    if (oldSpec) lines.push('', `Changes since v${escapeMarkdown(oldSpec.version)}:`);
    for (const group of groups) {
      const picked = content.filter((j) => j.change.spec === id && j.change.rule.severity === group.severity);
      if (picked.length === 0) continue;
      lines.push('', `### ${group.title}`, '');
      for (const { change, suppressedBy } of picked) {
        const accepted = suppressedBy ? ` Accepted: ${escapeMarkdown(suppressedBy.reason)}.` : '';
        lines.push(`- ${escapeMarkdown(change.message)} (${change.rule.layer}, ${code(change.rule.code)}).${accepted}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
