/**
 * Read a list's country cell the way CRMs fill it: ISO2 ("DE", "de"), ISO3 ("DEU"), a calling code
 * ("49", "+49", "0049") or a name in one of the nine languages ("Deutschland", "Allemagne", "Alemania",
 * "Germany", "德国", "Schweiz", ...). The answer is a region ("DE") or, for a calling code several
 * regions share ("1", "+7", "44"), the calling code itself ("+1"): the number is then read in that
 * numbering plan and its region comes from its digits, never from a guess.
 */
import { getCountries } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/max/metadata';
import { ALIASES, ISO3 } from './country-names.js';

const LANGUAGES = ['en', 'de', 'es', 'pt', 'fr', 'it', 'id', 'tr', 'zh', 'zh-Hant'];
const CALLING_CODES = (metadataJson as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;
const REGIONS = new Set<string>(getCountries());
const ISO3_TO_ISO2 = new Map(ISO3.split(' ').map((e) => [e.slice(2), e.slice(0, 2)]));

// Country columns hold few distinct values: each is worked out once per thread. The bound keeps a
// column of junk from growing the cache without end.
const cache = new Map<string, string>();
const CACHE_LIMIT = 10_000;
let names: Map<string, string> | undefined;

/** The region (ISO2) or shared calling code ("+1") a country cell names, or undefined when it names none. */
export function countryOfCell(cell: string): string | undefined {
  let hit = cache.get(cell);
  if (hit === undefined) {
    hit = resolve(cell.trim()) ?? '';
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cell, hit);
  }
  return hit === '' ? undefined : hit;
}

function resolve(s: string): string | undefined {
  if (s === '') return undefined;
  const whole = resolvePart(s);
  if (whole !== undefined) return whole;
  // "DE - Deutschland", "Deutschland (DE)", "+49 / Germany": every part that names something must agree.
  const found = new Set(s.split(/[-–—\/(),|:;]+/).map((p) => resolvePart(p.trim())).filter((r): r is string => r !== undefined));
  return found.size === 1 ? [...found][0] : undefined;
}

function resolvePart(s: string): string | undefined {
  if (s === '') return undefined;
  const code = /^(?:\+|00)?(\d{1,3})$/.exec(s.replace(/[\s()]/g, ''));
  if (code) {
    const regions = CALLING_CODES[code[1]];
    if (!regions) return undefined;
    return regions.length === 1 ? regions[0] : `+${code[1]}`;
  }
  if (/^[A-Za-z]{2}$/.test(s)) {
    const up = s.toUpperCase();
    if (REGIONS.has(up)) return up;
  }
  if (/^[A-Za-z]{3}$/.test(s)) {
    const region = ISO3_TO_ISO2.get(s.toUpperCase());
    if (region !== undefined) return region;
  }
  return nameMap().get(normaliseName(s));
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

/** Every region's name in the nine languages (CLDR, through Intl), plus the aliases; built on first use. */
export function nameMap(): Map<string, string> {
  if (names) return names;
  const map = new Map<string, string>();
  const clashes = new Set<string>();
  const add = (name: string | undefined, region: string) => {
    if (!name || name === region) return;
    const key = normaliseName(name);
    const prev = map.get(key);
    if (prev !== undefined && prev !== region) clashes.add(key);
    else map.set(key, region);
  };
  for (const language of LANGUAGES) {
    const long = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    const short = new Intl.DisplayNames([language], { type: 'region', style: 'short', fallback: 'none' });
    for (const region of REGIONS) {
      add(long.of(region), region);
      add(short.of(region), region);
    }
  }
  for (const [region, aliases] of Object.entries(ALIASES)) for (const a of aliases) add(a, region);
  // A name two regions share says nothing.
  for (const key of clashes) map.delete(key);
  names = map;
  return map;
}
