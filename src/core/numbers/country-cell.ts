/**
 * Read a list's country cell the way CRMs fill it: ISO2 ("DE", "de"), ISO3 ("DEU"), ISO numeric
 * ("276", "040"), a calling code ("49", "+49", "0049") or a name in one of the nine languages
 * ("Deutschland", "Allemagne", "Alemania", "Germany", "德国", "Schweiz", ...). The answer is a home:
 * a region ("DE") or, for a calling code several regions share ("1", "+7", "44"), the calling code
 * itself ("+1"): the number is then read in that numbering plan and its region comes from its digits.
 * A cell that fits several countries ("250": ISO numeric of France, calling code of Rwanda; "Congo")
 * gives all its homes, and the row's number decides between them (see row-plan.ts), never a guess.
 */
import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/max/metadata';
import { ALIASES, AMBIGUOUS_NAMES, ISO3, ISO_NUMERIC } from './country-names.js';

/** A home (region or shared calling code), or the homes a cell leaves open. */
export type CellCountry = string | readonly string[];

const LANGUAGES = ['en', 'de', 'es', 'pt', 'fr', 'it', 'id', 'tr', 'zh', 'zh-Hant'];
const CALLING_CODES: Record<string, string[] | undefined> = metadataJson.country_calling_codes;
const REGIONS = new Set<string>(getCountries());

/** Is this an ISO2 region libphonenumber knows? */
function isRegion(r: string): r is CountryCode {
  return REGIONS.has(r);
}
const ISO3_TO_ISO2 = new Map(ISO3.split(' ').map((e) => [e.slice(2), e.slice(0, 2)]));
// Only regions with a numbering plan: a number cannot be read in Antarctica's.
const NUMERIC_TO_ISO2 = new Map(ISO_NUMERIC.split(' ').filter((e) => REGIONS.has(e.slice(0, 2))).map((e) => [e.slice(2), e.slice(0, 2)]));
const NONE: readonly string[] = [];
const NANP: readonly string[] = ['+1'];

// Country columns hold few distinct values: each is worked out once per thread. The bound keeps a
// column of junk from growing the cache without end.
const cache = new Map<string, CellCountry>();
const CACHE_LIMIT = 10_000;
let names: Map<string, readonly string[]> | undefined;

/** The home a country cell names, the homes it leaves open (two or more), or undefined when it names none. */
export function countryOfCell(cell: string): CellCountry | undefined {
  let hit = cache.get(cell);
  if (hit === undefined) {
    const homes = resolve(cell.trim());
    hit = homes.length === 1 ? homes[0] : homes.length === 0 ? '' : Object.freeze([...homes]);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cell, hit);
  }
  return hit === '' ? undefined : hit;
}

function resolve(s: string): readonly string[] {
  if (s === '') return NONE;
  const whole = resolvePart(s);
  if (whole.length > 0) return whole;
  // "DE - Deutschland", "Deutschland (DE)", "+49 / Germany", "Congo (DRC)": every part that names
  // something must agree; what they agree on is the answer.
  let found: readonly string[] | undefined;
  for (const part of s.split(/[-–—\/(),|:;]+/)) {
    const homes = resolvePart(part.trim());
    if (homes.length > 0) found = found === undefined ? homes : intersect(found, homes);
  }
  return found ?? NONE;
}

