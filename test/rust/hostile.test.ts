/**
 * Doc strings are data: a corpus whose every doc string tries to end its comment and add an
 * item named `injected_*` (newlines, CR, U+2028/2029, NEL, `*` `/`, bidi controls, control
 * characters, code fences that rustdoc would run as doctests) still compiles with -D warnings,
 * every `injected` stays inside a comment, and rustdoc finds no doctest.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Model } from '../../src/model/types.ts';
import { buildLibrary, CRATE, FIXTURES, modelOf, needTool, writeCrate, type Crate } from './support.ts';

describe('rust crate: hostile doc strings', () => {
  let model: Model;
  let crate: Crate;

  before(async () => {
    model = await modelOf(join(FIXTURES, 'hostile'));
    crate = writeCrate(model);
  });
  after(() => rmSync(crate.dir, { recursive: true, force: true }));

  it('the corpus carries the hostile strings into the model', () => {
    const docs = model.specs[0]!.constants[0]!.constants.map((c) => c.doc).join('');
    for (const char of ['\n', '\r', '\u2028', '\u2029', '\u0085', '\u202e', '\u0007', '\u0000', '```', '~~~']) {
      assert.ok(docs.includes(char), `fixture lost ${JSON.stringify(char)}`);
    }
  });

  it('keeps every injected text inside a line comment', () => {
    let seen = 0;
    for (const [path, text] of crate.files) {
      text.split('\n').forEach((line, index) => {
        // README.md is Markdown, not Rust: there the titles are text (escaped for Markdown), never code.
        if (!line.includes('injected') || !path.endsWith('.rs')) return;
        seen++;
        assert.match(line, /^\s*\/\/[/!]? /, `${path}:${index + 1} has injected text outside a comment: ${line}`);
      });
      assert.doesNotMatch(text, /[\r\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069\u0000-\u0008\u000b-\u001f]/u, `${path} holds a raw control, separator or bidi character`);
    }
    assert.ok(seen >= 20, `expected the injected texts in comments, saw ${seen}`);
  });

  it('compiles with -D warnings, and rustdoc finds no doctest', (t) => {
    const rustc = needTool(t, 'rustc');
    if (rustc === null) return;
    buildLibrary(rustc, crate);
    const rustdoc = needTool(t, 'rustdoc');
    if (rustdoc === null) return;
    const output = execFileSync(rustdoc, ['--test', '--edition', '2021', '--crate-name', CRATE, join(crate.dir, 'src', 'lib.rs')], {
      cwd: crate.dir,
      encoding: 'utf8',
    });
    assert.match(output, /running 0 tests/);
  });
});
