// Regenerates docs/diagnostics.md from the diagnostic catalogue: `npm run docs`.
import { writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../src/diagnostics/render-docs.ts';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsDoc());
