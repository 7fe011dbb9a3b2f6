import { wordsAround } from '../near.js';
import { findTerms, fold } from '../text.js';
import type { RawFinding, Rule } from '../types.js';
import { RATE_TERMS } from '../words/rates.js';

// A number in any script (٢٠, २०) or a variable; full-width forms are folded to ASCII first.
const NUMBER = String.raw`(?:\p{Nd}+(?:[.,]\p{Nd}+)?|\{\{[^{}]+\}\})`;
// The percent written out: "20 Prozent", "20 percent", "20 por ciento", "20 persen".
const PERCENT_WORD = String.raw`(?:prozent|percent|per cent|pct|por ciento|por cento|pour cent|per cento|persen)(?![\p{L}\p{N}])`;
// 30%, 30 %, -30%, ٣٠٪, 20 Prozent, %20 and "yüzde 20" (Turkish), {{1}}%.
const PERCENT = new RegExp(String.raw`(?:[-−–]\s?)?${NUMBER}\s?(?:[%٪]|${PERCENT_WORD})|[%٪]\s?\p{Nd}+(?:[.,]\p{Nd}+)?|(?<![\p{L}\p{N}])yuzde\s\p{Nd}+(?:[.,]\p{Nd}+)?`, 'giu');
// Chinese discounts: 8折, 八折, 8.5折, 打8折
const ZHE = /(?:打\s?)?[0-9一二三四五六七八九十.]+\s?折/gu;

/** Percentage discounts in each language's idiom: Meta reviewers and users read them as promotions; a concrete amount is clearer. */
export const discountPercentage: Rule = {
  id: 'discount-percentage',
  severity: 'error',
  description: 'percentage discounts ("30% off", "30 % Rabatt", "-30%", "8折")',
  check({ parts, words }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      if (p.component.endsWith('.url')) continue;
      const { folded } = fold(p.text);
      for (const m of folded.matchAll(PERCENT)) {
        const at = m.index!;
        const raw = m[0];
        const minus = /^[-−–]/.test(raw) && (at === 0 || /[\s(]/.test(folded[at - 1]));
        // A rate or a tax next to it ("4% interest", "APR 5.5%", "19 % MwSt") is no discount, whatever else the sentence says.
        if (findTerms(wordsAround(p.text, at, raw.length, 2), RATE_TERMS).length > 0) continue;
        // The discount word stands close by, in the same clause ("save up to 30%", "30 % Rabatt"), not anywhere in the
        // sentence ("your savings account now earns 4% …", "30 % Rabatt, 100% sicher").
        const nearDiscount = findTerms(wordsAround(p.text, at, raw.length, NEAR_WORDS), words.discountWords).length > 0;
        if (!minus && !nearDiscount) continue;
        out.push(finding(p.component, at, raw.length, p.text));
      }
      for (const m of p.text.matchAll(ZHE)) out.push(finding(p.component, m.index!, m[0].length, p.text));
    }
    return out;
  },
};

/** How many words either side of a percentage a discount word may stand ("a discount of up to 30%": four). */
const NEAR_WORDS = 4;
/** A percentage-discount finding at offset (its excerpt trimmed in the message). */
function finding(component: string, offset: number, length: number, text: string): RawFinding {
  return {
    component,
    offset,
    length,
    message: `"${text.slice(offset, offset + length).trim()}" is a percentage discount: it marks the template as promotional and reads as an unverifiable claim`,
    suggestion: 'state a concrete amount or offer instead, e.g. "EUR 10 off orders over EUR 50", or use a coupon-code button',
    msg: ['discount-percentage', { text: text.slice(offset, offset + length).trim() }],
  };
}
