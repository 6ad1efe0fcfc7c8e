/**
 * The `markdown` format of `hvspec diff`: a summary for a pull-request comment. The other formats
 * (text, json, sarif, github) are the shared reporters in src/report/.
 */
import type { Diagnostic } from '../diagnostics/types.ts';
import type { DiffDiagnostic } from './diagnostics.ts';
import { code, escapeMarkdown } from './markdown-text.ts';

export interface MarkdownOptions {
  /** OLD and NEW as given on the command line. */
  old?: string;
  new?: string;
}

const sections: Array<{ title: string; take: (d: DiffDiagnostic) => boolean }> = [
  { title: 'Breaking changes', take: (d) => d.severity === 'error' },
  { title: 'Accepted by a new major version', take: (d) => d.diff?.acceptedByVersion !== undefined },
  { title: 'Source-level changes and warnings', take: (d) => d.severity === 'warning' && d.diff?.acceptedByVersion === undefined },
  { title: 'Accepted by a suppression', take: (d) => d.diff?.suppressed !== undefined },
  { title: 'Compatible changes', take: (d) => d.severity === 'note' && d.diff?.suppressed === undefined },
];

function where(d: Diagnostic): string {
  if (!d.file) return '';
  return code(d.range ? `${d.file}:${d.range.start.line}` : d.file);
}

/** The message without the `[LAYER severity]` prefix, which has its own column. */
function bareMessage(d: DiffDiagnostic): string {
  return d.diff ? d.message.replace(/^\[[A-Z]+ [a-z]+\] /, '') : d.message;
}

function row(d: DiffDiagnostic): string {
  const layer = d.diff ? `${d.diff.layer} ${d.diff.ruleSeverity}` : '';
  const cells = [code(d.code), escapeMarkdown(layer), escapeMarkdown(d.diff?.spec ?? ''), escapeMarkdown(bareMessage(d)), where(d)];
  return `| ${cells.join(' | ')} |`;
}

export function render(diagnostics: Diagnostic[], options: MarkdownOptions = {}): string {
  const all = diagnostics as DiffDiagnostic[];
  const errors = all.filter((d) => d.severity === 'error').length;
  const range = options.old && options.new ? ` ${code(options.old)} → ${code(options.new)}` : '';
  const lines = [`## hvspec diff${range}`, ''];
  if (all.length === 0) {
    lines.push('No interface changes.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(errors > 0
    ? `**${errors} breaking change${errors === 1 ? '' : 's'}** must be undone, accepted by a suppression with a reason, or released under a new major version.`
    : 'Nothing breaks.');
  for (const section of sections) {
    const picked = all.filter(section.take);
    if (picked.length === 0) continue;
    lines.push('', `### ${section.title} (${picked.length})`, '', '| code | layer | spec | change | where |', '| --- | --- | --- | --- | --- |');
    lines.push(...picked.map(row));
  }
  const hinted = all.filter((d) => d.severity === 'error' && d.hint);
  if (hinted.length > 0) {
    lines.push('', '<details><summary>How to fix</summary>', '');
    lines.push(...hinted.map((d) => `- ${code(d.code)} ${escapeMarkdown(bareMessage(d))}: ${escapeMarkdown(d.hint!)}`));
    lines.push('', '</details>');
  }
  lines.push('', 'Run `npx hvspec explain CODE` for the rule behind a code.');
  return `${lines.join('\n')}\n`;
}
