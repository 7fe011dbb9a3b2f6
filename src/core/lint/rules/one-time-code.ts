import { wordsAround } from '../near.js';
import { findTerms, findVariables, sentenceAround } from '../text.js';
import type { RawFinding, Rule } from '../types.js';
import { ONE_TIME_CODE_TERMS } from '../words/one-time-code.js';

/** Meta allows one-time codes only in AUTHENTICATION templates: a UTILITY or MARKETING one that delivers a code is rejected. */
export const oneTimeCode: Rule = {
  id: 'one-time-code',
  severity: 'error',
  description: 'a one-time code (verification code, OTP) delivered outside an AUTHENTICATION template',
  check({ template, parts, words }) {
    const category = (template.category ?? '').toUpperCase();
    if (category !== 'UTILITY' && category !== 'MARKETING') return [];
    const out: RawFinding[] = [];
    for (const p of parts) {
      if (p.component !== 'body' && p.component !== 'header') continue;
      for (const m of findTerms(p.text, ONE_TIME_CODE_TERMS)) {
        // The code itself comes in a variable close by ("your verification code is {{2}}", "{{1}} is your code"), not the
        // greeting's ("Hi {{1}}, enter the verification code we sent you"); "never share your verification code" delivers none.
        const near = wordsAround(p.text, m.offset, m.length, 4);
        if (!findVariables(near).some((v) => v.wellFormed)) continue;
        if (findTerms(sentenceAround(p.text, m.offset, m.length).text, words.negations).length > 0) continue;
        const text = p.text.slice(m.offset, m.offset + m.length);
        out.push({
          component: p.component,
          offset: m.offset,
          length: m.length,
          message: `"${text}" with a variable delivers a one-time code: Meta allows codes only in AUTHENTICATION templates, so this ${category} template is rejected`,
          suggestion: 'send codes with an AUTHENTICATION template (its text is preset, with a copy-code or one-tap button); keep this one about the order or account',
          msg: ['one-time-code', { text, category }],
        });
      }
    }
    return out;
  },
};
