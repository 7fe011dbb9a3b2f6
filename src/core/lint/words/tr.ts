/** Turkish word lists. */
import type { LanguageWords } from '../types.js';

/** Turkish word lists. */
export const tr: LanguageWords = {
  abbreviations: {
    slm: 'selam / merhaba',
    mrb: 'merhaba',
    tşk: 'teşekkürler',
    tşkler: 'teşekkürler',
    tskler: 'teşekkürler',
    kib: 'kendine iyi bak',
    nbr: 'ne haber',
    msj: 'mesaj',
  },
  discountWords: ['indirim', 'indirimli', 'tasarruf', 'kampanya', 'fırsat'],
  promotional: ['kampanya', 'indirim', 'fırsat', 'kupon', 'hemen al', 'hemen satın al', 'sadece bugün', 'sınırlı süre', 'özel', 'kaçırma', 'ücretsiz', 'bedava'],
  sensitive: ['kart numarası', 'şifre', 'parola', 'PIN', 'TC kimlik', 'kimlik numarası', 'hesap numarası', 'pasaport'],
  requestVerbs: ['gönder', 'gönderin', 'yanıtla', 'yanıtlayın', 'paylaş', 'paylaşın', 'onayla', 'onaylayın', 'girin', 'iletin', 'bildirin'],
  negations: ['asla', 'hiçbir', 'değil', 'paylaşmayın', 'vermeyin'],
};
