/**
 * The missing "+": a number written without "+" (or with "00") whose digits begin with a country
 * calling code has two readings, national in the row's region and international. Choose between
 * them on evidence only: validity, whether it can be a mobile, and how the writer grouped the digits.
 */
import type { PhoneNumber } from 'libphonenumber-js/max';

/** A reading that parsed: the number and whether it can reach WhatsApp on a phone. */
export interface Reading {
  number: PhoneNumber;
  valid: boolean;
  type: string;
}

/** Which reading of a number without "+" counts: national, international (assumed), or both (ambiguous). */
export type Choice =
  | { pick: 'national'; restored?: boolean }
  | { pick: 'international'; assumed: boolean }
  | { pick: 'ambiguous'; candidates: [string, string] };

const MOBILE_CAPABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', '']);

/** Whether a reading's type can be a mobile (plans without type data count as possible). */
export function mobileCapable(type: string): boolean {
  return MOBILE_CAPABLE.has(type);
}

/**
 * Decide between the national reading (n, in the row's region; absent without a region) and the
 * international one (i). `cell` is the unwrapped text, `viaIdd` says it began with "00".
 */
export function chooseReading(cell: string, n: Reading | undefined, i: Reading | undefined, viaIdd: boolean): Choice {
  if (!i || !i.valid) return { pick: 'national' };
  if (n && n.number.number === i.number.number) return { pick: 'national' };
  if (!n || !n.valid) return { pick: 'international', assumed: !viaIdd };
  // Both readings are valid, different numbers. "00" is an international prefix in most of the world.
  if (viaIdd) return { pick: 'international', assumed: false };
  const nMobile = mobileCapable(n.type);
  const iMobile = mobileCapable(i.type);
  if (nMobile !== iMobile) return nMobile ? { pick: 'national' } : { pick: 'international', assumed: true };
  // Same standing: let the writer's own grouping of the digits decide, when it fits one reading only.
  const national = n.number.formatNational();
  // "(501) 612-3456" is how the US writes its area codes: brackets count for the international
  // reading only where the national format has none ("(376) 312 345" could be either).
  const fitsI = fitsGrouping(cell, i.number.formatInternational(), false, !national.includes('('));
  const fitsN = fitsGrouping(cell, national, true);
  if (fitsI && !fitsN) return { pick: 'international', assumed: true };
  if (fitsN && !fitsI) return { pick: 'national' };
  // Excel drops the leading 0 of "01701234567" (17012345678, also +1 701 ...): the row's country
  // (its cell or --country) says where the number is, so the national reading with its 0 back counts.
  if (lostTrunkZero(cell, n.number, i.number)) return { pick: 'national', restored: true };
  return { pick: 'ambiguous', candidates: [i.number.number, n.number.number] };
}

/**
 * Whether the national reading is the cell with its trunk "0" put back, in another numbering plan than
 * the international reading (a "+" lost from a number of the row's own country is no lost "0").
 */
function lostTrunkZero(cell: string, n: PhoneNumber, i: PhoneNumber): boolean {
  if (n.countryCallingCode === i.countryCallingCode) return false;
  return digitsOf(n.formatNational()) === `0${digitsOf(cell)}`;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * Whether every separator the writer put between digits falls where the formatted reading has one.
 * Parentheses are national style, except the "(0)" some write after the calling code and, when
 * `bracketedCode` allows it, brackets around the calling code ("(49) 170 ...").
 */
export function fitsGrouping(cell: string, formatted: string, national: boolean, bracketedCode = false): boolean {
  let text = cell;
  if (!national && text.includes('(')) {
    text = text.replace(/\(\s*0\s*\)/, ' ');
    const code = bracketedCode ? /^\s*\(\s*(\d+)\s*\)/.exec(text) : null;
    if (code && formatted.startsWith(`+${code[1]} `)) text = `${code[1]} ${text.slice(code[0].length)}`;
    if (/[()]/.test(text)) return false;
  }
  if (!national) text = dropTrunkZero(text, formatted);
  const cellCuts = cuts(text);
  if (cellCuts.cuts.length === 0) return true;
  const f = cuts(formatted);
  // A national format may show a trunk prefix ("0491 ...") the cell does not have: align on the last digit.
  const shift = f.digits - cellCuts.digits;
  if (shift < 0) return false;
  const theirs = new Set(f.cuts.map((c) => c - shift));
  return cellCuts.cuts.every((c) => theirs.has(c));
}

/**
 * "508 055 12 34": a trunk "0" written after the calling code, which the international format
 * ("+508 55 12 34") leaves out. Drop it from the cell so the groups compare.
 */
function dropTrunkZero(text: string, formatted: string): string {
  const space = formatted.indexOf(' ');
  if (space < 0) return text;
  const code = formatted.slice(1, space);
  let seen = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) continue;
    if (seen === code.length) return c === 48 && cuts(text).digits === cuts(formatted).digits + 1 ? text.slice(0, k) + text.slice(k + 1) : text;
    if (c !== code.charCodeAt(seen)) return text;
    seen++;
  }
  return text;
}

/** Digit positions after which a separator follows, and the digit count. */
function cuts(text: string): { cuts: number[]; digits: number } {
  const out: number[] = [];
  let digits = 0;
  let gap = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (gap && digits > 0) out.push(digits);
      gap = false;
      digits++;
    } else gap = true;
  }
  return { cuts: out, digits };
}
