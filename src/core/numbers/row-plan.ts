/** One way to read a list's rows, shared by validate-numbers and send: which columns, which region, and the classifier. */
import { InputError } from '../errors.js';
import { pickAreaCodeColumn } from './area-code-column.js';
import { clip, describeHeader, looksLikeHeader, phoneCellInHeader } from './header-text.js';
import { isMobileHeader, pickCountryColumn, pickPhoneColumn, PHONE_HEADERS, regionLikeColumns } from './columns.js';
import { plural } from '../plural.js';
import { shellQuote } from '../shell-quote.js';

export { classifyRow, countryOutcome, SEVERAL_COUNTRIES, UNKNOWN_COUNTRY } from './classify-row.js';
export { describeHeader, looksLikeHeader } from './header-text.js';

/** A record at the top of a list with its file line (the header is the first). */
export interface LeadingLine {
  line: number;
  cells: string[];
}

/** What the user asked for; validate-numbers takes flags, a campaign file takes keys. */
export interface ColumnWishes {
  column?: string;
  countryColumn?: string;
  defaultCountry?: string;
  mobileOnly?: boolean;
}

/** Where each wish came from, for messages: flags (--column) or keys of the campaign file ("phoneColumn"). */
export interface WishNames {
  /** The flag (`--column`) or the key (`"phoneColumn"`). */
  column: string;
  countryColumn: string;
  kind: 'flag' | 'key';
}

/** The flag or key named where it lives: `--column`, `"phoneColumn" in the campaign file`. */
function where(names: WishNames, which: 'column' | 'countryColumn'): string {
  return names.kind === 'key' ? `${names[which]} in the campaign file` : names[which];
}

/** The setting to copy for each value, written as it is typed there: `--column Handy`, `"phoneColumn": "Handy"` (several: "or"). */
function settings(names: WishNames, which: 'column' | 'countryColumn', values: readonly string[]): string {
  const one = (v: string) => (names.kind === 'key' ? `${names[which]}: ${JSON.stringify(v)}` : `${names[which]} ${shellQuote(v)}`);
  return `${values.map(one).join(' or ')}${names.kind === 'key' ? ' in the campaign file' : ''}`;
}

/** Mobile columns first: WhatsApp reaches mobiles, so among several phone columns the mobile one is the likely choice. */
function mobileFirst(candidates: readonly string[]): string[] {
  return [...candidates.filter(isMobileHeader), ...candidates.filter((c) => !isMobileHeader(c))];
}

/** How each row of a list is read: which columns, which home region, what counts as valid. */
export interface RowPlan {
  phoneIndex: number;
  countryIndex: number;
  defaultRegion?: string;
  mobileOnly: boolean;
  /** Column names chosen, for "say which columns were chosen". */
  phoneName: string;
  countryName: string | null;
  /** A column holding the area code ("Vorwahl", "area code") right before the phone column: joined with it (-1: none). */
  areaCodeIndex: number;
  areaCodeName: string | null;
  /** Set when a country column was looked for and several matched. */
  countryNote?: string;
  /** Set when an area code column was found that is not joined with the phone column (not right before it, or several). */
  areaCodeNote?: string;
}

