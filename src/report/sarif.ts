import type { Log, ReportingDescriptor, Result } from 'sarif';
import { lookupCode } from '../diagnostics/catalogue.ts';
import { visible } from '../diagnostics/report.ts';
import type { Diagnostic } from '../diagnostics/types.ts';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

/** A SARIF 2.1.0 log with one run: the rules used (from the catalogue) and one result per diagnostic. */
export function renderSarif(diagnostics: Diagnostic[], toolVersion: string): string {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules: ReportingDescriptor[] = codes.map((code) => {
    const doc = lookupCode(code);
    return {
      id: code,
      name: doc?.name ?? code,
      shortDescription: { text: doc?.summary ?? code },
      fullDescription: { text: doc?.summary ?? code },
      help: { text: doc?.explanation ?? '', markdown: doc?.explanation ?? '' },
      defaultConfiguration: { level: LEVEL[doc?.severity ?? 'error'] },
    };
  });
  const results: Result[] = diagnostics.map((d) => {
    const result: Result = {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: LEVEL[d.severity],
      // Viewers render message text; JSON escaping alone leaves C1 and bidi controls in it.
      message: { text: visible(d.hint ? `${d.message} ${d.hint}` : d.message) },
    };
    if (d.file) {
      result.locations = [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.file), uriBaseId: 'SRCROOT' },
          ...(d.range ? { region: { startLine: d.range.start.line, startColumn: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column } } : {}),
        },
      }];
    }
    if (d.related?.length) {
      result.relatedLocations = d.related.map((r, id) => ({
        id,
        message: { text: visible(r.message) },
        physicalLocation: {
          artifactLocation: { uri: encodeURI(r.file), uriBaseId: 'SRCROOT' },
          region: { startLine: r.range.start.line, startColumn: r.range.start.column, endLine: r.range.end.line, endColumn: r.range.end.column },
        },
      }));
    }
    return result;
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'hvspec', version: toolVersion, informationUri: 'https://github.com/hvspec/hvspec', rules } },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { SRCROOT: { description: { text: 'The standards root (the directory holding standards/).' } } },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
