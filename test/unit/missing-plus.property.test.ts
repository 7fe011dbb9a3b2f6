// Property: a mobile number of any region libphonenumber knows, written with its calling code but without "+",
// comes back as itself or as ambiguous-country-code, never as a different valid number, whatever the default region;
// except where the digits are also the default region's national number without its trunk "0": read there, flagged.
import { describe, expect, it } from 'vitest';
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { classify } from '../../src/core/numbers/classify.js';
import { createRng } from '../../src/core/numbers/sampling.js';
import { countryOfCell } from '../../src/core/numbers/country-cell.js';
import { AMBIGUOUS_NAMES, ISO_NUMERIC } from '../../src/core/numbers/country-names.js';
import { planRows, classifyRow } from '../../src/core/numbers/row-plan.js';

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
            const ok = (c.valid && c.e164 === e164) || c.reason === 'ambiguous-country-code' || restoredIn(written, d, c);
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

  it('every region, the other ways lists write it: "00", a trunk "0", dashes, dots, brackets, floats, Excel exponents', () => {
    const rng = createRng(29);
    const defaults = [undefined, 'DE', 'US', 'IT', 'TR', 'BR', 'GB', 'IN'];
    const counts: Record<string, number> = {};
    const wrong: string[] = [];
    for (const region of getCountries()) {
      for (const e164 of mobiles(region, rng).slice(0, 3)) {
        const p = parsePhoneNumberFromString(e164)!;
        for (const [form, written] of Object.entries(writings(p))) {
          for (const d of [...defaults, region]) {
            const c = classify(written, d);
            counts[form] = (counts[form] ?? 0) + 1;
            let ok = !c.valid || c.e164 === e164 || restoredIn(written, d, c);
            // Where a region writes its area codes in brackets ("(501) 612-3456" in the US), a bracketed
            // first group is the area code: that is the list's own convention, not a guess.
            if (!ok && form === 'brackets') ok = parsePhoneNumberFromString(c.e164)!.formatNational().startsWith('(');
            if (!ok) wrong.push(`${form}: ${written} (default ${d}) -> ${c.e164} instead of ${e164}`);
            if (form === 'excel') expect(c.reason).toBe('excel-mangled');
          }
        }
      }
    }
    expect(Object.keys(counts).sort()).toEqual(['brackets', 'dashes', 'dots', 'excel', 'float', 'idd', 'idd-spaced', 'trunk-bare', 'trunk-bracketed', 'trunk-spaced']);
    expect(counts['trunk-spaced']).toBeGreaterThan(500);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});

/**
 * The other documented reading: digits that are also the default region's national number with its
 * trunk "0" dropped (Excel's doing) are read there, said in the detail, never silently.
 */
function restoredIn(written: string, region: string | undefined, c: { e164: string; detail: string }): boolean {
  if (region === undefined || c.detail !== 'leading-zero-restored') return false;
  return parsePhoneNumberFromString(`0${written.replace(/\.0$/, '').replace(/\D/g, '')}`, region as never)?.number === c.e164;
}

/** The ways a number with its calling code but no "+" turns up in exported lists. */
function writings(p: PhoneNumber): Record<string, string> {
  const digits = p.number.slice(1);
  const cc = p.countryCallingCode;
  const international = p.formatInternational().slice(1);
  const rest = international.slice(cc.length).trim();
  const national = p.formatNational();
  const out: Record<string, string> = {
    idd: `00${digits}`,
    'idd-spaced': `00 ${international}`,
    dashes: international.replace(/ /g, '-'),
    dots: international.replace(/ /g, '.'),
    brackets: `(${cc}) ${rest}`,
    float: `${digits}.0`,
    excel: Number(digits).toExponential(5).toUpperCase(),
  };
  // "49 (0) 170 ...": the trunk prefix kept after the calling code, where the region dials one.
  if (national.startsWith('0') && !national.startsWith('00') && !p.nationalNumber.startsWith('0')) {
    out['trunk-spaced'] = `${cc} ${national}`;
    // Where the trunk prefix is a single "0" (not Hungary's "06"), some write it bracketed or bare.
    if (national.replace(/\D/g, '') === `0${p.nationalNumber}`) {
      out['trunk-bracketed'] = `${cc} (0) ${rest}`;
      out['trunk-bare'] = `${cc}0${p.nationalNumber}`;
    }
  }
  return out;
}

describe('country cells that fit several countries', () => {
  it('every ISO numeric code that is also a calling code, and every name two countries share: a mobile of either country, written nationally or with "+", comes back as itself or ambiguous', () => {
    const plan = planRows('list.csv', ['phone', 'country'], {}, { column: '--column', countryColumn: '--country-column', kind: 'flag' as const });
    const wrong: string[] = [];
    let checked = 0;
    const cells = [...ISO_NUMERIC.split(' ').map((e) => e.slice(2)), ...AMBIGUOUS_NAMES.flatMap((a) => a.names)];
    for (const cell of cells) {
      const homes = countryOfCell(cell);
      if (typeof homes === 'string' || homes === undefined) continue;
      const regions = getCountries().filter((r) => homes.includes(r) || homes.includes(`+${getCountryCallingCode(r)}`));
      for (const region of regions) {
        const ex = getExampleNumber(region, examples);
        if (!ex) continue;
        for (const written of [ex.formatNational(), ex.number]) {
          checked++;
          const c = classifyRow([written, cell], plan);
          const ok = (c.valid && c.e164 === ex.number) || c.reason === 'ambiguous-country-code';
          if (!ok) wrong.push(`${written} (${region}) with ${cell}: ${c.e164 || c.reason}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });
});
