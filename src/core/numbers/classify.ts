/** Classify one phone cell: E.164, validity with a reason id, region and libphonenumber type. */
import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/max/metadata';
import { numberType } from './number-type.js';
import { chooseReading, mobileCapable, type Reading } from './readings.js';
import { renumberedMobile } from './renumbered-mobile.js';
import { labelledNumber } from './labelled-number.js';
import { mayHoldSeveral, severalNumbers } from './several-numbers.js';
import type { Reason } from './reasons.js';
import { unwrapCell } from './unwrap-cell.js';

// Per calling code: whether the plan has type data (then "valid" is exactly "getType() finds a type"),
// and its possible national lengths (to tell too short from too long without parsing again).
const plans = new Map<string, { hasTypes: boolean; min: number; max: number }>();
const metadata = new Metadata(metadataJson);

// The library's Metadata has hasTypes() at run time, but its typings leave it out.
declare module 'libphonenumber-js/core' {
  interface Metadata {
    hasTypes(): boolean;
  }
}

/** The numbering plan facts of a calling code, looked up once. */
function plan(callingCode: string): { hasTypes: boolean; min: number; max: number } {
  let p = plans.get(callingCode);
  if (!p) {
    metadata.selectNumberingPlan(callingCode as never);
    const lengths = metadata.numberingPlan?.possibleLengths() ?? [];
    p = { hasTypes: metadata.hasTypes(), min: lengths.length ? Math.min(...lengths) : 0, max: lengths.length ? Math.max(...lengths) : Infinity };
    plans.set(callingCode, p);
  }
  return p;
}

/** One cell's verdict: the E.164 number when valid, else the reason id. */
export interface Classified {
  e164: string;
  valid: boolean;
  reason: Reason | '';
  region: string;
  type: string;
  /**
   * "assumed-international" when the "+" was missing and added, "leading-zero-restored" when the
   * national trunk "0" was; both candidates for ambiguous-country-code.
   */
  detail: string;
}

type Home = CountryCode | { defaultCallingCode: string } | undefined;
const callingCodeHomes = new Map<string, { defaultCallingCode: string }>();

/** libphonenumber's option for a home: the region, or (one object per code, no allocation per row) the calling code. */
function homeOption(home: string | undefined): Home {
  if (home === undefined || home.charCodeAt(0) !== 43) return home as CountryCode | undefined;
  let o = callingCodeHomes.get(home);
  if (!o) callingCodeHomes.set(home, (o = { defaultCallingCode: home.slice(1) }));
  return o;
}

