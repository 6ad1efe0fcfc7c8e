/**
 * `hvspec conform --c-header H [--c-header H2 …] [--spec ID] [--map names.json] [--target TRIPLE]
 * [--cc COMPILER] [-I DIR] [-D NAME[=V]]`: compare an implementation's C headers with the
 * standards of this root. Exit codes: 0 the headers agree (missing names are warnings unless
 * --strict), 1 a difference (or the corpus has errors), 2 usage (no compiler, unreadable map).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compileCorpus } from '../../compile.ts';
import { conformHeaders } from '../../conform/conform.ts';
import type { NameMap } from '../../conform/facts.ts';
import { CompilerMissing, type Compiler } from '../../conform/probe.ts';
import { createContext, relevel, UsageError, type GlobalOptions } from '../context.ts';
import { parseFormat, renderDiagnostics, type Format } from '../diagnostics-output.ts';
import { writeReport } from '../report-file.ts';

interface ConformCliOptions {
  cHeader: string[];
  spec: string[];
  map?: string;
  target?: string;
  cc?: string;
  include: string[];
  define: string[];
  format: string;
  strict?: boolean;
  outputFile?: string;
  cache: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerConform(program: Command, run: (action: () => Promise<number>) => Promise<void>): void {
  program.command('conform')
    .description('compare an implementation\'s C headers with the standard (values, sizes, offsets, names)')
    .requiredOption('--c-header <file>', 'a header of the implementation (repeat for several, in include order)', collect, [])
    .option('--spec <id>', 'a standard to compare (repeatable; default: every standard the headers mention)', collect, [])
    .option('--map <file>', 'JSON object: model name → header name (or null when deliberately absent)')
    .option('--target <triple>', 'compile for this target, e.g. aarch64-linux-gnu (gcc: TRIPLE-gcc; clang: --target=TRIPLE)')
    .option('--cc <compiler>', 'the C compiler (default: gcc, or TRIPLE-gcc with --target)')
    .option('-I, --include <dir>', 'an include directory for the header (repeatable)', collect, [])
    .option('-D, --define <macro>', 'a macro for the header, NAME or NAME=VALUE (repeatable)', collect, [])
    .option('--format <format>', 'text, json, sarif or github', 'text')
    .option('--strict', 'missing names fail too (exit 1)')
    .option('--output-file <file>', 'write the report to a file instead of stdout')
    .option('--no-cache', 'ignore and do not fill .hvspec-cache/')
    .action((options: ConformCliOptions, command: Command) => run(async () => {
      const format = parseFormat(options.format) as Format;
      const context = createContext(command.optsWithGlobals() as GlobalOptions);
      for (const header of options.cHeader) if (!existsSync(header)) throw new UsageError(`--c-header ${header}: no such file`);
      const map = options.map ? readMap(options.map) : {};
      const compiled = await compileCorpus(context.root, { cache: options.cache });
      if (!compiled.model) {
        await writeReport(renderDiagnostics(relevel(compiled.diagnostics, context.config), format, context), options.outputFile, context);
        return 1;
      }
      const known = new Set(compiled.model.specs.map((s) => s.id));
      for (const id of options.spec) if (!known.has(id)) throw new UsageError(`--spec ${id}: no such standard (known: ${[...known].join(', ')})`);
      let result;
      try {
        result = conformHeaders(compiled.model, {
          headers: options.cHeader, specs: options.spec, map, compiler: chooseCompiler(options),
          root: context.root, cwd: process.cwd(),
        });
      } catch (error) {
        if (error instanceof CompilerMissing) throw new UsageError(error.message);
        throw error;
      }
      if (result.specs.length === 0) throw new UsageError('the headers mention no name of any standard here; name one with --spec');
      const diagnostics = relevel(result.diagnostics, context.config);
      if (format === 'text' && !context.quiet) context.stderr(`conform: ${result.facts} facts of ${result.specs.join(', ')} against ${options.cHeader.join(', ')}\n`);
      await writeReport(renderDiagnostics(diagnostics, format, context), options.outputFile, context);
      return diagnostics.some((d) => d.severity === 'error' || (options.strict && d.severity === 'warning')) ? 1 : 0;
    }));
}

function chooseCompiler(options: ConformCliOptions): Compiler {
  const command = options.cc ?? (options.target ? `${options.target}-gcc` : 'gcc');
  const args = [
    ...(options.target && /clang/.test(command) ? [`--target=${options.target}`] : []),
    ...options.include.map((dir) => `-I${dir}`),
    ...options.define.map((macro) => `-D${macro}`),
  ];
  return { command, args };
}

function readMap(file: string): NameMap {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--map ${file}: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`--map ${file}: must be a JSON object of names`);
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value !== 'string') throw new UsageError(`--map ${file}: "${key}" must map to a string or null`);
  }
  return data as NameMap;
}
