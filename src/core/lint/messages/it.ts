/** Lint advice in Italian. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'corpo', header: 'intestazione', footer: 'piè di pagina', 'buttons.text': 'testo del pulsante', 'buttons.url': 'URL del pulsante' })[String(c)] ?? String(c);
const keep = (c: string | number) => `mantieni il messaggio ${String(c) === 'UTILITY' ? 'di servizio' : 'di autenticazione'} strettamente transazionale, oppure invia la promozione come modello MARKETING separato`;
const recat = (cat: string | number) => `un modello ${cat} con contenuti promozionali viene ricategorizzato come MARKETING (prezzi e limiti del marketing) o rifiutato`;

/** The lint findings' messages and suggestions in Italian. */
export const it: Catalogue = {
  abbreviation: (p) => [`"${p.term}" è un'abbreviazione non standard; i modelli non scritti con parole chiare e complete vengono rifiutati`, `scrivilo per esteso: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} pulsanti: al massimo 10 sono consentiti`, 'togli dei pulsanti o sposta le opzioni in un messaggio a lista'],
  'buttons.type-max': (p) => [`più di ${p.max} pulsante/i ${p.type}`, `usane al massimo ${p.max}`],
  'buttons.no-text': (p) => [`il pulsante ${p.n} non ha testo`, 'dai un’etichetta a ogni pulsante'],
  'buttons.quick-replies': () => ['i pulsanti di risposta rapida devono stare insieme, non mescolati a pulsanti URL, telefono o codice', 'metti prima (o per ultime) tutte le risposte rapide, poi gli altri pulsanti'],
  'formatting.blank-lines': () => ['più di una riga vuota di seguito', 'lascia al massimo una riga vuota tra i paragrafi'],
  'formatting.spaces': () => ['5 o più spazi di seguito', 'usa un solo spazio (i valori con 5+ spazi vengono rifiutati anche all’invio)'],
  'formatting.tab': () => ['un carattere di tabulazione', 'usa gli spazi'],
  'formatting.punctuation': () => ['punteggiatura eccessiva', 'usa un solo "!" o "?"'],
  'formatting.capitals': () => ['il testo in maiuscolo sembra un grido', 'scrivi in minuscolo con l’iniziale maiuscola'],
  'formatting.emoji-run': () => ['4 o più emoji di seguito', 'usa poche emoji, significative'],
  'formatting.emoji-count': (p) => [`${p.count} emoji nel ${part(p.component)}`, 'usa solo una manciata di emoji'],
  'sensitive-data': (p) => [`il modello chiede "${p.term}": chiedere numeri di carta, password o numeri di documento su WhatsApp viola le regole di Meta e porta al rifiuto`, 'non chiedere mai dati segreti in chat: rimanda al tuo sito o alla tua app sicura (pulsante URL)'],
  'url-shortener': (p) => [`"${p.url}" usa l’accorciatore ${p.host}; i link accorciati nascondono la destinazione e portano al rifiuto`, 'usa il link completo del tuo dominio, meglio in un pulsante URL'],
  'external-link': (p) => [`link "${p.url}" nel testo del ${part(p.component)}; i link nel testo sono controllati con rigore, non si misurano per pulsante e aumentano il segnale di spam`, 'sposta il link in un pulsante URL (un suffisso dinamico {{1}} porta la parte di ogni cliente)'],
  'variable.footer': () => ['il piè di pagina non può contenere variabili', 'sposta la variabile nel corpo'],
  'variable.malformed': (p) => [`variabile malformata "${p.raw}"`, 'scrivila come {{1}}: due graffe, un numero, senza spazi'],
  'variable.malformed-named': (p) => [`variabile malformata "${p.raw}"`, 'scrivila come {{nome}}: due graffe, senza spazi, senza # $ %'],
  'variable.url-end': (p) => [`la variabile ${p.raw} non è alla fine dell’URL`, 'metti la parte fissa (anche ?utm_...) prima della variabile: Meta aggiunge solo un suffisso all’URL'],
  'variable.url-count': (p) => [`un pulsante URL ammette una variabile; ce ne sono ${p.count}`, 'lascia una sola variabile {{1}} alla fine dell’URL'],
  'variable.header-count': (p) => [`un’intestazione di testo ammette al massimo una variabile; ce ne sono ${p.count}`, 'lascia una variabile nell’intestazione e sposta le altre nel corpo'],
  'variable.named-invalid': (p) => [`"${p.raw}" non è un nome di variabile valido`, 'usa minuscole, cifre e trattini bassi, iniziando con una lettera, ad es. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" è una variabile con nome ma il modello è POSITIONAL`, 'numera le variabili {{1}}, {{2}} ... oppure imposta "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`la variabile ${p.raw} è usata più di una volta`, 'dai a ogni segnaposto il suo numero e passa il valore due volte'],
  'variable.gaps': (p) => [`le variabili devono andare da {{1}} a {{${p.max}}} senza buchi; manca ${p.missing}`, 'rinumera le variabili in ordine da {{1}}'],
  'variable-example.named': (p) => [`nessun valore di esempio per {{${p.name}}} in ${p.field}`, `aggiungi {"param_name": "${p.name}", "example": "..."} a ${p.field}`],
  'variable-example.positional': (p) => [`nessun valore di esempio per la variabile {{${p.name}}} in ${p.field}`, `aggiungi un esempio realistico per ogni variabile: ${p.sample}`],
  'variable-example.media': (p) => [`l'intestazione ${p.type} non ha un esempio in example.header_handle`, 'carica un file di esempio con la Resumable Upload API e aggiungi il suo handle: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['il pulsante URL dinamico non ha un URL di esempio', `aggiungi "example": ["${p.example}"] al pulsante`],
  'variable.starts': (p) => [`il corpo inizia con la variabile ${p.raw}`, 'inizia con una parola, ad es. "Ciao {{1}}, ..."'],
  'variable.ends': (p) => [`il corpo finisce con la variabile ${p.raw}`, 'finisci con una parola o una frase dopo la variabile, ad es. "... {{2}}. Grazie!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: variabili attaccate`, 'metti delle parole tra le variabili o uniscile in una sola'],
  'variable.whitespace': (p) => [`${p.a} e ${p.b} sono separate solo da spazi`, 'metti delle parole tra le variabili o uniscile in una sola'],
  'variable.density': (p) => [`${p.vars} variabili per ${p.words} parole di testo: il modello sembra un modulo vuoto`, 'scrivi più testo fisso attorno alle variabili o usane meno'],
  'name.empty': (p) => ['il modello non ha un nome', `chiamalo "${p.fixed}"`],
  'name.invalid': (p) => [`il nome "${p.name}" può contenere solo minuscole, cifre e trattini bassi (al massimo 512)`, `rinominalo "${p.fixed}"`],
  length: (p) => [`${part(p.what)}: ${p.chars} caratteri, oltre il limite di Meta di ${p.max}`, `accorcialo di ${p.over} ${String(p.over) === '1' ? 'carattere' : 'caratteri'}`],
  'length.empty': () => ['il corpo è vuoto', 'scrivi il testo del messaggio'],
  'discount-percentage': (p) => [`"${p.text}" è uno sconto percentuale: rende il modello promozionale e sembra una promessa non verificabile`, 'indica un importo o un’offerta concreta, ad es. "10 EUR di sconto su ordini da 50 EUR", o usa un pulsante con codice coupon'],
  'promotional.discount': (p) => [`"${p.text}" è uno sconto: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" è promozionale: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" con una variabile invia un codice monouso: Meta consente i codici solo nei modelli AUTHENTICATION, quindi questo modello ${p.category} viene rifiutato`, "invia i codici con un modello AUTHENTICATION (testo predefinito, pulsante per copiare il codice); lascia questo all'ordine o all'account"],
};
