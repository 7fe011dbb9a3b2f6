/** A phone cell's text as libphonenumber should read it, or the reason it holds no number to read. */
import type { Reason } from './reasons.js';
import { unwrapCell } from './unwrap-cell.js';

const FLOAT_ZERO = /^\+?\d{6,}[.,]0+$/;
const BRACKETED_PLUS = /^\(\s*\+\s*(\d{1,3})\s*\)/;
// Excel writes long numbers as 4.91701E+12 (or 4,91701E+12 in comma-decimal locales) and too-narrow cells as ####.
const EXCEL_SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
const EXCEL_HASHES = /^#{2,}$/;
// 4.91512345678E+11 shows every digit (as many after the point as the exponent): nothing was lost.
const EXACT_SCIENTIFIC = /^([1-9])[.,](\d+)[eE]\+?(\d+)$/;
// What people write around digits: spaces, dashes of every kind, brackets, dots, slashes, an extension.
const ALLOWED = /^[+\d\s\-\u2010-\u2015\u2212().\/\[\]]*(?:\s*(?:ext\.?|extension|x|#|;ext=)\s*\d{1,7})?$/i;
// An extension in the words of the nine languages ("Durchwahl 12", "ramal 23", "interno 4"): libphonenumber knows "ext.".
const EXTENSION_WORD = /\s*[,;]?\s*\b(?:durchwahl|dw\.?|nebenstelle|ramal|anexo|interno|int\.|poste|extensi[oó]n|ekstensi|dahili)\s*:?\s*(\d{1,7})$/i;
// Brazil's "0xx11 98765-4321": "xx" stands for the carrier code dialled after the trunk 0 (0 21 11 ...), whichever it is.
const CARRIER_PLACEHOLDER = /^(\(?\s*)0[\s.-]*xx[\s.-]*(?=\(?\d)/i;

/**
 * The cell unwrapped and cleared of the habits of spreadsheets and CRMs ("(+49) 170", "491701234567.0",
 * "4.91701234567E+11"), or why it is no number: empty, Excel lost digits, characters no number has.
 */
export function cellText(cell: string, region: string | undefined): string | { reason: Reason } {
  let s = unwrapCell(cell);
  if (s === '') return { reason: 'empty' };
  // "(+49) 170 ..." brackets the calling code, "+" included.
  if (s.charCodeAt(0) === 40 && BRACKETED_PLUS.test(s)) s = s.replace(BRACKETED_PLUS, '+$1 ');
  // A number column saved as floats (pandas, some CRMs): "491701234567.0" is the integer, not one more digit.
  if (s.charCodeAt(s.length - 1) === 48 && FLOAT_ZERO.test(s)) s = s.slice(0, s.search(/[.,]/));
  if (EXCEL_SCIENTIFIC.test(s)) {
    const exact = EXACT_SCIENTIFIC.exec(s);
    if (!exact || exact[2].length !== Number(exact[3])) return { reason: 'excel-mangled' };
    s = exact[1] + exact[2];
  }
  if (EXCEL_HASHES.test(s)) return { reason: 'excel-mangled' };
  if (/[a-z]\.?\s*:?\s*\d{1,7}$/i.test(s)) s = s.replace(EXTENSION_WORD, ' ext. $1');
  // Only where Brazil's plan may apply: a list without a country says nothing about it.
  if ((region === 'BR' || region === '+55' || region === undefined) && CARRIER_PLACEHOLDER.test(s)) s = s.replace(CARRIER_PLACEHOLDER, '$10');
  if (!ALLOWED.test(s) || s.indexOf('+', 1) !== -1) return { reason: 'invalid-characters' };
  if (!/\d/.test(s)) return { reason: 'invalid-characters' };
  return s;
}
