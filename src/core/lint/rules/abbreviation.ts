import { findTerms } from '../text.js';
import type { Rule } from '../types.js';

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
        findTerms(p.text, terms, { plural: true })
          .filter((m) => !brandLike(p.text, m.offset, m.length))
          .map((m) => ({
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

/**
 * Two capitals inside a sentence before a capitalised word are a name, not a sign-off or chat jargon: "Ihr neuer LG
 * Fernseher", "your DM Drogerie order". "LG, Ihr Team", "… ist da. LG Anna" and "DM us" stay abbreviations.
 */
function brandLike(text: string, offset: number, length: number): boolean {
  const term = text.slice(offset, offset + length);
  if (!/^\p{Lu}{2}$/u.test(term)) return false;
  // After a word on the same line (not after a sentence's end, a comma or a line break), before a capitalised word.
  const midSentence = /[\p{L}\p{N}][ \t]+$/u.test(text.slice(Math.max(0, offset - 40), offset));
  return midSentence && /^[ \t]+\p{Lu}/u.test(text.slice(offset + length));
}