const FLOAT_ZERO = /^\+?\d{6,}[.,]0+$/;
const BRACKETED_PLUS = /^\(\s*\+\s*(\d{1,3})\s*\)/;
// Excel writes long numbers as 4.91701E+12 (or 4,91701E+12 in comma-decimal locales) and too-narrow cells as ####.
const EXCEL_SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
const EXCEL_HASHES = /^#{2,}$/;
// 4.91512345678E+11 shows every digit (as many after the point as the exponent): nothing was lost.
const EXACT_SCIENTIFIC = /^([1-9])[.,](\d+)[eE]\+?(\d+)$/;
// What people write around digits: spaces, dashes of every kind, brackets, dots, slashes, an extension.
const ALLOWED = /^[+\d\s\-\u2010-\u2015\u2212().\/\[\]]*(?:\s*(?:ext\.?|extension|x|#|;ext=)\s*\d{1,7})?$/i;

/**
 * Classify a raw cell given the row's home: a region (ISO2, upper case), a calling code several
 * regions share ("+1", from a country cell such as "1" or "+44"), or none.
 */
export function classify(cell: string, region: string | undefined, mobileOnly = false): Classified {
  const c = classifyOne(cell, region, mobileOnly);
  // "0170 1234567 / 030 1234567": say it holds several numbers, rather than only "too-long".
  if (!c.valid && mayHoldSeveral(c.reason, cell)) c.detail = severalNumbers(cell, (part) => classifyOne(part, region, false)) ?? c.detail;
  // "+91 98765 43210 (WhatsApp)", "Tel.: 0151 …": stays invalid, with the number it holds said.
  if (!c.valid && c.reason === 'invalid-characters' && c.detail === '') c.detail = labelledNumber(cell, (text) => classifyOne(text, region, false)) ?? '';
  return c;
}

function classifyOne(cell: string, region: string | undefined, mobileOnly: boolean): Classified {
  let s = unwrapCell(cell);
  if (s === '') return invalid('empty');
  // "(+49) 170 ..." brackets the calling code, "+" included.
  if (s.charCodeAt(0) === 40 && BRACKETED_PLUS.test(s)) s = s.replace(BRACKETED_PLUS, '+$1 ');
  // A number column saved as floats (pandas, some CRMs): "491701234567.0" is the integer, not one more digit.
  if (s.charCodeAt(s.length - 1) === 48 && FLOAT_ZERO.test(s)) s = s.slice(0, s.search(/[.,]/));
  if (EXCEL_SCIENTIFIC.test(s)) {
    const exact = EXACT_SCIENTIFIC.exec(s);
    if (!exact || exact[2].length !== Number(exact[3])) return invalid('excel-mangled');
    s = exact[1] + exact[2];
  }
  if (EXCEL_HASHES.test(s)) return invalid('excel-mangled');
  if (!ALLOWED.test(s) || s.indexOf('+', 1) !== -1) return invalid('invalid-characters');
  if (!/\d/.test(s)) return invalid('invalid-characters');

  const defaultCountry = homeOption(region);
  const parsed = parseQuietly(s, defaultCountry);
  const national = parsed && read(parsed);
  // Only a number without "+" whose digits could start with a calling code (or with "00") has a second reading.
  const alt = s.charCodeAt(0) === 43 ? undefined : internationalText(s);
  if (alt !== undefined) {
    const intl = parseQuietly(alt.text, undefined);
    const choice = chooseReading(s, national, intl && read(intl), alt.viaIdd);
    if (choice.pick === 'ambiguous') {
      return { e164: '', valid: false, reason: 'ambiguous-country-code', region: '', type: '', detail: choice.candidates.join(' or ') };
    }
    if (choice.pick === 'international') return finish(read(intl!), mobileOnly, choice.assumed ? 'assumed-international' : '');
    if (choice.restored) return finish(national!, mobileOnly, 'leading-zero-restored');
  }
  if (parsed === undefined || national === undefined) return invalid(lengthReason(s, defaultCountry, true));
  return finish(national, mobileOnly, '');
}

/**
 * parsePhoneNumberFromString, without the stack traces of the ParseErrors it throws and catches
 * inside for every number it rejects (a tenth of the time of a messy list went into them).
 */
function parseQuietly(text: string, country: Home): PhoneNumber | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parsePhoneNumberFromString(text, country);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The text of the international reading ("+" in front), or undefined when the digits cannot start with a calling code. */
function internationalText(s: string): { text: string; viaIdd: boolean } | undefined {
  const first = s.search(/\d/);
  if (s.startsWith('00', first)) return { text: `+${s.slice(first + 2)}`, viaIdd: true };
  return s.charCodeAt(first) === 48 ? undefined : { text: `+${s}`, viaIdd: false };
}

function read(parsed: PhoneNumber): Reading {
  // getType() and isValid() in one pass, with compiled patterns (see number-type.ts).
  const t = numberType(metadata, parsed);
  if (!t.valid) {
    // "+52 1 55 ...", "+55 11 8765-4321": a mobile in the spelling of an older numbering plan (WhatsApp's wa_id).
    const today = renumberedMobile(parsed.countryCallingCode, parsed.nationalNumber);
    const again = today === undefined ? undefined : parseQuietly(today, undefined);
    const r = again && numberType(metadata, again);
    if (again && r?.valid && mobileCapable(r.type ?? '')) return { number: again, valid: true, type: r.type ?? '' };
  }
  return { number: parsed, valid: t.valid, type: t.type ?? '' };
}

function finish(r: Reading, mobileOnly: boolean, detail: string): Classified {
  const parsed = r.number;
  const country = parsed.country ?? '';
  if (!r.valid) {
    const p = plan(parsed.countryCallingCode);
    const n = parsed.nationalNumber.length;
    return invalid(n < p.min ? 'too-short' : n > p.max ? 'too-long' : 'invalid-number', country);
  }
  if (mobileOnly && !mobileCapable(r.type)) {
    return { e164: parsed.number, valid: false, reason: 'not-mobile', region: country, type: r.type, detail };
  }
  return { e164: parsed.number, valid: true, reason: '', region: country, type: r.type, detail };
}

function invalid(reason: Reason, region = ''): Classified {
  return { e164: '', valid: false, reason, region, type: '', detail: '' };
}

function lengthReason(s: string, country: Home, unparsed: boolean): Reason {
  const verdict = validatePhoneNumberLength(s, country);
  switch (verdict) {
    case 'INVALID_COUNTRY':
      return s.startsWith('+') || country ? 'invalid-country-code' : 'missing-country-code';
    case 'TOO_SHORT':
      return 'too-short';
    case 'TOO_LONG':
      return 'too-long';
    case 'NOT_A_NUMBER':
      return digitCount(s) < 5 ? 'too-short' : 'invalid-number';
    default:
      return unparsed && digitCount(s) > 17 ? 'too-long' : 'invalid-number';
  }
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
