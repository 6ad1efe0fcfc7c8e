import { catalogue } from './catalogue.ts';

/** docs/diagnostics.md: every code with its page, generated from the catalogue (one source of truth). */
export function renderDiagnosticsDoc(): string {
  const out = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/diagnostics/core-codes.ts and src/diff/codes.ts by `npm run docs`; do not edit. -->',
    '',
    'Every diagnostic hvspec prints has a stable code. `hvspec explain CODE` prints the same page in a terminal.',
    'Codes are grouped by stage: HV1xxx reading and parsing, HV2xxx schema, HV3xxx names and references,',
    'HV4xxx layout and number registries, HV5xxx normative statements, HV6xxx `hvspec diff`, HV9xxx internal.',
    'Warnings and notes can be re-levelled per code in `hvspec.config.json` (`"severity": { "HV4017": "error" }`); errors cannot.',
    '',
    '| code | name | severity | summary |',
    '| --- | --- | --- | --- |',
    ...catalogue.map((c) => `| [${c.code}](#${c.code.toLowerCase()}) | ${c.name} | ${c.severity} | ${c.summary.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const c of catalogue) out.push(`## ${c.code}`, '', `**${c.name}** (${c.severity}): ${c.summary}`, '', c.explanation.trim(), '');
  return `${out.join('\n')}`;
}
