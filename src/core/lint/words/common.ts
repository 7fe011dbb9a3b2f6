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
  discountWords: ['off', 'discount', 'sale', 'promo', 'rabatt', 'descuento', 'desconto', 'sconto', 'réduction', 'remise', 'diskon', 'indirim'],
  promotional: [],
  sensitive: ['CVV', 'CVC', 'IBAN'],
  requestVerbs: [],
  negations: [],
};
