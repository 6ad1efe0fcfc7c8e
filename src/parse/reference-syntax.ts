/**
 * `[[name]]` cross-references (docs/format.md, "Cross-references in prose"): one definition for
 * the checker and every generator, so a reference the checker accepts is one the publisher links.
 */
export const CROSS_REFERENCE = /\[\[([^[\]\n]{1,200})\]\]/g;

/** The name inside the brackets (capture group 1); surrounding spaces are not part of it: `[[ hdr ]]` is `hdr`. */
export function referenceName(inner: string): string {
  return inner.trim();
}
