import type { Range } from '../diagnostics/types.ts';
import { joinPath, type YamlData } from '../parse/yaml-block.ts';

export interface Place {
  file: string;
  range: Range;
}

/**
 * Remembers where each model object came from (its block and path in the YAML), so checks that run
 * on the model can still point at the exact key or value in the Markdown file.
 */
export class SourceIndex {
  private readonly origins = new WeakMap<object, { file: string; yaml: YamlData; path: string; fallback: Range }>();

  set(item: object, file: string, yaml: YamlData, path: string, fallback: Range): void {
    this.origins.set(item, { file, yaml, path, fallback });
  }

  /** The value (or key) at `sub` below the item, falling back to the item itself, then its block. */
  at(item: object, sub = '', which: 'key' | 'value' = 'value'): Place | undefined {
    const origin = this.origins.get(item);
    if (!origin) return undefined;
    const exact = origin.yaml.positions.get(sub === '' ? origin.path : joinPath(origin.path, sub));
    const located = exact ?? origin.yaml.positions.get(origin.path);
    const range = (which === 'key' ? located?.key ?? located?.value : located?.value) ?? origin.fallback;
    return { file: origin.file, range };
  }

  /** Exact integer at `sub` (values above 2^53 are kept as decimal strings). */
  exact(item: object, sub: string, value: number): bigint {
    const origin = this.origins.get(item);
    const text = origin?.yaml.exactIntegers.get(sub === '' ? origin.path : joinPath(origin.path, sub));
    return text !== undefined ? BigInt(text) : BigInt(value);
  }

  /**
   * The exact decimal text of the integer at `sub`, for messages: a bit number of 2^63 is a
   * rounded float in the model's number fields, and `${number}` would print 9223372036854776000.
   */
  decimal(item: object, sub: string, value: number): string {
    return Number.isSafeInteger(value) ? String(value) : this.exact(item, sub, value).toString();
  }
}
