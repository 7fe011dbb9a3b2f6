/** Classify one phone cell: E.164, validity with a reason id, region and libphonenumber type. */
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { cellText } from './cell-text.js';
import { lengthReason, metadata, parseQuietly, plan, type Home } from './plan-facts.js';
import { numberType } from './number-type.js';
import { chooseReading, mobileCapable, type Reading } from './readings.js';
import { renumberedMobile } from './renumbered-mobile.js';
import { labelledNumber } from './labelled-number.js';
import { mayHoldSeveral, severalNumbers } from './several-numbers.js';
import type { Reason } from './reasons.js';


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

const callingCodeHomes = new Map<string, { defaultCallingCode: string }>();

/** libphonenumber's option for a home: the region, or (one object per code, no allocation per row) the calling code. */
function homeOption(home: string | undefined): Home {
  if (home === undefined || home.charCodeAt(0) !== 43) return home as CountryCode | undefined;
  let o = callingCodeHomes.get(home);
  if (!o) callingCodeHomes.set(home, (o = { defaultCallingCode: home.slice(1) }));
  return o;
}


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
  const s = cellText(cell, region);
  if (typeof s !== 'string') return invalid(s.reason);

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

