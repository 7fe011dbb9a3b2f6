import { findVariables } from '../text.js';
import type { RawFinding, Rule } from '../types.js';

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/gu;

/** Too many variables for the words around them reads as a blank form; Meta rejects it (2388293). */
export const variableDensity: Rule = {
  id: 'variable-density',
  severity: 'warning',
  description: 'too many variables for the amount of text',
  check({ parts }) {
    const out: RawFinding[] = [];
    for (const p of parts.filter((x) => x.component === 'body')) {
      const vars = findVariables(p.text).filter((v) => v.wellFormed);
      if (vars.length < 2) continue;
      const rest = p.text.replace(/\{\{[^{}]*\}\}/g, ' ');
      const cjk = (rest.match(CJK) ?? []).length;
      const words = (rest.replace(CJK, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length + Math.ceil(cjk / 2);
      if (words >= vars.length * 1.5) continue;
      out.push({
        component: 'body',
        offset: vars[0].offset,
        length: vars[0].raw.length,
        message: `${vars.length} variables for ${words} words of text: the template reads as a blank form`,
        suggestion: 'write more fixed text around the variables, or use fewer variables',
        msg: ['variable.density', { vars: vars.length, words }],
      });
    }
    return out;
  },
};
