/** The text inside a spreadsheet cell: wrappers that force text removed, other scripts' digits made ASCII. */

// Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), Devanagari, Bengali, Thai and Myanmar digits.
const ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1040];
const DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\u1040-\u1049]/g;

/** Strip wrappers spreadsheets add to force text: a leading apostrophe, ="...", tel: URIs. */
export function unwrapCell(cell: string): string {
  let s = cell;
  // Full-width digits and plus signs, other scripts' digits, exotic spaces, invisible direction marks:
  // only non-ASCII cells pay for normalisation.
  if (/[^\x00-\x7f]/.test(s)) {
    s = s
      .normalize('NFKC')
      // Direction marks and isolates (\u2066-\u2069: what a number copied from a chat or contacts app carries), soft hyphens.
      .replace(/[\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
      .replace(DIGITS, (d) => String(d.charCodeAt(0) - (ZEROS.find((z) => d.charCodeAt(0) >= z && d.charCodeAt(0) <= z + 9) ?? 0)));
  }
  // A tab between digit groups (pasted from a table) is a space; libphonenumber stops reading at one.
  if (s.includes('\t')) s = s.replace(/\t/g, ' ');
  s = s.trim();
  if (s.startsWith("'")) s = s.slice(1).trim();
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1].trim();
  if (/^tel:/i.test(s)) s = s.slice(4).trim();
  return s;
}
