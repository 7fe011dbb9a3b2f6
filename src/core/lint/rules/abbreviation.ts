import { findTerms } from '../text.js';
import type { RawFinding, Rule } from '../types.js';

/** Non-standard abbreviations and jargon: Meta asks for clear, plain wording. */
export const abbreviation: Rule = {
  id: 'abbreviation',
  severity: 'error',
  description: 'non-standard abbreviations and jargon',
  check({ parts, words }) {
    const terms = Object.keys(words.abbreviations);
    return parts
      .filter((p) => !p.component.endsWith('.url'))
      .flatMap((p) =>
        findTerms(p.text, terms, { plural: true }).map((m) => ({
          component: p.component,
          offset: m.offset,
          length: m.length,
          message: `"${p.text.slice(m.offset, m.offset + m.length)}" is a non-standard abbreviation; reviewers reject templates that are not written in clear, complete words`,
          suggestion: `write it out: "${words.abbreviations[m.term]}"`,
          msg: ['abbreviation', { term: p.text.slice(m.offset, m.offset + m.length), plain: words.abbreviations[m.term] }],
        })),
      );
  },
};
