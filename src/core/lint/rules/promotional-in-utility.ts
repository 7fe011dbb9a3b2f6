import { findTerms } from '../text.js';
import type { RawFinding, Rule } from '../types.js';
import { discountPercentage } from './discount-percentage.js';

/** Utility and authentication templates with promotional content get re-categorised as MARKETING (or rejected). */
export const promotionalInUtility: Rule = {
  id: 'promotional-in-utility',
  severity: 'error',
  description: 'UTILITY or AUTHENTICATION templates with promotional content',
  check(ctx) {
    const { template, parts, words } = ctx;
    const category = (template.category ?? '').toUpperCase();
    if (category !== 'UTILITY' && category !== 'AUTHENTICATION') return [];
    const out: RawFinding[] = [];
    // A percentage discount is promotional too, whatever words surround it.
    for (const d of discountPercentage.check(ctx)) {
      const text = parts.find((p) => p.component === d.component)?.text.slice(d.offset, d.offset + d.length).trim() ?? '';
      out.push({
        ...d,
        message: `"${text}" is a discount: a ${category} template with promotional content is re-categorised as MARKETING (priced and limited as marketing) or rejected`,
        suggestion: `keep the ${category.toLowerCase()} message strictly transactional, or submit the promotion as a separate MARKETING template`,
        msg: ['promotional.discount', { text, category }],
      });
    }
    for (const p of parts) {
      if (p.component.endsWith('.url')) continue;
      const plain = findTerms(p.text, NOT_PROMOTIONAL);
      const inPlain = (offset: number) => plain.some((x) => offset >= x.offset && offset < x.offset + x.length);
      for (const m of findTerms(p.text, words.promotional)) {
        if (inPlain(m.offset)) continue;
        out.push({
          component: p.component,
          offset: m.offset,
          length: m.length,
          message: `"${p.text.slice(m.offset, m.offset + m.length)}" is promotional: a ${category} template with promotional content is re-categorised as MARKETING (priced and limited as marketing) or rejected`,
          suggestion: `keep the ${category.toLowerCase()} message strictly transactional, or submit the promotion as a separate MARKETING template`,
          msg: ['promotional.words', { text: p.text.slice(m.offset, m.offset + m.length), category }],
        });
      }
    }
    return dedupe(out);
  },
};

/** Transactional phrases that hold a promotional word: a receipt "at the point of sale" sells nothing. */
const NOT_PROMOTIONAL = ['point of sale', 'points of sale', 'bill of sale', 'terms of sale', 'conditions of sale', 'proof of sale', 'deed of sale', 'sale date', 'date of sale'];

function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.component}:${f.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