function resolvePart(s: string): readonly string[] {
  if (s === '') return NONE;
  // "49.0", "276.0": a code column saved as floats (pandas, some CRMs) is the integer.
  const raw = s.replace(/[\s()]/g, '').replace(/^(\+?\d{1,5})[.,]0+$/, '$1');
  // "+1-876", "1 242": the North American plan with an area code; the number's digits name the region.
  if (/^(?:\+|00)?1-?\d{3}$/.test(raw)) return NANP;
  const digits = /^(\+|00)?(\d{1,3})$/.exec(raw);
  if (digits) {
    // Three bare digits may be an ISO numeric code ("276", "040", "004") as well as a calling code
    // ("250" is France's ISO code and Rwanda's calling code): both readings stay open.
    const iso = raw.length === 3 ? NUMERIC_TO_ISO2.get(raw) : undefined;
    const code = callingCodeHome(digits[2]);
    return iso === undefined ? (code === undefined ? NONE : [code]) : code === undefined || code === iso ? [iso] : [iso, code];
  }
  if (/^[A-Za-z]{2}$/.test(s)) {
    const up = s.toUpperCase();
    if (REGIONS.has(up)) return [up];
  }
  if (/^[A-Za-z]{3}$/.test(s)) {
    const region = ISO3_TO_ISO2.get(s.toUpperCase());
    if (region !== undefined) return [region];
  }
  const map = nameMap();
  // "The Netherlands", "The Gambia": CLDR's English names leave the article out.
  return map.get(normaliseName(s)) ?? (/^the\s/i.test(s) ? map.get(normaliseName(s.slice(4))) : undefined) ?? NONE;
}

/** A calling code's home: its one region, or the code itself ("+1") when regions share it. */
function callingCodeHome(code: string): string | undefined {
  const regions = CALLING_CODES[code];
  if (!regions) return undefined;
  return regions.length === 1 ? regions[0] : `+${code}`;
}

/** Homes both parts allow; a shared calling code ("+1") and a region in its plan ("CA") agree on the region. */
function intersect(a: readonly string[], b: readonly string[]): readonly string[] {
  const out: string[] = [];
  const push = (h: string) => out.includes(h) || out.push(h);
  for (const x of a) {
    for (const y of b) {
      if (x === y) push(x);
      else if (inPlan(y, x)) push(y);
      else if (inPlan(x, y)) push(x);
    }
  }
  return out;
}

function inPlan(region: string, home: string): boolean {
  return home.startsWith('+') && isRegion(region) && `+${getCountryCallingCode(region)}` === home;
}

/** Names compared without case, accents, spaces or punctuation ("Côte d’Ivoire" = "cote divoire"). */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Every region's name in the nine languages (CLDR, through Intl), plus the aliases, each to the
 * regions it fits: one, or several for a name countries share ("Congo"); built on first use.
 */
export function nameMap(): Map<string, readonly string[]> {
  if (names) return names;
  const map = new Map<string, string[]>();
  const add = (name: string | undefined, region: string) => {
    if (!name || name === region) return;
    const key = normaliseName(name);
    const prev = map.get(key);
    if (prev === undefined) map.set(key, [region]);
    else if (!prev.includes(region)) prev.push(region);
  };
  for (const language of LANGUAGES) {
    const long = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    const short = new Intl.DisplayNames([language], { type: 'region', style: 'short', fallback: 'none' });
    for (const region of REGIONS) {
      add(long.of(region), region);
      add(short.of(region), region);
    }
  }
  // Each country's name in its own main language ("Nederland", "Polska", "Sverige", "Россия"): customers fill
  // in a country field in theirs. Never over a name the nine languages already give to some region.
  const own = new Map<string, string[]>();
  for (const region of REGIONS) {
    const language = new Intl.Locale('und', { region }).maximize().language;
    if (!LANGUAGES.includes(language)) own.set(language, [...(own.get(language) ?? []), region]);
  }
  const known = new Set(map.keys());
  for (const [language, regions] of own) {
    const long = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const region of regions) {
      const name = long.of(region);
      if (name !== undefined && !known.has(normaliseName(name))) add(name, region);
    }
  }
  for (const [region, aliases] of Object.entries(ALIASES)) for (const a of aliases) add(a, region);
  // A name that fits several countries stands for all of them, whatever a single language calls it.
  for (const { regions, names: shared } of AMBIGUOUS_NAMES) for (const n of shared) map.set(normaliseName(n), [...regions]);
  names = map;
  return map;
}
