/** French word lists. */
import type { LanguageWords } from '../types.js';

/** French word lists. */
export const fr: LanguageWords = {
  abbreviations: {
    stp: "s'il te plaît",
    bcp: 'beaucoup',
    pk: 'pourquoi',
    pcq: 'parce que',
    slt: 'salut / bonjour',
    mdr: '(supprimer)',
    dsl: 'désolé',
    rdv: 'rendez-vous',
    msg: 'message',
  },
  discountWords: ['réduction', 'remise', 'rabais', 'de moins', 'promo', 'solde', 'soldes', 'économisez', 'offert'],
  promotional: ['offre', 'offres', 'réduction', 'promo', 'promotion', 'code promo', 'soldes', 'achetez maintenant', "aujourd'hui seulement", 'durée limitée', 'exclusif', 'exclusive', 'ne manquez pas', 'gratuit', 'bon plan'],
  sensitive: ['numéro de carte', 'mot de passe', 'code confidentiel', 'code PIN', 'cryptogramme', 'numéro de sécurité sociale', 'numéro de passeport', 'coordonnées bancaires', 'RIB'],
  requestVerbs: ['envoyez', 'envoie', 'répondez', 'réponds', 'partagez', 'confirmez', 'saisissez', 'indiquez', 'communiquez', 'donnez'],
  negations: ['jamais', 'ne', 'pas', 'personne'],
};
