/** What suppressions import tells the user about the rows it could not read, and whether it refuses the file (pure). */
import { shellQuote } from '../shell-quote.js';
import { fmtCount, plural } from '../plural.js';

/** What the import read and how it was asked to read it. */
export interface ImportRead {
  /** The file as the user named it ("-" for standard input) and its label for messages. */
  path: string;
  label: string;
  rows: number;
  valid: number;
  /** Invalid rows by reason id. */
  reasons: Record<string, number>;
  column?: string;
  country?: string;
  countryColumn?: string;
  /** The country column read (given or detected), if any. */
  countryColumnUsed?: string | null;
}

/** refuse: nothing valid at all (exit 2, nothing written); else a warning for rows that a flag would have read, or none. */
export interface ImportAdvice {
  refuse?: { message: string; hint: string };
  warning?: string;
}

/** The flags that change how rows are read, as given, for a command to copy. */
function readingFlags(r: Pick<ImportRead, 'column' | 'country' | 'countryColumn'>): string[] {
  const words: string[] = [];
  if (r.column) words.push('--column', shellQuote(r.column));
  if (r.country) words.push('--country', shellQuote(r.country));
  if (r.countryColumn) words.push('--country-column', shellQuote(r.countryColumn));
  return words;
}

/** The validate-numbers command that explains each row, reading the file as the import did (standard input: said in words). */
export function explainCommand(r: Pick<ImportRead, 'path' | 'column' | 'country' | 'countryColumn'>): string {
  return r.path === '-' ? 'wa-ops validate-numbers on the same list' : ['wa-ops', 'validate-numbers', shellQuote(r.path), ...readingFlags(r)].join(' ');
}

/**
 * A file of which no row holds a valid number is an input error: an import that "succeeds" with 0 numbers leaves a
 * send believing the opt-outs are honoured. Rows without a country code are the usual cause (a German CRM writes
 * "0152 ..."): the advice names --country then; otherwise validate-numbers with the same flags explains each row.
 */
export function importAdvice(r: ImportRead): ImportAdvice {
  const invalid = Object.values(r.reasons).reduce((a, b) => a + b, 0);
  if (invalid === 0) return {};
  const noCountry = r.reasons['missing-country-code'] ?? 0;
  const countryHelp = noCountry > 0 && !r.country ? `numbers without a country code need one: pass --country <ISO2> (the region they are from, e.g. --country DE)${r.countryColumnUsed ? '' : ' or name the country column with --country-column <name>'}` : undefined;
  const explain = `${explainCommand(r)} explains each row`;
  if (r.valid === 0) {
    const why = Object.entries(r.reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `${fmtCount(n)} ${reason}`)
      .join(', ');
    return { refuse: { message: `${r.label}: no valid number in ${plural(r.rows, 'row')} (${why}); nothing was imported`, hint: countryHelp ?? explain } };
  }
  if (countryHelp) return { warning: `${plural(noCountry, 'row')} without a country code ${noCountry === 1 ? 'was' : 'were'} not imported: ${countryHelp}` };
  return {};
}
