/** Reason ids for invalid rows (CONTRACT §4), with a sentence a user can act on. */

export const REASONS = {
  empty: 'the phone cell is empty',
  'invalid-characters': 'letters or symbols that are not part of a phone number',
  'excel-mangled': 'Excel turned the number into scientific notation or ####: digits are lost; re-export the column as text',
  'missing-country-code': 'no country code and no default region: pass --country or --country-column',
  'invalid-country-code': 'the country calling code does not exist',
  'too-short': 'too few digits for its country',
  'too-long': 'too many digits for its country',
  'invalid-number': 'not a number that exists in its country\'s numbering plan',
  'ambiguous-country-code': 'written without "+": read internationally and in the row\'s region it is two different valid numbers, or the country cell fits two countries ("250", "Congo") and it is valid in both (both numbers in the detail column); add the "+" or the trunk prefix, or write the country as ISO2',
  'not-mobile': 'a valid number that cannot receive WhatsApp on a mobile (landline, toll-free, ...)',
} as const;

/** The id of a reason a number is invalid. */
export type Reason = keyof typeof REASONS;

/** Notes on valid rows: what wa-ops assumed to make them valid. */
export const NOTES = {
  'assumed-international': 'valid, written without "+": only the international reading is a valid (mobile) number, so the "+" was added',
  'leading-zero-restored': 'valid, written without its leading 0 (Excel drops it): read in the row\'s country with the 0 put back, not as the same digits after a "+"; check these rows if the list holds foreign numbers without "+"',
} as const;
