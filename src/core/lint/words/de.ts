/** German word lists. */
import type { LanguageWords } from '../types.js';

/** German word lists. */
export const de: LanguageWords = {
  abbreviations: {
    LG: 'Liebe Grüße',
    VG: 'Viele Grüße',
    MfG: 'Mit freundlichen Grüßen',
    vllt: 'vielleicht',
    mgl: 'möglich',
    Kd: 'Kunde',
    asap: 'so bald wie möglich',
  },
  discountWords: ['rabatt', 'nachlass', 'reduziert', 'sparen', 'spare', 'sparst', 'günstiger', 'sale', 'aktion', 'preisnachlass', 'weniger', 'auf alles', 'auf alle'],
  promotional: [
    'angebot', 'angebote', 'rabatt', 'gutschein', 'aktion', 'sale', 'jetzt kaufen', 'jetzt bestellen', 'jetzt shoppen', 'nur heute', 'nur für kurze zeit',
    'exklusiv', 'verpassen sie nicht', 'verpass nicht', 'gratis', 'schnäppchen', 'sonderpreis', 'neue kollektion', 'black friday',
  ],
  sensitive: ['Kartennummer', 'Kreditkartennummer', 'Passwort', 'Kennwort', 'PIN', 'TAN', 'Prüfnummer', 'Personalausweisnummer', 'Ausweisnummer', 'Kontonummer', 'Zugangsdaten', 'Steuer-ID'],
  requestVerbs: ['senden', 'schicken', 'sende', 'schick', 'geben sie', 'gib', 'teilen', 'teile', 'antworten', 'antworte', 'bestätigen', 'bestätige', 'eingeben', 'mitteilen', 'nennen'],
  negations: ['nie', 'niemals', 'nicht', 'kein', 'keine', 'niemand'],
};
