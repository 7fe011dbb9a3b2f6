/** Numbering plan facts from libphonenumber's full metadata: one Metadata, possible lengths per calling code, quiet parsing. */
import { Metadata } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import metadataJson from 'libphonenumber-js/max/metadata';
import type { Reason } from './reasons.js';

/** The full metadata, shared by every lookup. */
export const metadata = new Metadata(metadataJson);

/** libphonenumber's option for a row's home: a region, or a calling code several regions share. */
export type Home = CountryCode | { defaultCallingCode: string } | undefined;

// Per calling code: whether the plan has type data (then "valid" is exactly "getType() finds a type"),
// and its possible national lengths (to tell too short from too long without parsing again).
const plans = new Map<string, { hasTypes: boolean; min: number; max: number }>();

// The library's Metadata has hasTypes() at run time, but its typings leave it out.
declare module 'libphonenumber-js/core' {
  interface Metadata {
    hasTypes(): boolean;
  }
}

/** The numbering plan facts of a calling code, looked up once. */
export function plan(callingCode: string): { hasTypes: boolean; min: number; max: number } {
  let p = plans.get(callingCode);
  if (!p) {
    metadata.selectNumberingPlan(callingCode as never);
    const lengths = metadata.numberingPlan?.possibleLengths() ?? [];
    p = { hasTypes: metadata.hasTypes(), min: lengths.length ? Math.min(...lengths) : 0, max: lengths.length ? Math.max(...lengths) : Infinity };
    plans.set(callingCode, p);
  }
  return p;
}

/**
 * parsePhoneNumberFromString, without the stack traces of the ParseErrors it throws and catches
 * inside for every number it rejects (a tenth of the time of a messy list went into them).
 */
export function parseQuietly(text: string, country: Home): PhoneNumber | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parsePhoneNumberFromString(text, country);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Why a text that did not parse into a valid number is invalid: its length for the home's plan, or no plan at all. */
export function lengthReason(s: string, country: Home, unparsed: boolean): Reason {
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
