/** One way to read a list's rows, shared by validate-numbers and send: which columns, which region, and the classifier. */
import { InputError } from '../errors.js';
import { classify, type Classified } from './classify.js';
import { countryOfCell } from './country-cell.js';
import { pickCountryColumn, pickPhoneColumn, PHONE_HEADERS } from './columns.js';

/** What the user asked for; validate-numbers takes flags, a campaign file takes keys. */
export interface ColumnWishes {
  column?: string;
  countryColumn?: string;
  defaultCountry?: string;
  mobileOnly?: boolean;
}

/** Where each wish came from, for messages ("--column" or "phoneColumn"). */
export interface WishNames {
  column: string;
  countryColumn: string;
}

export interface RowPlan {
  phoneIndex: number;
  countryIndex: number;
  defaultRegion?: string;
  mobileOnly: boolean;
  /** Column names chosen, for "say which columns were chosen". */
  phoneName: string;
  countryName: string | null;
  /** Set when a country column was looked for and several matched. */
  countryNote?: string;
}

/** Resolve the columns of a header into a plan; throws an InputError (exit 2) naming the file. */
export function planRows(label: string, header: string[], w: ColumnWishes, names: WishNames): RowPlan {
  const phone = pickPhoneColumn(header, w.column);
  if (!phone.ok) {
    const cols = describeHeader(header, phone.problem === 'several' ? phone.candidates : header);
    if (phone.problem === 'unknown') throw new InputError(`${label}: no column named "${clip(w.column!)}" (${cols})`, { code: 'unknown-column', hint: `set ${names.column} to one of the columns` });
    if (phone.problem === 'several') throw new InputError(`${label}: several phone-like columns (${cols})`, { code: 'ambiguous-column', hint: `choose one with ${names.column} <name>` });
    throw new InputError(`${label}:1: no phone column in the header (${cols})`, {
      code: 'no-phone-column',
      hint: `name the column with ${names.column} (looked for: ${PHONE_HEADERS.slice(0, 9).join(', ')}, and the same in de, es, pt, fr, it, id, tr, zh)`,
    });
  }
  const country = pickCountryColumn(header, w.countryColumn);
  if (!country.ok && country.problem === 'unknown') {
    throw new InputError(`${label}: no column named "${clip(w.countryColumn!)}" for ${names.countryColumn} (${describeHeader(header, header)})`, { code: 'unknown-column' });
  }
  return {
    phoneIndex: phone.index,
    countryIndex: country.ok ? country.index : -1,
    defaultRegion: w.defaultCountry?.toUpperCase(),
    mobileOnly: Boolean(w.mobileOnly),
    phoneName: header[phone.index],
    countryName: country.ok ? header[country.index] : null,
    countryNote: !country.ok && country.problem === 'several' ? `several country-like columns (${country.candidates.map(clip).join(', ')}): none used; choose one with ${names.countryColumn}` : undefined,
  };
}

/**
 * Classify a row's phone cell at the row's home: what its country cell names (ISO2, ISO3, calling
 * code or a name in the nine languages, see country-cell.ts), else the default region.
 */
export function classifyRow(cells: readonly string[], plan: RowPlan): Classified {
  let home = plan.defaultRegion;
  let unknownCountry = false;
  if (plan.countryIndex >= 0) {
    const cell = cells[plan.countryIndex] ?? '';
    const named = countryOfCell(cell);
    if (named !== undefined) home = named;
    else unknownCountry = cell.trim() !== '';
  }
  const c = classify(cells[plan.phoneIndex] ?? '', home, plan.mobileOnly);
  // Say why the country cell did not help (the row shows the cell; the detail stays free of CSV specials).
  if (unknownCountry && c.reason === 'missing-country-code') c.detail = UNKNOWN_COUNTRY;
  return c;
}

/** Detail of a missing-country-code row whose country cell names no country wa-ops knows. */
export const UNKNOWN_COUNTRY = 'country cell not recognised';

const MAX_SHOWN = 12;

/**
 * List columns for a message, but only when the first line looks like a CSV header: a file that is
 * not a list (a .env, ~/.npmrc, /etc/shadow) must not have its first line echoed. Long names are cut.
 */
export function describeHeader(header: string[], shown: string[]): string {
  if (!looksLikeHeader(header)) return 'the first line does not look like a CSV header; not shown';
  const list = shown.slice(0, MAX_SHOWN).map((c) => JSON.stringify(clip(c)));
  return `columns: ${list.join(', ')}${shown.length > MAX_SHOWN ? `, ... ${shown.length - MAX_SHOWN} more` : ''}`;
}

/** Header cells are short names: no "=" or ":" assignments, no long letter-and-digit runs (keys, hashes). */
export function looksLikeHeader(header: string[]): boolean {
  if (header.length === 0 || header.length > 500) return false;
  return header.every((h) => h.length <= 64 && !/[=:$\/\\{}<>]/.test(h) && !/[A-Za-z0-9+_-]{24,}/.test(h) && !/^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$/.test(h));
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
