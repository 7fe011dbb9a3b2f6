/** Find the phone column (and a country column) in a CSV header, in the nine languages the linter knows. */
import { ADDED_COLUMNS } from './added-columns.js';

/** Phone column names (compared normalised: case, accents, spaces, dashes and dots ignored). */
export const PHONE_HEADERS = [
  // en (the contract's names first)
  'phone', 'phone_number', 'mobile', 'msisdn', 'number', 'tel', 'whatsapp', 'to', 'wa_id',
  'telephone', 'mobile_number', 'mobile_phone', 'cell', 'cellphone', 'cell_phone', 'phone_no', 'whatsapp_number', 'whatsapp_no', 'wa_number',
  // Not "e164": validate-numbers adds that column, and its outputs must read again with their phone column found.
  'contact_number', 'contact_no',
  // de
  'telefon', 'telefonnummer', 'handy', 'handynummer', 'mobil', 'mobilnummer', 'mobiltelefon', 'rufnummer', 'tel_nr', 'telnr',
  'telefon_nr', 'telefonnr', 'handy_nr', 'handynr', 'mobil_nr', 'mobilnr', 'mobilfunknummer', 'mobilfunk', 'rufnr', 'whatsapp_nummer', 'telefon_mobil',
  // es
  'numero', 'telefono', 'numero_de_telefono', 'movil', 'celular', 'numero_celular', 'numero_de_celular', 'telefono_movil', 'numero_movil', 'numero_de_movil', 'numero_telefono',
  // pt
  'telefone', 'telemovel', 'numero_de_telefone', 'numero_do_celular', 'telefone_celular', 'numero_de_telemovel',
  // fr
  'portable', 'numero_de_telephone', 'tel_portable', 'telephone_portable', 'numero_de_portable', 'numero_portable', 'tel_mobile', 'telephone_mobile',
  // it
  'cellulare', 'numero_di_telefono', 'telefono_cellulare', 'numero_di_cellulare',
  // id
  'telepon', 'nomor_telepon', 'no_telepon', 'no_hp', 'nomor_hp', 'hp', 'ponsel', 'no_telp', 'nomor_telp', 'telp', 'no_wa', 'nomor_wa', 'nomor_whatsapp', 'handphone', 'no_handphone', 'nomor_handphone',
  // tr
  'cep', 'cep_telefonu', 'telefon_numarasi', 'cep_no', 'gsm', 'telefon_no', 'cep_numarasi', 'gsm_no',
  // zh (simplified and traditional)
  '电话', '電話', '手机', '手機', '手机号', '手機號', '手机号码', '手機號碼', '电话号码', '電話號碼', '联系电话', '聯絡電話',
  '移动电话', '行動電話', '手提電話', '联系方式',
];

/**
 * Country column names: the cells hold a country (ISO2, ISO3, ISO numeric, a calling code or a name;
 * see country-cell.ts). Not "region": in CRM exports it is as often a state or province ("Bavaria",
 * "NRW", "IN" for Indiana), which read as countries would put numbers in the wrong country.
 */
export const COUNTRY_HEADERS = [
  'country', 'country_code', 'countrycode', 'country_name', 'country/region', 'country_region', 'country_or_region', 'iso', 'iso2', 'iso3',
  'country_iso', 'iso_country', 'iso_country_code', 'calling_code', 'dial_code', 'country_calling_code',
  'land', 'land/region', 'land_region', 'landercode', 'laendercode', 'landerkennung', 'laenderkennung', 'landervorwahl', 'laendervorwahl',
  'pais', 'codigo_pais', 'codigo_de_pais', 'codigo_do_pais', 'ddi', 'pais/regiao', 'pais/region',
  'pays', 'code_pays', 'indicatif', 'indicatif_pays', 'pays/region',
  'paese', 'nazione', 'prefisso_internazionale', 'paese/area geografica',
  'negara', 'kode_negara', 'ulke', 'ulke_kodu',
  '国家', '國家', '国家代码', '國家代碼', '国家/地区', '國家/地區', '国家或地区', '國家或地區',
];

