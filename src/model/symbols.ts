import type { Report } from '../diagnostics/report.ts';
import { quote } from '../diagnostics/report.ts';
import type { Range } from '../diagnostics/types.ts';
import type { BlockKind } from '../parse/document.ts';
import type { YamlData } from '../parse/yaml-block.ts';
import type { Place } from './source-index.ts';

/** A block, with the document it belongs to. */
export interface BlockRef {
  spec: string;
  file: string;
  kind: BlockKind;
  yaml: YamlData;
  range: Range;
  /** Index of the block in its document (for the body). */
  index: number;
}

/** Something defined by name, with where its name is written. */
export interface Definition<T = unknown> {
  name: string;
  kind: string;
  spec: string;
  block: BlockRef;
  /** Path of the definition's mapping in the block YAML ('' for the block itself). */
  path: string;
  data: T;
  place: Place;
}

/**
 * A namespace of definitions. Lookups are Map-based, so names such as `__proto__` or
 * `constructor` are ordinary names. A second definition of a name is reported with both places.
 */
export class Namespace<T = unknown> {
  private readonly entries = new Map<string, Definition<T>>();

  /** `duplicateCode`: the code a second definition gets (requirements have their own). */
  constructor(private readonly what: string, private readonly duplicateCode = 'HV3002') {}

  define(def: Definition<T>, report: Report): boolean {
    const first = this.entries.get(def.name);
    if (first) {
      report.add(this.duplicateCode, def.place.file, def.place.range,
        `${quote(def.name)} is already defined as ${article(first.kind)} in ${first.place.file}:${first.place.range.start.line}.`,
        { hint: `Each ${this.what} name is defined once across the corpus; rename or remove one.`,
          related: [{ file: first.place.file, range: first.place.range, message: 'first defined here' }] });
      return false;
    }
    this.entries.set(def.name, def);
    return true;
  }

  get(name: string): Definition<T> | undefined {
    return this.entries.get(name);
  }

  names(): IterableIterator<string> {
    return this.entries.keys();
  }

  values(): IterableIterator<Definition<T>> {
    return this.entries.values();
  }
}

export function article(kind: string): string {
  // "a union": the vowel letter is sounded as "you" (found by the fuzzer: "is an union").
  return /^[aeiou]/.test(kind) && !/^uni/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
