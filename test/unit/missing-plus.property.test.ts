// Property: a mobile number of any region libphonenumber knows, written with its calling code but without "+",
// comes back as itself or as ambiguous-country-code, never as a different valid number, whatever the default region.
import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { classify } from '../../src/core/numbers/classify.js';
import { createRng } from '../../src/core/numbers/sampling.js';

const DEFAULTS = [undefined, 'DE', 'US', 'GB', 'BR', 'IN', 'IT', 'CN', 'RU', 'FR', 'ES', 'ID', 'TR', 'NO', 'CH', 'AT', 'MX', 'NG'];

/** Mobile numbers of a region: its example with other last digits, kept when still a valid mobile. */
function mobiles(region: string, rng: () => number): string[] {
  const ex = getExampleNumber(region as never, examples);
  if (!ex) return [];
  const out = new Set<string>([ex.number]);
  for (let k = 0; k < 6; k++) {
    const tail = Math.min(4, ex.nationalNumber.length - 2);
    const digits = Array.from({ length: tail }, () => Math.floor(rng() * 10)).join('');
    const p = parsePhoneNumberFromString(`+${ex.countryCallingCode}${ex.nationalNumber.slice(0, -tail)}${digits}`);
    const type = p?.getType();
    if (p && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) out.add(p.number);
  }
  return [...out];
}

describe('numbers written without "+"', () => {
  it('every region: the right E.164 number or ambiguous-country-code, never another valid number', () => {
    const rng = createRng(13);
    let regions = 0;
    let checked = 0;
    const wrong: string[] = [];
    for (const region of getCountries()) {
      const numbers = mobiles(region, rng);
      if (numbers.length) regions++;
      for (const e164 of numbers) {
        const p = parsePhoneNumberFromString(e164)!;
        // Two ways a "+" goes missing: Excel drops it from the bare digits, or a person leaves it off a formatted number.
        for (const written of [e164.slice(1), p.formatInternational().slice(1)]) {
          for (const d of [...DEFAULTS, region]) {
            const c = classify(written, d);
            checked++;
            const ok = (c.valid && c.e164 === e164) || c.reason === 'ambiguous-country-code';
            if (!ok) wrong.push(`${written} (default ${d}) -> ${c.e164 || c.reason}`);
            if (c.reason === 'ambiguous-country-code') expect(c.detail).toContain(e164);
          }
        }
      }
    }
    expect(regions).toBeGreaterThan(200);
    expect(checked).toBeGreaterThan(20_000);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
