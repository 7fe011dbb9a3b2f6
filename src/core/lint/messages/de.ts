/** Lint advice in German. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'Text', header: 'Kopfzeile', footer: 'Fußzeile', 'buttons.text': 'Button-Text', 'buttons.url': 'Button-URL' })[String(c)] ?? String(c);
const keep = (c: string | number) => `die ${String(c) === 'UTILITY' ? 'Service' : 'Authentifizierungs'}-Nachricht streng sachlich halten oder die Aktion als eigene MARKETING-Vorlage einreichen`;
const recat = (cat: string | number) => `eine ${cat}-Vorlage mit Werbung wird als MARKETING eingestuft (Preis und Limits für Marketing) oder abgelehnt`;

/** The lint findings' messages and suggestions in German. */
export const de: Catalogue = {
  abbreviation: (p) => [`"${p.term}" ist eine unübliche Abkürzung; Vorlagen, die nicht in klaren, vollständigen Wörtern geschrieben sind, werden abgelehnt`, `ausschreiben: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} Buttons: höchstens 10 sind erlaubt`, 'Buttons entfernen oder die Auswahl in eine Listen-Nachricht verlegen'],
  'buttons.type-max': (p) => [`mehr als ${p.max} ${p.type}-Button${Number(p.max) > 1 ? 's' : ''}`, `höchstens ${p.max} verwenden`],
  'buttons.no-text': (p) => [`Button ${p.n} hat keinen Text`, 'jedem Button eine Beschriftung geben'],
  'buttons.quick-replies': () => ['Schnellantwort-Buttons müssen zusammenstehen, nicht zwischen URL-, Telefon- oder Code-Buttons', 'alle Schnellantworten zuerst (oder zuletzt), dann die anderen Buttons'],
  'formatting.blank-lines': () => ['mehr als eine Leerzeile hintereinander', 'höchstens eine Leerzeile zwischen Absätzen'],
  'formatting.spaces': () => ['5 oder mehr Leerzeichen hintereinander', 'ein einzelnes Leerzeichen verwenden (Werte mit 5+ Leerzeichen werden auch beim Senden abgelehnt)'],
  'formatting.tab': () => ['ein Tabulatorzeichen', 'Leerzeichen verwenden'],
  'formatting.punctuation': () => ['übertriebene Satzzeichen', 'ein einzelnes "!" oder "?" verwenden'],
  'formatting.capitals': () => ['Text in Großbuchstaben wirkt wie Schreien', 'in normaler Groß- und Kleinschreibung schreiben'],
  'formatting.emoji-run': () => ['4 oder mehr Emojis hintereinander', 'wenige, aussagekräftige Emojis verwenden'],
  'formatting.emoji-count': (p) => [`${p.count} Emojis in: ${part(p.component)}`, 'höchstens eine Handvoll Emojis'],
  'sensitive-data': (p) => [`die Vorlage fragt nach "${p.term}": Kartennummern, Passwörter oder Ausweisnummern per WhatsApp zu erfragen verstößt gegen Metas Richtlinien und führt zur Ablehnung`, 'nie im Chat nach Geheimnissen fragen: stattdessen auf die sichere Website oder App verlinken (URL-Button)'],
  'url-shortener': (p) => [`"${p.url}" nutzt den Link-Kürzer ${p.host}; gekürzte Links verbergen das Ziel und führen zur Ablehnung`, 'den vollständigen Link der eigenen Domain verwenden, am besten in einem URL-Button'],
  'external-link': (p) => [`Link "${p.url}" im Feld ${part(p.component)}; Links im Text werden streng geprüft, sind nicht pro Button messbar und erhöhen das Spam-Signal`, 'den Link in einen URL-Button verlegen (ein dynamischer Teil {{1}} trägt den kundenspezifischen Teil)'],
  'variable.footer': () => ['die Fußzeile darf keine Variablen enthalten', 'die Variable in den Text verschieben'],
  'variable.malformed': (p) => [`fehlerhafte Variable "${p.raw}"`, 'als {{1}} schreiben: zwei Klammern, eine Zahl, keine Leerzeichen'],
  'variable.malformed-named': (p) => [`fehlerhafte Variable "${p.raw}"`, 'als {{name}} schreiben: zwei Klammern, keine Leerzeichen, kein # $ %'],
  'variable.url-end': (p) => [`die Variable ${p.raw} steht nicht am Ende der URL`, 'den festen Teil (auch ?utm_...) vor die Variable stellen: Meta hängt nur ein Suffix an die URL an'],
  'variable.url-count': (p) => [`ein URL-Button nimmt eine Variable, gefunden: ${p.count}`, 'eine Variable {{1}} am Ende der URL behalten'],
  'variable.header-count': (p) => [`eine Text-Kopfzeile erlaubt höchstens eine Variable, gefunden: ${p.count}`, 'eine Variable in der Kopfzeile lassen, die anderen in den Text verschieben'],
  'variable.named-invalid': (p) => [`"${p.raw}" ist kein gültiger Variablenname`, 'Kleinbuchstaben, Ziffern und Unterstriche verwenden, mit einem Buchstaben beginnen, z. B. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" ist eine benannte Variable, die Vorlage ist aber POSITIONAL`, 'die Variablen {{1}}, {{2}} ... nummerieren oder "parameter_format": "NAMED" setzen'],
  'variable.repeated': (p) => [`die Variable ${p.raw} kommt mehrfach vor`, 'jedem Platzhalter eine eigene Nummer geben und den Wert zweimal übergeben'],
  'variable.gaps': (p) => [`Variablen müssen lückenlos {{1}}..{{${p.max}}} laufen; es fehlt ${p.missing}`, 'die Variablen der Reihe nach ab {{1}} nummerieren'],
  'variable-example.named': (p) => [`kein Beispielwert für {{${p.name}}} in ${p.field}`, `{"param_name": "${p.name}", "example": "..."} zu ${p.field} hinzufügen`],
  'variable-example.positional': (p) => [`kein Beispielwert für die Variable {{${p.name}}} in ${p.field}`, `für jede Variable ein realistisches Beispiel angeben: ${p.sample}`],
  'variable-example.media': (p) => [`die ${p.type}-Kopfzeile hat kein Beispiel in example.header_handle`, 'eine Beispieldatei über die Resumable Upload API hochladen und ihr Handle angeben: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['der dynamische URL-Button hat keine Beispiel-URL', `"example": ["${p.example}"] zum Button hinzufügen`],
  'variable.starts': (p) => [`der Text beginnt mit der Variable ${p.raw}`, 'mit einem Wort beginnen, z. B. "Hallo {{1}}, ..."'],
  'variable.ends': (p) => [`der Text endet mit der Variable ${p.raw}`, 'nach der Variable mit einem Wort oder Satz enden, z. B. "... {{2}}. Vielen Dank!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: Variablen direkt nebeneinander`, 'Wörter zwischen die Variablen setzen oder sie zu einer Variable zusammenfassen'],
  'variable.whitespace': (p) => [`${p.a} und ${p.b} sind nur durch Leerraum getrennt`, 'Wörter zwischen die Variablen setzen oder sie zu einer Variable zusammenfassen'],
  'variable.density': (p) => [`${p.vars} Variablen auf ${p.words} Wörter Text: die Vorlage liest sich wie ein leeres Formular`, 'mehr festen Text um die Variablen schreiben oder weniger Variablen verwenden'],
  'name.empty': (p) => ['die Vorlage hat keinen Namen', `"${p.fixed}" nennen`],
  'name.invalid': (p) => [`der Vorlagenname "${p.name}" darf nur Kleinbuchstaben, Ziffern und Unterstriche enthalten (höchstens 512)`, `in "${p.fixed}" umbenennen`],
  length: (p) => [`${part(p.what)}: ${p.chars} Zeichen, über Metas Grenze von ${p.max}`, `um ${p.over} Zeichen kürzen`],
  'length.empty': () => ['der Text ist leer', 'den Nachrichtentext schreiben'],
  'discount-percentage': (p) => [`"${p.text}" ist ein Prozent-Rabatt: er macht die Vorlage zur Werbung und wirkt wie ein nicht überprüfbares Versprechen`, 'einen konkreten Betrag oder ein Angebot nennen, z. B. "10 EUR Rabatt ab 50 EUR Einkauf", oder einen Gutscheincode-Button verwenden'],
  'promotional.discount': (p) => [`"${p.text}" ist ein Rabatt: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" ist Werbung: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" mit einer Variable verschickt einen Einmalcode: Meta erlaubt Codes nur in AUTHENTICATION-Vorlagen, diese ${p.category}-Vorlage wird abgelehnt`, 'Codes mit einer AUTHENTICATION-Vorlage senden (vorgegebener Text, Button zum Kopieren des Codes); diese Vorlage bei der Bestellung oder dem Konto belassen'],
};
