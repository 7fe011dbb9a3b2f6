/** English word lists. */
import type { LanguageWords } from '../types.js';

/** English word lists (also used for languages without their own). */
export const en: LanguageWords = {
  abbreviations: {
    u: 'you',
    ur: 'your',
    msg: 'message',
    txt: 'text',
    b4: 'before',
    gr8: 'great',
    approx: 'approximately',
    acct: 'account',
    appt: 'appointment',
    pymt: 'payment',
    wk: 'week',
    yr: 'year',
    DM: 'message us',
    IMO: '(remove)',
    TBD: 'to be confirmed',
    w8: 'wait',
    tmrw: 'tomorrow',
    '2day': 'today',
    '2moro': 'tomorrow',
    cust: 'customer',
    bc: 'because',
    bcoz: 'because',
    coz: 'because',
    thru: 'through',
    nxt: 'next',
  },
  discountWords: ['off', 'discount', 'discounted', 'save', 'saving', 'savings', 'sale', 'reduction', 'reduced', 'cheaper', 'markdown', 'cashback', 'cash back'],
  // Unambiguous phrases only: "we cannot offer a refund" or "exclusive of VAT" are not promotions.
  promotional: [
    'special offer', 'exclusive offer', 'limited offer', 'offer ends', 'discount', 'discounts', 'sale', 'best deal', 'great deal', 'deals', 'promo', 'promotion',
    'coupon', 'voucher code', 'buy now', 'shop now', 'order now', 'limited time', "don't miss", 'do not miss', 'free gift', 'best price', 'special price',
    'black friday', 'cyber monday', 'new collection', 'upgrade now', 'subscribe now', 'hurry',
  ],
  sensitive: [
    'card number', 'credit card number', 'debit card number', 'full card', 'security code', 'password', 'passcode', 'PIN', 'social security',
    'SSN', 'passport number', 'ID number', 'bank account number', 'account number', 'routing number', 'login details', 'one-time password',
  ],
  requestVerbs: ['send', 'reply', 'reply with', 'enter', 'provide', 'share', 'confirm', 'tell us', 'type', 'give us', 'submit', 'verify', 'update'],
  negations: ['never', 'not', "don't", 'do not', 'no one', 'nobody', 'will never'],
};