/** Resolve the columns of a header into a plan; throws an InputError (exit 2) naming the file. */
export function planRows(label: string, header: string[], w: ColumnWishes, names: WishNames, leading: readonly LeadingLine[] = []): RowPlan {
  // Nothing but empty lines (or ";;;", or Excel's "sep=;" alone): no header to look for columns in.
  if (header.length === 0) throw new InputError(`${label} holds no rows, only empty lines`, { code: 'empty-file', hint: 'export the list again with its header row and rows' });
  const numberAt = phoneCellInHeader(header);
  if (numberAt > 0) throw headerIsRow(label, leading[0]?.line ?? 1, header.length, numberAt);
  const phone = pickPhoneColumn(header, w.column);
  if (!phone.ok) {
    const cols = describeHeader(header, phone.problem === 'several' ? shownRefs(header, phone.candidates) : header);
    if (phone.problem === 'several' && w.column !== undefined) throw sameName(label, header, w.column, phone.candidates, names, 'column');
    if (phone.problem === 'unknown') throw new InputError(`${label}: no column named "${clip(w.column!)}" (${cols})`, { code: 'unknown-column', hint: `set ${where(names, 'column')} to one of the columns` });
    if (phone.problem === 'several') throw new InputError(`${label}: several phone-like columns (${cols})`, { code: 'ambiguous-column', hint: `choose one with ${settings(names, 'column', mobileFirst(phone.candidates))}` });
    const at = leading[0]?.line ?? 1;
    const later = w.column === undefined ? leading.slice(1).find((r) => looksLikeHeader(r.cells) && pickPhoneColumn(r.cells).ok) : undefined;
    throw new InputError(`${label}:${at}: no phone column in the header (${cols})`, {
      code: 'no-phone-column',
      // A title or notes above the header ("Kontakte Export 01.12.2026"): say where the header is.
      hint: later
        ? `line ${later.line} looks like the header (${describeHeader(later.cells, later.cells)}): delete the ${plural(later.line - at, 'line')} above it and run again`
        : `name the column with ${where(names, 'column')} (looked for: ${PHONE_HEADERS.slice(0, 9).join(', ')}, and the same in de, es, pt, fr, it, id, tr, zh)`,
    });
  }
  const country = pickCountryColumn(header, w.countryColumn);
  if (!country.ok && country.problem === 'several' && w.countryColumn !== undefined) throw sameName(label, header, w.countryColumn, country.candidates, names, 'countryColumn');
  if (!country.ok && country.problem === 'unknown') {
    throw new InputError(`${label}: no column named "${clip(w.countryColumn!)}" for ${where(names, 'countryColumn')} (${describeHeader(header, header)})`, { code: 'unknown-column', hint: `set ${where(names, 'countryColumn')} to one of the columns` });
  }
  const areaCode = pickAreaCodeColumn(header, phone.index, country.ok ? country.index : -1);
  return {
    phoneIndex: phone.index,
    countryIndex: country.ok ? country.index : -1,
    areaCodeIndex: areaCode.index,
    areaCodeName: areaCode.index >= 0 ? header[areaCode.index] : null,
    defaultRegion: w.defaultCountry?.toUpperCase(),
    mobileOnly: Boolean(w.mobileOnly),
    phoneName: header[phone.index],
    countryName: country.ok ? header[country.index] : null,
    countryNote: country.ok ? undefined : countryNote(header, country.problem, country.candidates, names),
    areaCodeNote: areaCode.note,
  };
}

/** The first line is a customer (a list exported without its header row): refuse, rather than lose that row as column names. */
function headerIsRow(label: string, at: number, columns: number, numberAt: number): InputError {
  return new InputError(`${label}:${at}: no header row (column names): this line holds a phone number in column ${numberAt}`, {
    code: 'no-header',
    hint: `add a line above it naming the ${plural(columns, 'column')} (the phone column e.g. "phone") and run again; read as it is, the number on that line would be left out`,
  });
}

/** "Telefon (#2)" for a position reference ("#2") to a column whose name the header repeats, else the name itself. */
function shownRefs(header: string[], refs: readonly string[]): string[] {
  return refs.map((r) => {
    const m = /^#(\d+)$/.exec(r);
    return m && header[Number(m[1]) - 1] !== r ? `${header[Number(m[1]) - 1]} (${r})` : r;
  });
}

/** The header carries the name given several times: say so, with the positions to choose from. */
function sameName(label: string, header: string[], wanted: string, refs: readonly string[], names: WishNames, which: 'column' | 'countryColumn'): InputError {
  return new InputError(`${label}: ${refs.length} columns are named "${clip(wanted)}" (${describeHeader(header, shownRefs(header, refs))})`, {
    code: 'ambiguous-column',
    hint: `choose one by its position with ${settings(names, which, refs)}`,
  });
}

/** Why no country column was read, when the header suggests one: several candidates, or a "region" column. */
function countryNote(header: string[], problem: string, candidates: string[], names: WishNames): string | undefined {
  if (problem === 'several') return `several country-like columns (${shownRefs(header, candidates).map((c) => `"${clip(c)}"`).join(', ')}): none used; choose one with ${settings(names, 'countryColumn', candidates)}`;
  const region = regionLikeColumns(header)[0];
  if (region === undefined) return undefined;
  return `column "${clip(region)}" not read as countries (such columns often hold states or provinces); if it holds countries, ${names.kind === 'key' ? 'set' : 'pass'} ${settings(names, 'countryColumn', [region])}`;
}
