/**
 * Quick fixes for diagnostics whose hint names the fix (`Did you mean "X"?`): replace the wrong
 * text under the diagnostic with X. The wrong text is the name the message quotes when it is
 * under the range (`Unknown type "le23".`), else the whole range.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const DID_YOU_MEAN = /Did you mean "([^"]+)"\?/;

export function quickFixes(document: TextDocument, diagnostics: LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'hvspec') continue;
    const data = diagnostic.data as { hint?: string | null; message?: string } | undefined;
    const text0 = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    const hint = data?.hint ?? text0.split('\nhint: ')[1];
    const suggestion = hint ? DID_YOU_MEAN.exec(hint)?.[1] : undefined;
    if (suggestion === undefined) continue;
    const { range } = diagnostic;
    if (range.start.line !== range.end.line) continue;
    const text = document.getText(range);
    const message = data?.message ?? text0;
    const quoted = /"((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
    let edit: TextEdit;
    const at = quoted !== undefined && quoted !== '' ? text.indexOf(quoted) : -1;
    if (at >= 0) {
      edit = { range: { start: { line: range.start.line, character: range.start.character + at }, end: { line: range.start.line, character: range.start.character + at + quoted!.length } }, newText: suggestion };
    } else if (/^["']?[\w.-]*["']?$/.test(text) && text !== '') {
      const q = /^["']/.test(text) ? 1 : 0;
      edit = { range: { start: { line: range.start.line, character: range.start.character + q }, end: { line: range.end.line, character: range.end.character - q } }, newText: suggestion };
    } else continue;
    actions.push({
      title: `Change to "${suggestion}"`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true,
      edit: { changes: { [document.uri]: [edit] } },
    });
  }
  return actions;
}
