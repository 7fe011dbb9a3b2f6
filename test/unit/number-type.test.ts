// Our compiled-pattern getType()/isValid() must answer exactly as libphonenumber-js does.
import { describe, expect, it } from 'vitest';
import { Metadata, type MetadataJson } from 'libphonenumber-js/core';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import metadataJson from 'libphonenumber-js/max/metadata';
import { numberType } from '../../src/core/numbers/number-type.js';
import { createRng } from '../../src/core/numbers/sampling.js';

describe('numberType', () => {
  it('agrees with PhoneNumber.getType() and isValid() on numbers of every region, valid or not', () => {
    const metadata = new Metadata(metadataJson as unknown as MetadataJson);
    const rng = createRng(18);
    let n = 0;
    for (const region of getCountries()) {
      const ex = getExampleNumber(region, examples);
      if (!ex) continue;
      for (let k = 0; k < 8; k++) {
        const len = ex.nationalNumber.length + Math.floor(rng() * 3) - 1;
        const digits = Array.from({ length: len }, (_, i) => (i < 2 && k < 4 ? ex.nationalNumber[i] : String(Math.floor(rng() * 10)))).join('');
        const p = parsePhoneNumberFromString(`+${ex.countryCallingCode}${digits}`);
        if (!p) continue;
        n++;
        expect(numberType(metadata, p), `${p.number}`).toEqual({ valid: p.isValid(), type: p.getType() });
      }
    }
    expect(n).toBeGreaterThan(1500);
  });
});
