/** Italian word lists. */
import type { LanguageWords } from '../types.js';

/** Italian word lists. */
export const it: LanguageWords = {
  abbreviations: {
    xché: 'perché',
    xke: 'perché',
    cmq: 'comunque',
    nn: 'non',
    grz: 'grazie',
    tvb: '(rimuovere)',
    qlc: 'qualche',
    msg: 'messaggio',
  },
  discountWords: ['sconto', 'sconti', 'risparmia', 'risparmio', 'saldi', 'promo', 'in meno', 'ribasso'],
  promotional: ['offerta', 'offerte', 'sconto', 'sconti', 'promozione', 'coupon', 'codice sconto', 'acquista ora', 'compra ora', 'solo oggi', 'tempo limitato', 'esclusivo', 'esclusiva', 'non perdere', 'gratis', 'saldi'],
  sensitive: ['numero della carta', 'numero di carta', 'password', 'PIN', 'codice fiscale', 'IBAN', 'numero di conto', 'passaporto', 'credenziali'],
  requestVerbs: ['invia', 'inviaci', 'rispondi', 'condividi', 'conferma', 'inserisci', 'comunicaci', 'fornisci', 'indicaci'],
  negations: ['mai', 'non', 'nessuno'],
};