/**
 * Words that name a country inside a longer header ("Mailing Country", "Address 1: Country/Region"):
 * used only when no header is a country name itself. Not "land" ("Land Line" is a phone column).
 */
const COUNTRY_WORDS = new Set(['country', 'pais', 'pays', 'paese', 'nazione', 'negara', 'ulke', '国家', '國家']);

/** Headers that look like a country column but often hold states or provinces: never picked unless named. */
const REGION_HEADERS = new Set(['region', 'regione', 'regiao', 'wilayah', 'bolge', '地区', '地區', 'state', 'province', 'bundesland']);

/** Header names compared the way people write them: case, accents, spaces, dashes and dots do not matter. */
export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[\s\-.()\[\]#:]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const PHONE_SET = new Set(PHONE_HEADERS.map(normaliseHeader));
const COUNTRY_SET = new Set(COUNTRY_HEADERS.map(normaliseHeader));

/** The column chosen, or why none could be (none found, several, an unknown name) with the candidates. */
export type ColumnPick = { ok: true; index: number } | { ok: false; problem: 'none' | 'several' | 'unknown'; candidates: string[] };

/**
 * Words that name a phone column inside a longer header ("Telefon privat", "Mobile Phone Number", "Phone 1 -
 * Value", "billing_phone"): used only when no header is a phone name itself. Not "number" or "to" (too common).
 */
const PHONE_WORDS = new Set([
  'phone', 'mobile', 'telephone', 'tel', 'cell', 'cellphone', 'whatsapp', 'msisdn', 'telefon', 'telefonnummer', 'handy', 'handynummer',
  'mobil', 'mobilnummer', 'mobiltelefon', 'rufnummer', 'telefono', 'movil', 'celular', 'telefone', 'telemovel', 'portable', 'cellulare',
  'telepon', 'ponsel', 'hp', 'handphone', 'gsm',
]);
const PHONE_CJK = /电话|電話|手机|手機/;
/** Words that make such a header about a phone rather than its number ("Phone 1 - Type", "Mobile opt-in", "Telefon Vorwahl"). */
const NOT_THE_NUMBER = new Set([
  'type', 'typ', 'art', 'label', 'kind', 'tipo', 'opt', 'optin', 'consent', 'verified', 'status', 'country', 'code', 'ext', 'extension', 'durchwahl',
  'vorwahl', 'prefix', 'indicatif', 'prefijo', 'prefisso', 'ddd', 'ddi', 'area', 'carrier', 'fax', 'valid', 'confirmed', 'count',
]);

const MOBILE_WORDS = /^(mobil.*|handy.*|cell.*|portable|movil|celular|telemovel|ponsel|hp|handphone|cep|gsm|whatsapp.*|wa|手机.*|手機.*|行動.*|移动.*|手提.*)$/;

/** Whether a header names a mobile (or WhatsApp) number: "Handy", "Mobile Phone Number", "Celular", "手机号". */
export function isMobileHeader(h: string): boolean {
  return normaliseHeader(h).split(/[_/]+/).some((w) => MOBILE_WORDS.test(w));
}

/**
 * Pick the phone column: the named one, else the single header among the known phone names, else the single one with a phone
 * word in it. A known name that is no mobile beside a mobile column ("Phone Number" and "Mobile Phone Number", as HubSpot
 * exports) is several: WhatsApp reaches mobiles, and taking the landline silently would message the wrong number.
 */
export function pickPhoneColumn(header: string[], wanted?: string): ColumnPick {
  if (wanted !== undefined) return pickNamed(header, wanted);
  const exact = pickKnown(header, PHONE_SET);
  const worded = header.map((h, i) => [normaliseHeader(h), i] as const).filter(([h]) => phoneWorded(h));
  if (exact.ok && !isMobileHeader(header[exact.index])) {
    const mobiles = worded.filter(([, i]) => i !== exact.index && isMobileHeader(header[i]));
    if (mobiles.length > 0) return { ok: false, problem: 'several', candidates: [exact.index, ...mobiles.map(([, i]) => i)].map((i) => columnRef(header, i)) };
  }
  if (exact.ok || exact.problem === 'several') return exact;
  if (worded.length === 1) return { ok: true, index: worded[0][1] };
  return worded.length === 0 ? exact : { ok: false, problem: 'several', candidates: worded.map(([, i]) => columnRef(header, i)) };
}

function phoneWorded(h: string): boolean {
  const words = h.split(/[_/]+/);
  if (words.some((w) => NOT_THE_NUMBER.has(w))) return false;
  return words.some((w) => PHONE_WORDS.has(w)) || PHONE_CJK.test(h);
}

/**
 * Pick the country column: the named one, else the single header that is a country name, else the
 * single header with a country word in it ("Mailing Country"), else none.
 */
export function pickCountryColumn(header: string[], wanted?: string): ColumnPick {
  if (wanted !== undefined) return pickNamed(header, wanted);
  const exact = pickKnown(header, COUNTRY_SET);
  if (exact.ok || exact.problem === 'several') return exact;
  const worded = header.map((h, i) => [normaliseHeader(h), i] as const).filter(([h]) => h.split(/[_/]+/).some((w) => COUNTRY_WORDS.has(w)));
  if (worded.length === 1) return { ok: true, index: worded[0][1] };
  return worded.length === 0 ? exact : { ok: false, problem: 'several', candidates: worded.map(([, i]) => columnRef(header, i)) };
}

/** Headers that might hold countries but were not read as such ("region"): for a note saying how to use them. */
export function regionLikeColumns(header: string[]): string[] {
  // validate-numbers' own "region" column (a --valid-out or pilot file read again) holds the number's region, said already.
  const own = ADDED_COLUMNS.every((name, i) => header[header.length - ADDED_COLUMNS.length + i] === name) ? header.length - 3 : -1;
  return header.filter((h, i) => i !== own && REGION_HEADERS.has(normaliseHeader(h)));
}

function pickKnown(header: string[], names: Set<string>): ColumnPick {
  const matches = header.map((h, i) => [normaliseHeader(h), i] as const).filter(([h]) => names.has(h));
  if (matches.length === 1) return { ok: true, index: matches[0][1] };
  if (matches.length === 0) return { ok: false, problem: 'none', candidates: header };
  return { ok: false, problem: 'several', candidates: matches.map(([, i]) => columnRef(header, i)) };
}

/** How a user names column i: its header, or "#3" (its position) when the header repeats that name. */
export function columnRef(header: string[], i: number): string {
  return header.indexOf(header[i]) === header.lastIndexOf(header[i]) ? header[i] : `#${i + 1}`;
}

/**
 * Find a column by the name a user typed (exact first, then normalised), or by its position ("#3") for a
 * header that repeats a name; a name several columns carry is "several", with their positions to choose from.
 */
export function pickNamed(header: string[], wanted: string): ColumnPick {
  for (const same of [(h: string) => h === wanted, (h: string) => normaliseHeader(h) === normaliseHeader(wanted)]) {
    const hits = header.flatMap((h, i) => (same(h) ? [i] : []));
    if (hits.length === 1) return { ok: true, index: hits[0] };
    if (hits.length > 1) return { ok: false, problem: 'several', candidates: hits.map((i) => `#${i + 1}`) };
  }
  const position = /^#(\d{1,4})$/.exec(wanted.trim());
  if (position && Number(position[1]) >= 1 && Number(position[1]) <= header.length) return { ok: true, index: Number(position[1]) - 1 };
  return { ok: false, problem: 'unknown', candidates: header };
}
