/** Classify one row of a list: its phone cell (joined with an area code column), at the home its country cell names. */
import { classify, type Classified } from './classify.js';
import { countryOfCell } from './country-cell.js';
import { mobileCapable } from './readings.js';
import type { RowPlan } from './row-plan.js';
import { unwrapCell } from './unwrap-cell.js';

/**
 * Classify a row's phone cell at the row's home: what its country cell names (ISO2, ISO3, ISO
 * numeric, calling code or a name in the nine languages, see country-cell.ts), else the default region.
 */
export function classifyRow(cells: readonly string[], plan: RowPlan): Classified {
  const phone = cells[plan.phoneIndex] ?? '';
  if (plan.areaCodeIndex < 0) return classifyAt(phone, cells, plan);
  const area = (cells[plan.areaCodeIndex] ?? '').trim();
  const text = unwrapCell(phone);
  // No area code, or a phone cell that is whole already ("0170 1234567", "+49 ..."): the phone cell alone. A
  // calling code ("+49", "0049") still goes in front of a national "0170 1234567" (libphonenumber drops the 0).
  if (area === '' || text === '' || text.startsWith('+') || (WHOLE.test(text) && !CALLING_CODE.test(area))) return classifyAt(phone, cells, plan);
  const joined = classifyAt(`${area} ${phone}`, cells, plan);
  if (CALLING_CODE.test(area) && repeatsCallingCode(area, text)) return alreadyInternational(joined, classifyAt(phone, cells, plan));
  if (joined.e164 !== '') return joined;
  // "212" beside "(212) 555-0123": the phone cell held the whole number after all.
  const alone = classifyAt(phone, cells, plan);
  return alone.e164 !== '' ? alone : joined;
}

/** The phone cell's digits begin with the calling code in the area code cell ("+49" beside "491701234567"). */
function repeatsCallingCode(area: string, phone: string): boolean {
  const code = area.replace(/\D/g, '').replace(/^00/, '');
  return code !== '' && phone.replace(/\D/g, '').startsWith(code);
}

/**
 * "+49" beside "491701234567": the cell may hold the calling code already. Read alone it is +491701234567, joined
 * +49491701234567 (a valid German landline too). One valid, or one mobile: that one; both alike: ambiguous, never a guess.
 */
function alreadyInternational(joined: Classified, alone: Classified): Classified {
  if (alone.e164 === '' || alone.e164 === joined.e164) return joined;
  if (joined.e164 === '') return alone;
  const mobile = (c: Classified) => mobileCapable(c.type);
  if (mobile(alone) !== mobile(joined)) return mobile(alone) ? alone : joined;
  return { e164: '', valid: false, reason: 'ambiguous-country-code', region: '', type: '', detail: `${alone.e164} or ${joined.e164}` };
}

// A number with its trunk prefix or calling code: no area code goes in front of it.
const WHOLE = /^(?:\+|0|\(\s*[+0])/;
const CALLING_CODE = /^\(?\s*(?:\+|00)\s*[1-9]/;

/** Classify a phone text at the home the row's country cell names, else the default region. */
function classifyAt(phone: string, cells: readonly string[], plan: RowPlan): Classified {
  let home = plan.defaultRegion;
  let unknownCountry = false;
  if (plan.countryIndex >= 0) {
    const cell = cells[plan.countryIndex] ?? '';
    const named = countryOfCell(cell);
    if (typeof named === 'string') home = named;
    else if (named !== undefined) return classifyAmong(phone, named, plan.mobileOnly);
    else unknownCountry = cell.trim() !== '';
  }
  const c = classify(phone, home, plan.mobileOnly);
  // Say why the country cell did not help (the row shows the cell; the detail stays free of CSV specials).
  if (unknownCountry && c.reason === 'missing-country-code') c.detail = UNKNOWN_COUNTRY;
  return c;
}

/**
 * A country cell that fits several homes ("250": France or Rwanda; "Congo"): the number decides when
 * it is a number under exactly one of them. Valid under two: ambiguous-country-code with both
 * candidates. Under none: invalid, and the default region is not tried (the cell rules it out).
 */
function classifyAmong(phone: string, homes: readonly string[], mobileOnly: boolean): Classified {
  let first: Classified | undefined;
  let found: Classified | undefined;
  let other = '';
  // Whether the homes made any difference (an empty cell or "+999 ..." is invalid whatever the country).
  let differs = false;
  for (const home of homes) {
    const c = classify(phone, home, mobileOnly);
    first ??= c;
    if (c.reason !== first.reason || c.region !== first.region) differs = true;
    // A number under this home (valid, or valid but not a mobile with --mobile-only).
    if (c.e164 === '') continue;
    if (found === undefined) found = c;
    else if (c.e164 !== found.e164 && other === '') other = c.e164;
  }
  if (found !== undefined && other === '') return found;
  if (found !== undefined) return { e164: '', valid: false, reason: 'ambiguous-country-code', region: '', type: '', detail: `${found.e164} or ${other}` };
  if (differs && first!.reason !== 'ambiguous-country-code') first!.detail = `${SEVERAL_COUNTRIES} ${homes.join(' or ')}`;
  return first!;
}

/** Detail of a missing-country-code row whose country cell names no country wa-ops knows. */
export const UNKNOWN_COUNTRY = 'country cell not recognised';
/** Start of the detail of a row whose country cell fits several countries and whose number fits none. */
export const SEVERAL_COUNTRIES = 'country cell fits';

/**
 * How a row's country cell came out: it named one country (or was blank), named none wa-ops knows
 * ("unknown"), or fitted several and the number did not decide ("ambiguous"). For the summary's counts.
 */
export function countryOutcome(cells: readonly string[], plan: RowPlan, c: Classified): 'ok' | 'unknown' | 'ambiguous' {
  if (plan.countryIndex < 0) return 'ok';
  const cell = cells[plan.countryIndex] ?? '';
  if (cell === '') return 'ok';
  // A cached lookup: country columns hold few distinct values.
  const named = countryOfCell(cell);
  if (named === undefined) return cell.trim() === '' ? 'ok' : 'unknown';
  if (typeof named === 'string') return 'ok';
  return c.reason === 'ambiguous-country-code' || c.detail.startsWith(SEVERAL_COUNTRIES) ? 'ambiguous' : 'ok';
}

