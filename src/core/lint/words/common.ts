/** Terms flagged in every language: English jargon travels. */
import type { LanguageWords } from '../types.js';

/** Terms every language shares (English abbreviations such as VIP, ASAP). */
export const common: LanguageWords = {
  abbreviations: {
    VIP: 'a valued member / our best customers',
    ASAP: 'as soon as possible',
    FYI: 'for your information',
    BTW: 'by the way',
    pls: 'please',
    plz: 'please',
    thx: 'thank you',
    thnx: 'thank you',
    tks: 'thank you',
    LOL: '(remove)',
    OMG: '(remove)',
  },
  // Hindi and Arabic have no word lists of their own: their discount words here, so "20% छूट" and "خصم 20%" are caught.
  discountWords: ['off', 'discount', 'sale', 'promo', 'rabatt', 'descuento', 'desconto', 'sconto', 'réduction', 'remise', 'diskon', 'indirim', 'छूट', 'डिस्काउंट', 'ऑफ़', 'ऑफ', 'خصم', 'تخفيض', 'تخفيضات', 'تنزيلات'],
  promotional: [],
  sensitive: ['CVV', 'CVC', 'IBAN'],
  requestVerbs: [],
  negations: [],
};
