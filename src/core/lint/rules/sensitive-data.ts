import { findTerms, sentenceAround } from '../text.js';
import type { RawFinding, Rule } from '../types.js';
import { ELSEWHERE_TERMS } from '../words/elsewhere.js';

/** Asking customers for full card numbers, passwords or ID numbers breaks Meta's Business and Commerce policies. */
export const sensitiveData: Rule = {
  id: 'sensitive-data',
  severity: 'error',
  description: 'asks for full card numbers, passwords, PINs or ID numbers',
  check({ parts, words }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      if (p.component.endsWith('.url')) continue;
      for (const m of findTerms(p.text, words.sensitive)) {
        const sentence = sentenceAround(p.text, m.offset, m.length).text;
        const asks = findTerms(sentence, words.requestVerbs).length > 0;
        const warns = findTerms(sentence, words.negations).length > 0;
        // "Confirm your CPF in the app", "update your password on our website": asked for there, not in the chat.
        const elsewhere = findTerms(sentence, ELSEWHERE_TERMS).length > 0;
        if (!asks || warns || elsewhere) continue;
        out.push({
          component: p.component,
          offset: m.offset,
          length: m.length,
          message: `the template asks for "${p.text.slice(m.offset, m.offset + m.length)}": requesting card numbers, passwords or ID numbers over WhatsApp violates Meta's policies and gets templates rejected`,
          suggestion: 'never ask for secrets in chat: link to your secure website or app (URL button) instead',
          msg: ['sensitive-data', { term: p.text.slice(m.offset, m.offset + m.length) }],
        });
      }
    }
    return out;
  },
};
