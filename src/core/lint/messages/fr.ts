/** Lint advice in French. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'corps', header: 'en-tête', footer: 'pied de page', 'buttons.text': 'texte du bouton', 'buttons.url': 'URL du bouton' })[String(c)] ?? String(c);
const keep = (c: string | number) => `gardez le message ${String(c) === 'UTILITY' ? 'utilitaire' : "d'authentification"} strictement transactionnel, ou soumettez la promotion comme modèle MARKETING séparé`;
const recat = (cat: string | number) => `un modèle ${cat} au contenu promotionnel est recatégorisé en MARKETING (prix et limites du marketing) ou refusé`;

/** The lint findings' messages and suggestions in French. */
export const fr: Catalogue = {
  abbreviation: (p) => [`"${p.term}" est une abréviation non standard ; les modèles qui ne sont pas rédigés en mots clairs et complets sont refusés`, `écrivez-le en entier : "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} boutons : 10 au maximum sont autorisés`, 'retirez des boutons, ou passez les choix dans un message liste'],
  'buttons.type-max': (p) => [`plus de ${p.max} bouton${String(p.max) === '1' ? '' : 's'} ${p.type}`, `gardez-en ${p.max} au maximum`],
  'buttons.no-text': (p) => [`le bouton ${p.n} n'a pas de texte`, 'donnez un libellé à chaque bouton'],
  'buttons.quick-replies': () => ['les boutons de réponse rapide doivent être groupés, pas mêlés aux boutons URL, téléphone ou code', "mettez toutes les réponses rapides d'abord (ou à la fin), puis les autres boutons"],
  'formatting.blank-lines': () => ["plus d'une ligne vide à la suite", 'gardez au plus une ligne vide entre les paragraphes'],
  'formatting.spaces': () => ['5 espaces ou plus à la suite', "utilisez une seule espace (les valeurs avec 5+ espaces sont aussi refusées à l'envoi)"],
  'formatting.tab': () => ['une tabulation', 'utilisez des espaces'],
  'formatting.punctuation': () => ['ponctuation excessive', 'utilisez un seul "!" ou "?"'],
  'formatting.capitals': () => ['un texte en majuscules se lit comme un cri', 'écrivez en minuscules avec une majuscule initiale'],
  'formatting.emoji-run': () => ['4 emojis ou plus à la suite', 'gardez peu d’emojis, et parlants'],
  'formatting.emoji-count': (p) => [`${p.count} emojis dans le ${part(p.component)}`, 'gardez une poignée d’emojis au plus'],
  'sensitive-data': (p) => [`le modèle demande "${p.term}" : demander des numéros de carte, des mots de passe ou des numéros d'identité sur WhatsApp enfreint les règles de Meta et entraîne le refus`, 'ne demandez jamais de secrets dans le chat : renvoyez vers votre site ou app sécurisé (bouton URL)'],
  'url-shortener': (p) => [`"${p.url}" utilise le raccourcisseur ${p.host} ; les liens raccourcis cachent la destination et entraînent le refus`, 'utilisez le lien complet de votre propre domaine, idéalement dans un bouton URL'],
  'external-link': (p) => [`lien "${p.url}" dans le texte du ${part(p.component)} ; les liens dans le texte sont examinés de près, ne se mesurent pas par bouton et augmentent le signal de spam`, 'placez le lien dans un bouton URL (un suffixe dynamique {{1}} porte la partie propre à chaque client)'],
  'variable.footer': () => ['le pied de page ne peut pas contenir de variables', 'déplacez la variable dans le corps'],
  'variable.malformed': (p) => [`variable mal formée "${p.raw}"`, 'écrivez-la {{1}} : deux accolades, un nombre, sans espaces'],
  'variable.malformed-named': (p) => [`variable mal formée "${p.raw}"`, 'écrivez-la {{nom}} : deux accolades, sans espaces, sans # $ %'],
  'variable.url-end': (p) => [`la variable ${p.raw} n'est pas à la fin de l'URL`, "placez la partie fixe (y compris ?utm_...) avant la variable : Meta n'ajoute qu'un suffixe à l'URL"],
  'variable.url-count': (p) => [`un bouton d'URL accepte une variable ; il y en a ${p.count}`, "gardez une seule variable {{1}} à la fin de l'URL"],
  'variable.header-count': (p) => [`un en-tête texte accepte une variable au plus ; il y en a ${p.count}`, "gardez une variable dans l'en-tête et déplacez les autres dans le corps"],
  'variable.named-invalid': (p) => [`"${p.raw}" n'est pas un nom de variable valide`, 'utilisez minuscules, chiffres et tirets bas, en commençant par une lettre, p. ex. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" est une variable nommée mais le modèle est POSITIONAL`, 'numérotez les variables {{1}}, {{2}} ... ou mettez "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`la variable ${p.raw} est utilisée plus d'une fois`, 'donnez à chaque emplacement son propre numéro et passez la valeur deux fois'],
  'variable.gaps': (p) => [`les variables doivent aller de {{1}} à {{${p.max}}} sans trou ; il manque ${p.missing}`, 'renumérotez les variables dans l’ordre à partir de {{1}}'],
  'variable-example.named': (p) => [`pas de valeur d'exemple pour {{${p.name}}} dans ${p.field}`, `ajoutez {"param_name": "${p.name}", "example": "..."} à ${p.field}`],
  'variable-example.positional': (p) => [`pas de valeur d'exemple pour la variable {{${p.name}}} dans ${p.field}`, `ajoutez un exemple réaliste pour chaque variable : ${p.sample}`],
  'variable-example.media': (p) => [`l'en-tête ${p.type} n'a pas d'exemple dans example.header_handle`, 'téléversez un fichier d\'exemple avec la Resumable Upload API et ajoutez son handle : "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ["le bouton d'URL dynamique n'a pas d'URL d'exemple", `ajoutez "example": ["${p.example}"] au bouton`],
  'variable.starts': (p) => [`le corps commence par la variable ${p.raw}`, 'commencez par un mot, p. ex. "Bonjour {{1}}, ..."'],
  'variable.ends': (p) => [`le corps se termine par la variable ${p.raw}`, 'terminez par un mot ou une phrase après la variable, p. ex. "... {{2}}. Merci !"'],
  'variable.adjacent': (p) => [`${p.a}${p.b} : variables collées`, 'mettez des mots entre les variables, ou fusionnez-les en une seule'],
  'variable.whitespace': (p) => [`${p.a} et ${p.b} ne sont séparées que par des espaces`, 'mettez des mots entre les variables, ou fusionnez-les en une seule'],
  'variable.density': (p) => [`${p.vars} variables pour ${p.words} mots de texte : le modèle ressemble à un formulaire vide`, 'écrivez plus de texte fixe autour des variables, ou utilisez-en moins'],
  'name.empty': (p) => ["le modèle n'a pas de nom", `appelez-le "${p.fixed}"`],
  'name.invalid': (p) => [`le nom "${p.name}" ne peut contenir que des minuscules, des chiffres et des tirets bas (512 au plus)`, `renommez-le "${p.fixed}"`],
  length: (p) => [`${part(p.what)} : ${p.chars} caractères, au-delà de la limite de Meta de ${p.max}`, `raccourcissez de ${p.over} ${String(p.over) === '1' ? 'caractère' : 'caractères'}`],
  'length.empty': () => ['le corps est vide', 'écrivez le texte du message'],
  'discount-percentage': (p) => [`"${p.text}" est une remise en pourcentage : elle rend le modèle promotionnel et ressemble à une promesse invérifiable`, 'indiquez un montant ou une offre concrète, p. ex. "10 EUR de remise dès 50 EUR d’achat", ou utilisez un bouton de code promo'],
  'promotional.discount': (p) => [`"${p.text}" est une remise : ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" est promotionnel : ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" avec une variable envoie un code à usage unique : Meta n'autorise les codes que dans les modèles AUTHENTICATION, ce modèle ${p.category} est donc refusé`, "envoyez les codes avec un modèle AUTHENTICATION (texte prédéfini, bouton pour copier le code) ; gardez celui-ci pour la commande ou le compte"],
};
