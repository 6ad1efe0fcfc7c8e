import type { Rule } from './rule.ts';

/**
 * Upper-case RFC 2119 keywords belong in requirements blocks, where each statement has an id and
 * a role. Bad (prose): "The device MUST reset." Good: a `requirements` item with that text.
 */
export const normativeProse: Rule = {
  id: 'normative-prose',
  codes: ['HV5003'],
  summary: 'RFC 2119 keywords in capitals appear only in normative statements.',
  check({ documents, report }) {
    for (const doc of documents) {
      for (const k of doc.keywords) {
        report.add('HV5003', doc.file, k.range, `"${k.word}" in prose makes a normative statement that has no id or role.`,
          { hint: 'Move the statement into a `requirements` block, or write the word in lower case.' });
      }
    }
  },
};
