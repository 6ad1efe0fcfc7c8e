import { visible } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';

/** Workflow-command data: `%`, CR and LF are escaped (GitHub's toolkit rules). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Properties additionally escape `:` and `,`, which separate them. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions annotations (`::error file=…,line=…::message`). GitHub shows at most 10 of each
 * severity per step, so the summary line at the end says how many there were in all.
 */
export function renderGithub(diagnostics: Diagnostic[]): string {
  const lines = diagnostics.map((d) => {
    const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props: string[] = [];
    if (d.file) props.push(`file=${escapeProperty(visible(d.file))}`);
    if (d.range) {
      props.push(`line=${d.range.start.line}`, `col=${d.range.start.column}`, `endLine=${d.range.end.line}`);
      if (d.range.end.line === d.range.start.line) props.push(`endColumn=${d.range.end.column}`);
    }
    props.push(`title=${escapeProperty(`hvspec ${d.code}`)}`);
    return `::${command} ${props.join(',')}::${escapeData(d.hint ? `${visible(d.message)}\n${visible(d.hint)}` : visible(d.message))}`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
