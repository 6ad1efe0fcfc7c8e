import path from 'node:path';
import type { Diagnostic } from '../diagnostics/types.ts';
import { readSourceText } from '../input/read-source.ts';
import { renderGithub } from '../report/github.ts';
import { renderJson } from '../report/json.ts';
import { renderSarif } from '../report/sarif.ts';
import { renderText } from '../report/text.ts';
import { UsageError, type CliContext } from './context.ts';
import { toolVersion } from './version.ts';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string, extra: readonly string[] = []): string {
  if (!(FORMATS as readonly string[]).includes(value) && !extra.includes(value)) {
    throw new UsageError(`--format must be one of ${[...FORMATS, ...extra].join(', ')}, not "${value}"`);
  }
  return value;
}

/** Render diagnostics in the chosen format. Text goes with code frames from the source files. */
export function renderDiagnostics(diagnostics: Diagnostic[], format: Format, context: CliContext): string {
  switch (format) {
    case 'json': return renderJson(diagnostics);
    case 'sarif': return renderSarif(diagnostics, toolVersion());
    case 'github': return renderGithub(diagnostics);
    case 'text': {
      const sources = new Map<string, string>();
      for (const d of diagnostics) {
        if (!d.file || sources.has(d.file)) continue;
        // Never blocks on a FIFO or device named like a document: no frame for those (read-source.ts).
        const text = readSourceText(path.join(context.root, d.file));
        if (text !== null) sources.set(d.file, text);
      }
      const shown = context.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
      return renderText(shown, { sources, color: context.color });
    }
  }
}
