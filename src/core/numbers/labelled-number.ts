/**
 * One number with words around it ("+91 98765 43210 (WhatsApp)", "Tel.: 0151 23456789", "0170 1234567 privat"):
 * said in the row's detail, while the row stays invalid (the words may be "alt" or "do not call"). No CSV
 * delimiter in the detail: rows are rendered raw.
 */

// A label in brackets anywhere, words (with dots) before a colon or the first digit, words after the last digit.
const BRACKETED = /\(\s*\p{L}[^)]*\)/gu;
const LEADING = /^[\p{L}\s.]*\p{L}[\p{L}\s.]*:?\s*(?=[+(\d])/u;
const TRAILING = /(?<=[\d)])\s*[:\-–]?\s*\p{L}[\p{L}\s.!]*$/u;

/** "number in the cell: +919876543210 (remove the text around it)" when taking the words away leaves one valid number. */
export function labelledNumber(cell: string, classify: (text: string) => { valid: boolean; e164: string }): string | undefined {
  const text = cell.replace(BRACKETED, ' ').trim().replace(LEADING, '').replace(TRAILING, '').trim();
  if (text === '' || text === cell.trim() || !/\d/.test(text)) return undefined;
  const c = classify(text);
  return c.valid ? `number in the cell: ${c.e164} (remove the text around it)` : undefined;
}
