import { quote } from '../diagnostics/report.ts';
import { IDENTIFIER, MAX_IDENTIFIER_LENGTH, reservedInC } from '../names/identifiers.ts';
import { namesIn } from './names-in-model.ts';
import type { Rule } from './rule.ts';

/** Latin look-alikes from other scripts, named so the author can find the character. */
const LOOK_ALIKES: Record<string, string> = {
  'а': 'CYRILLIC SMALL LETTER A (looks like "a")', 'е': 'CYRILLIC SMALL LETTER IE (looks like "e")', 'о': 'CYRILLIC SMALL LETTER O (looks like "o")',
  'р': 'CYRILLIC SMALL LETTER ER (looks like "p")', 'с': 'CYRILLIC SMALL LETTER ES (looks like "c")', 'х': 'CYRILLIC SMALL LETTER HA (looks like "x")',
  'у': 'CYRILLIC SMALL LETTER U (looks like "y")', 'і': 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I (looks like "i")',
  'А': 'CYRILLIC CAPITAL LETTER A (looks like "A")', 'Е': 'CYRILLIC CAPITAL LETTER IE (looks like "E")', 'О': 'CYRILLIC CAPITAL LETTER O (looks like "O")',
  'Р': 'CYRILLIC CAPITAL LETTER ER (looks like "P")', 'С': 'CYRILLIC CAPITAL LETTER ES (looks like "C")', 'Т': 'CYRILLIC CAPITAL LETTER TE (looks like "T")',
  'ο': 'GREEK SMALL LETTER OMICRON (looks like "o")', 'Ο': 'GREEK CAPITAL LETTER OMICRON (looks like "O")', 'ι': 'GREEK SMALL LETTER IOTA (looks like "i")',
  'Α': 'GREEK CAPITAL LETTER ALPHA (looks like "A")', 'Ε': 'GREEK CAPITAL LETTER EPSILON (looks like "E")', 'ı': 'LATIN SMALL LETTER DOTLESS I (looks like "i")',
};

/**
 * Identifiers are C identifiers, because the C headers must use the names existing code uses.
 * Bad: `name: сonfig` (Cyrillic с). Good: `name: config`.
 */
export const identifierRules: Rule = {
  id: 'identifiers',
  codes: ['HV3006', 'HV3007', 'HV3008'],
  summary: 'Every identifier is an ASCII C identifier of at most 63 characters that is no C/C++ keyword.',
  check({ model, sources, report }) {
    for (const thing of namesIn(model)) {
      const at = sources.at(thing.item, thing.sub);
      if (!at) continue;
      if (!IDENTIFIER.test(thing.name)) {
        const odd = [...thing.name].find((ch) => !/[A-Za-z0-9_]/.test(ch));
        const described = odd === undefined ? 'it starts with a digit'
          : LOOK_ALIKES[odd] ? `it contains U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${LOOK_ALIKES[odd]}`
          : `it contains ${quote(odd)} (U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
        report.add('HV3006', at.file, at.range, `${quote(thing.name)} is not a valid identifier: ${described}.`,
          { hint: 'Use ASCII letters, digits and underscores, not starting with a digit.' });
        continue;
      }
      if (thing.name.length > MAX_IDENTIFIER_LENGTH) {
        report.add('HV3008', at.file, at.range, `${quote(thing.name)} is ${thing.name.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}.`,
          { hint: 'Shorten the name.' });
        continue;
      }
      const reserved = reservedInC(thing.name);
      // Constants may keep a reserved prefix: platform headers define such names (Xen's
      // __HYPERVISOR_* numbers) and drop-in headers must spell them the same way.
      // Members may be C++-only keywords, as Linux's `class` (virtio_net_ctrl_hdr): the C header
      // declares them under the Linux name in C and with a trailing `_` in C++ (docs/format.md).
      const allowed = (thing.role === 'constant' && reserved?.kind === 'reserved-prefix') || (isStructField(thing.item) && reserved?.kind === 'cpp-keyword');
      if (reserved && !allowed) {
        report.add('HV3007', at.file, at.range, `${quote(thing.name)} is ${reserved.reason}.`,
          { hint: 'Choose another name; C and C++ headers use names verbatim.' });
      }
    }
  },
};

/** Struct and union fields (and their bit fields), not parameters or virtqueues, which C++ wrappers name. */
function isStructField(item: object): boolean {
  return 'offset' in item && 'bitfields' in item;
}
