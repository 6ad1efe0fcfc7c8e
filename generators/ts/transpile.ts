/**
 * Derives the JavaScript and declaration files of the package from the generated TypeScript, so
 * consumers import plain ES modules (Node refuses to strip types under node_modules).
 * Both transforms are per-file and syntactic (no type checking), hence fast and deterministic;
 * the generated code is written to satisfy `isolatedDeclarations`, which `transpileDeclaration`
 * needs. TypeScript is a dev dependency of hvspec, loaded on first use so that commands other
 * than `build` do not pay for it.
 */
import type * as TypeScript from 'typescript';

type Ts = typeof TypeScript;
let loaded: Promise<Ts> | undefined;

function typescript(): Promise<Ts> {
  // TypeScript is CommonJS: Node's ESM import gives it as the default export.
  loaded ??= import('typescript').then((module) => module.default as Ts);
  return loaded;
}

function failIfDiagnostics(ts: Ts, fileName: string, diagnostics: readonly TypeScript.Diagnostic[] | undefined): void {
  if (diagnostics === undefined || diagnostics.length === 0) return;
  const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ');
  throw new Error(`ts generator: ${fileName} does not transpile: ${text}`);
}

/** `{ js, dts }` of one generated TypeScript module. */
export async function transpile(fileName: string, source: string): Promise<{ js: string; dts: string }> {
  const ts = await typescript();
  const common: TypeScript.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    strict: true,
    newLine: ts.NewLineKind.LineFeed,
  };
  const js = ts.transpileModule(source, { compilerOptions: common, fileName, reportDiagnostics: true });
  failIfDiagnostics(ts, fileName, js.diagnostics);
  const declarationOptions = { ...common, declaration: true, isolatedDeclarations: true };
  const dts = ts.transpileDeclaration(source, { compilerOptions: declarationOptions, fileName, reportDiagnostics: true });
  failIfDiagnostics(ts, fileName, dts.diagnostics);
  return { js: js.outputText, dts: dts.outputText };
}
