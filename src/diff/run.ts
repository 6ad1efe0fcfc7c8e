/**
 * `hvspec diff` and `hvspec changelog` without the command line: open both sides, compile them,
 * compare, apply suppressions, and return diagnostics and an exit code. Only this module and
 * sides.ts/git.ts touch files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compileCorpus } from '../compile.ts';
import type { Diagnostic } from '../diagnostics/types.ts';
import type { Model } from '../model/types.ts';
import { SIDE_DOES_NOT_COMPILE } from './codes.ts';
import { changeToDiagnostic, sortDiagnostics, unusedSuppressionDiagnostic, type DiffDiagnostic } from './diagnostics.ts';
import { judgeModels } from './engine.ts';
import { openSide, UsageError, type Side } from './sides.ts';
import { frontMatterSuppressions, readSuppressions, SuppressionError, type JudgedChange, type Suppression } from './suppress.ts';

export { UsageError };

export interface DiffOutcome {
  /** What to print: compile errors of a side, or the findings and unused suppressions. */
  diagnostics: DiffDiagnostic[];
  /** The findings with their suppressions (empty when a side does not compile). */
  judged: JudgedChange[];
  old: { label: string; model: Model | null };
  /** `root` is NEW's directory when NEW is one (for code frames), null for a git revision. */
  new: { label: string; model: Model | null; root: string | null };
  /** 0 nothing breaks, 1 an error-severity finding (or a side has errors). */
  exitCode: 0 | 1;
}

const CONFIG = 'hvspec.config.json';

/** `diff.suppress` of NEW's hvspec.config.json, if the file exists. */
export async function configSuppressions(root: string): Promise<Suppression[]> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG), 'utf8');
  } catch {
    return [];
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${CONFIG}: not valid JSON (${(error as Error).message})`);
  }
  const diff = (config as { diff?: unknown } | null)?.diff;
  if (diff === undefined) return [];
  if (typeof diff !== 'object' || diff === null || Array.isArray(diff)) throw new UsageError(`${CONFIG}: "diff" must be an object`);
  return readSuppressions((diff as { suppress?: unknown }).suppress, { file: CONFIG });
}

function sideErrors(which: 'OLD' | 'NEW', side: Side, diagnostics: Diagnostic[]): DiffDiagnostic[] {
  const errors: DiffDiagnostic[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ ...d, side: which === 'OLD' ? 'old' as const : 'new' as const, message: `[${which} ${side.label}] ${d.message}` }));
  errors.push({
    code: SIDE_DOES_NOT_COMPILE,
    severity: 'error',
    message: `${which} (${side.label}) has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was compared`,
    hint: which === 'NEW' ? 'Run `hvspec check` and fix the errors first.' : `Run \`hvspec check\` on ${side.label} to see why it does not compile.`,
  });
  return errors;
}

/** The comparison itself, on models already built: findings, suppressions, diagnostics, exit code. */
export function compareModels(oldModel: Model, newModel: Model, suppressions: Suppression[]): Pick<DiffOutcome, 'diagnostics' | 'judged' | 'exitCode'> {
  const { judged, unused } = judgeModels(oldModel, newModel, suppressions);
  const diagnostics = sortDiagnostics([...judged.map(changeToDiagnostic), ...unused.map(unusedSuppressionDiagnostic)]);
  return { diagnostics, judged, exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0 };
}

export async function runDiff(oldArg: string, newArg: string, cwd: string = process.cwd()): Promise<DiffOutcome> {
  const sides: Side[] = [];
  try {
    const oldSide = await openSide(oldArg, cwd);
    sides.push(oldSide);
    const newSide = await openSide(newArg, cwd);
    sides.push(newSide);
    // Directories use the same content-hash cache as `hvspec check`; a revision's copy is thrown away.
    const [oldResult, newResult] = await Promise.all([
      // A revision's copy has no node_modules: its standard libraries are the working tree's (src/input/libraries.ts).
      compileCorpus(oldSide.root, { cache: !oldSide.commit, ...(oldSide.commit ? { resolveLibrariesFrom: cwd } : {}) }),
      compileCorpus(newSide.root, { cache: !newSide.commit, ...(newSide.commit ? { resolveLibrariesFrom: cwd } : {}) }),
    ]);
    const base = {
      old: { label: oldSide.label, model: oldResult.model },
      new: { label: newSide.label, model: newResult.model, root: newSide.commit ? null : newSide.root },
    };
    if (!oldResult.model || !newResult.model) {
      const diagnostics = [
        ...(oldResult.model ? [] : sideErrors('OLD', oldSide, oldResult.diagnostics)),
        ...(newResult.model ? [] : sideErrors('NEW', newSide, newResult.diagnostics)),
      ];
      return { ...base, diagnostics, judged: [], exitCode: 1 };
    }
    let suppressions: Suppression[];
    try {
      suppressions = [...(await configSuppressions(newSide.root)), ...frontMatterSuppressions(newResult.model)];
    } catch (error) {
      if (error instanceof SuppressionError) throw new UsageError(error.message);
      throw error;
    }
    return { ...base, ...compareModels(oldResult.model, newResult.model, suppressions) };
  } finally {
    await Promise.all(sides.map((s) => s.dispose()));
  }
}
