// The country cell as CRMs fill it: codes, calling codes and names in the nine languages.
import { describe, expect, it } from 'vitest';
import { getCountries } from 'libphonenumber-js/max';
import { countryOfCell, nameMap } from '../../src/core/numbers/country-cell.js';
import { ALIASES, ISO3 } from '../../src/core/numbers/country-names.js';
import { classifyRow, planRows } from '../../src/core/numbers/row-plan.js';

describe('countryOfCell', () => {
  it.each([
    ['DE', 'DE'],
    ['de', 'DE'],
    [' ch ', 'CH'],
    ['DEU', 'DE'],
    ['che', 'CH'],
    ['GBR', 'GB'],
    ['UK', 'GB'],
    ['49', 'DE'],
    ['+49', 'DE'],
    ['0049', 'DE'],
    ['(+41)', 'CH'],
    ['886', 'TW'],
  ])('%j is %s', (cell, region) => {
    expect(countryOfCell(cell)).toBe(region);
  });

  it.each([
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['Alemanha', 'DE'],
    ['Germania', 'DE'],
    ['Jerman', 'DE'],
    ['Almanya', 'DE'],
    ['Germany', 'DE'],
    ['德国', 'DE'],
    ['德國', 'DE'],
    ['GERMANY', 'DE'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['Svizzera', 'CH'],
    ['Österreich', 'AT'],
    ['Oesterreich', 'AT'],
    ['Türkei', 'TR'],
    ['Turkey', 'TR'],
    ['España', 'ES'],
    ['Estados Unidos', 'US'],
    ['United States', 'US'],
    ['Vereinigtes Königreich', 'GB'],
    ['Côte d’Ivoire', 'CI'],
    ['cote divoire', 'CI'],
    ['DE - Deutschland', 'DE'],
    ['Deutschland (DE)', 'DE'],
  ])('the name %j is %s', (cell, region) => {
    expect(countryOfCell(cell)).toBe(region);
  });

  it('reads every alias as its region (no alias clashes with a code or another region\'s name)', () => {
    const wrong = Object.entries(ALIASES).flatMap(([region, names]) => names.filter((n) => countryOfCell(n) !== region).map((n) => `${n} -> ${countryOfCell(n)}`));
    expect(wrong).toEqual([]);
  });

  it('keeps a calling code several regions share as a calling code, never picking one of them', () => {
    expect(countryOfCell('1')).toBe('+1');
    expect(countryOfCell('+1')).toBe('+1');
    expect(countryOfCell('+44')).toBe('+44');
    expect(countryOfCell('7')).toBe('+7');
  });

  it('names nothing for empty cells, unknown codes and parts that disagree', () => {
    for (const cell of ['', '  ', 'XX', 'ZZZ', '999', 'Atlantis', 'DE / FR', 'Germny']) expect(countryOfCell(cell)).toBeUndefined();
  });

  it('has an ISO3 code for every region libphonenumber knows but AC and TA, and no name two regions share', () => {
    const iso2 = new Set(ISO3.split(' ').map((e) => e.slice(0, 2)));
    expect(getCountries().filter((r) => !iso2.has(r))).toEqual(['AC', 'TA']);
    expect(new Set(ISO3.split(' ').map((e) => e.slice(2))).size).toBe(ISO3.split(' ').length);
    // Every region has at least its English and German names.
    const regions = new Set(nameMap().values());
    expect(getCountries().filter((r) => !regions.has(r)).length).toBeLessThan(5);
  });
});

describe('classifyRow with a country column', () => {
  const header = ['Name', 'Telefon', 'Land'];
  const plan = planRows('list.csv', header, {}, { column: '--column', countryColumn: '--country-column' });

  it('reads national numbers in the country the cell names, however it names it', () => {
    expect(plan.countryName).toBe('Land');
    for (const land of ['Deutschland', '49', '+49', 'DEU', 'Germany']) {
      expect(classifyRow(['A', '0170 1234567', land], plan)).toMatchObject({ valid: true, e164: '+491701234567', region: 'DE' });
    }
    expect(classifyRow(['B', '078 859 60 16', 'Schweiz'], plan)).toMatchObject({ valid: true, e164: '+41788596016' });
  });

  it('reads a shared calling code in its numbering plan: the region comes from the digits', () => {
    expect(classifyRow(['C', '(416) 555-0123', '1'], plan)).toMatchObject({ valid: true, e164: '+14165550123', region: 'CA' });
    expect(classifyRow(['D', '07911 123456', '+44'], plan)).toMatchObject({ valid: true, e164: '+447911123456' });
  });

  it('says when a country cell named nothing and the number needed it', () => {
    expect(classifyRow(['E', '0170 1234567', 'Germny'], plan)).toMatchObject({ valid: false, reason: 'missing-country-code', detail: 'country cell not recognised' });
    expect(classifyRow(['F', '0170 1234567', ''], plan)).toMatchObject({ valid: false, reason: 'missing-country-code', detail: '' });
  });
});
