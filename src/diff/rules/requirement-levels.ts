/** RFC 2119 levels compared: how binding a statement is, and whether it forbids or demands. */
import type { Level } from '../../model/types.ts';

export function strength(level: Level): number {
  if (level.startsWith('MUST')) return 2;
  if (level.startsWith('SHOULD')) return 1;
  return 0;
}

export function negative(level: Level): boolean {
  return level.endsWith(' NOT');
}
