/** Two or more numbers in one cell ("0170 1234567 / 030 1234567", "... oder ..."): said in the row's detail (no CSV delimiter in it: rows are rendered raw). */

// Separators between two numbers: a spaced slash or bar, a comma, semicolon or line break, "or"/"and" in the nine languages,
// a space before a second "+" ("+49 170 … +49 171 …").
const SEVERAL = /\s[\/|]\s|[,;\n]|\s(?:or|oder|ou|o|und|and|y|e|u|ve|atau|dan|veya|或)\s|\s\+\d/i;
const SPLIT = /\s+[\/|]\s+|\s*[,;\n]\s*|\s+(?:or|oder|ou|o|und|and|y|e|u|ve|atau|dan|veya|或)\s+|\s+(?=\+\d)/i;
const SPLIT_REASONS = new Set<string>(['invalid-characters', 'too-long', 'invalid-number']);

/** Whether an invalid cell is worth splitting: its reason could come from a second number, and it has a separator. */
export function mayHoldSeveral(reason: string, cell: string): boolean {
  return SPLIT_REASONS.has(reason) && SEVERAL.test(cell);
}

/** "2 numbers in one cell: +491701234567 and +49301234567 (keep one per row)" when two or more parts are valid on their own. */
export function severalNumbers(cell: string, classify: (part: string) => { valid: boolean; e164: string }): string | undefined {
  const found = new Set<string>();
  for (const part of cell.split(SPLIT)) {
    // "+49 170 1234567 (privat)": a label in brackets beside each number.
    const text = part.replace(/\(\s*\p{L}[^)]*\)/gu, '').trim();
    const c = text === '' ? undefined : classify(text);
    if (c?.valid) found.add(c.e164);
  }
  return found.size < 2 ? undefined : `${found.size} numbers in one cell: ${[...found].join(' and ')} (keep one per row)`;
}
