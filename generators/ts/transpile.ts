/**
 * Derives the JavaScript and declaration files of the package from the generated TypeScript, so
 * consumers import plain ES modules (Node refuses to strip types under node_modules).
 * Both transforms are per-file and syntactic (no type checking), hence fast and deterministic;
 * the generated code is written to satisfy `isolatedDeclarations`, which `transpileDeclaration`
 * needs. TypeScript is a dev dependency of hvspec, loaded only when the target is built.
 */
import ts from 'typescript';

const common: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  strict: true,
  newLine: ts.NewLineKind.LineFeed,
};
const declarationOptions: ts.CompilerOptions = { ...common, declaration: true, isolatedDeclarations: true };

function failIfDiagnostics(fileName: string, diagnostics: readonly ts.Diagnostic[] | undefined): void {
  if (diagnostics === undefined || diagnostics.length === 0) return;
  const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ');
  throw new Error(`ts generator: ${fileName} does not transpile: ${text}`);
}

/** `{ js, dts }` of one generated TypeScript module. */
export function transpile(fileName: string, source: string): { js: string; dts: string } {
  const js = ts.transpileModule(source, { compilerOptions: common, fileName, reportDiagnostics: true });
  failIfDiagnostics(fileName, js.diagnostics);
  const dts = ts.transpileDeclaration(source, { compilerOptions: declarationOptions, fileName, reportDiagnostics: true });
  failIfDiagnostics(fileName, dts.diagnostics);
  return { js: js.outputText, dts: dts.outputText };
}
