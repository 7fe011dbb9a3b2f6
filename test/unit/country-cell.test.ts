// The country cell as CRMs fill it: codes, calling codes and names in the nine languages.
import { describe, expect, it } from 'vitest';
import { getCountries } from 'libphonenumber-js/max';
import { countryOfCell, nameMap } from '../../src/core/numbers/country-cell.js';
import { ALIASES, ISO3, ISO_NUMERIC } from '../../src/core/numbers/country-names.js';
import { classifyRow, countryOutcome, planRows } from '../../src/core/numbers/row-plan.js';

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
    // The North American plan written with an area code ("+1-876" Jamaica): the number's digits decide.
    for (const cell of ['+1-876', '1-876', '+1 876', '1 (242)']) expect(countryOfCell(cell), cell).toBe('+1');
    expect(countryOfCell('+1')).toBe('+1');
    expect(countryOfCell('+44')).toBe('+44');
    expect(countryOfCell('7')).toBe('+7');
  });

  it('reads a country named in its own language or with an article ("Nederland", "Polska", "The Netherlands")', () => {
    const own: [string, string][] = [
      ['Nederland', 'NL'], ['België', 'BE'], ['Polska', 'PL'], ['Sverige', 'SE'], ['Danmark', 'DK'], ['Norge', 'NO'], ['Suomi', 'FI'],
      ['Magyarország', 'HU'], ['Česko', 'CZ'], ['Hrvatska', 'HR'], ['Ελλάδα', 'GR'], ['Россия', 'RU'], ['Україна', 'UA'], ['日本', 'JP'],
      ['The Netherlands', 'NL'], ['the Gambia', 'GM'], ['The Bahamas', 'BS'],
    ];
    for (const [cell, region] of own) expect([cell, countryOfCell(cell)]).toEqual([cell, region]);
    // Own-language names never take a name the nine languages already give to a region, nor open a shared one.
    expect(countryOfCell('Guinea')).toBe('GN');
    expect(countryOfCell('Congo')).toEqual(['CG', 'CD']);
  });

  it('reads the official and CRM spellings of a country (ISO short names, Dynamics\' "Hong Kong SAR", "Republic of Turkey")', () => {
    const official: [string, string][] = [
      ['Hong Kong SAR', 'HK'], ['Hong Kong S.A.R.', 'HK'], ['Macao SAR', 'MO'], ["Lao People's Democratic Republic", 'LA'], ['Syrian Arab Republic', 'SY'],
      ['United Kingdom of Great Britain and Northern Ireland', 'GB'], ['Türkiye Cumhuriyeti', 'TR'], ['Republic of Turkey', 'TR'], ['Kingdom of Saudi Arabia', 'SA'],
      ["People's Republic of China", 'CN'], ['Espanya', 'ES'], ['Taiwan, Province of China', 'TW'], ['Iran, Islamic Republic of', 'IR'], ['Bolivia, Plurinational State of', 'BO'],
    ];
    for (const [cell, region] of official) expect([cell, countryOfCell(cell)]).toEqual([cell, region]);
  });

  it('names nothing for empty cells, unknown codes and parts that disagree', () => {
    for (const cell of ['', '  ', 'XX', 'ZZZ', '999', 'Atlantis', 'DE / FR', 'Germny']) expect(countryOfCell(cell)).toBeUndefined();
  });

  it('has an ISO3 code for every region libphonenumber knows but AC and TA, and no name two regions share', () => {
    const iso2 = new Set(ISO3.split(' ').map((e) => e.slice(0, 2)));
    expect(getCountries().filter((r) => !iso2.has(r))).toEqual(['AC', 'TA']);
    expect(new Set(ISO3.split(' ').map((e) => e.slice(2))).size).toBe(ISO3.split(' ').length);
    // Every region has at least its English and German names.
    const regions = new Set([...nameMap().values()].flat());
    expect(getCountries().filter((r) => !regions.has(r)).length).toBeLessThan(5);
  });
});

describe('classifyRow with a country column', () => {
  const header = ['Name', 'Telefon', 'Land'];
  const plan = planRows('list.csv', header, {}, { column: '--column', countryColumn: '--country-column', kind: 'flag' as const });

  it('reads national numbers in the country the cell names, however it names it', () => {
    expect(plan.countryName).toBe('Land');
    for (const land of ['Deutschland', '49', '+49', 'DEU', 'Germany']) {
      expect(classifyRow(['A', '0170 1234567', land], plan)).toMatchObject({ valid: true, e164: '+491701234567', region: 'DE' });
    }
    expect(classifyRow(['B', '078 859 60 16', 'Schweiz'], plan)).toMatchObject({ valid: true, e164: '+41788596016' });
    // A Dutch mobile with a Dutch country cell is Dutch, not a German landline read in the default region.
    const de = planRows('list.csv', header, { defaultCountry: 'DE' }, { column: '--column', countryColumn: '--country-column', kind: 'flag' as const });
    expect(classifyRow(['N', '06 12345678', 'Nederland'], de)).toMatchObject({ valid: true, e164: '+31612345678', region: 'NL', type: 'MOBILE' });
    expect(classifyRow(['P', '512 345 678', 'Polska'], de)).toMatchObject({ valid: true, e164: '+48512345678', region: 'PL' });
  });

  it('reads a shared calling code in its numbering plan: the region comes from the digits', () => {
    expect(classifyRow(['C', '(416) 555-0123', '1'], plan)).toMatchObject({ valid: true, e164: '+14165550123', region: 'CA' });
    expect(classifyRow(['D', '07911 123456', '+44'], plan)).toMatchObject({ valid: true, e164: '+447911123456' });
    expect(classifyRow(['E', '876 210 1234', '1-876'], plan)).toMatchObject({ valid: true, e164: '+18762101234', region: 'JM' });
  });

  it('says when a country cell named nothing and the number needed it', () => {
    expect(classifyRow(['E', '0170 1234567', 'Germny'], plan)).toMatchObject({ valid: false, reason: 'missing-country-code', detail: 'country cell not recognised' });
    expect(classifyRow(['F', '0170 1234567', ''], plan)).toMatchObject({ valid: false, reason: 'missing-country-code', detail: '' });
  });
});

describe('cells that fit several countries: the number decides, never a guess', () => {
  const plan = planRows('list.csv', ['Telefon', 'Land'], {}, { column: '--column', countryColumn: '--country-column', kind: 'flag' as const });

  it('reads three bare digits as an ISO 3166 numeric code too; "+" or "00" makes it a calling code', () => {
    expect(countryOfCell('276')).toBe('DE'); // no calling code 276
    expect(countryOfCell('040')).toBe('AT');
    expect(countryOfCell('756')).toBe('CH');
    expect(countryOfCell('004')).toBe('AF');
    expect(countryOfCell('250')).toEqual(['FR', 'RW']); // France's ISO code, Rwanda's calling code
    expect(countryOfCell('262')).toEqual(['DJ', '+262']); // Djibouti's ISO code, Réunion and Mayotte's calling code
    expect(countryOfCell('+250')).toBe('RW');
    expect(countryOfCell('00250')).toBe('RW');
    expect(countryOfCell('49')).toBe('DE'); // two digits: a calling code
    // A code column saved as floats.
    expect(countryOfCell('49.0')).toBe('DE');
    expect(countryOfCell('276.0')).toBe('DE');
    expect(countryOfCell('250.0')).toEqual(['FR', 'RW']);
  });

  it('every ISO numeric code of a region with a numbering plan reads as that region when no calling code shares it', () => {
    const wrong = ISO_NUMERIC.split(' ')
      .filter((e) => getCountries().includes(e.slice(0, 2) as never))
      .filter((e) => {
        const got = countryOfCell(e.slice(2));
        return typeof got === 'string' ? got !== e.slice(0, 2) : !got?.includes(e.slice(0, 2));
      });
    expect(wrong).toEqual([]);
  });

  it('keeps names several countries share open ("Congo", "Korea") and reads the exact names', () => {
    expect(countryOfCell('Congo')).toEqual(['CG', 'CD']);
    expect(countryOfCell('Kongo')).toEqual(['CG', 'CD']);
    expect(countryOfCell('Korea')).toEqual(['KR', 'KP']);
    expect(countryOfCell('Virgin Islands')).toEqual(['VG', 'VI']);
    expect(countryOfCell('St. Martin')).toEqual(['MF', 'SX']);
    expect(countryOfCell('Sint Maarten')).toBe('SX');
    expect(countryOfCell('Saint-Martin (partie française)')).toBe('MF');
    for (const [cell, region] of [
      ['Congo (DRC)', 'CD'], ['Democratic Republic of the Congo', 'CD'], ['Congo, The Democratic Republic of the', 'CD'], ['Congo - Kinshasa', 'CD'], ['Congo, Dem. Rep.', 'CD'],
      ['Republic of the Congo', 'CG'], ['Congo-Brazzaville', 'CG'], ['Congo, Rep.', 'CG'],
      ['South Korea', 'KR'], ['Korea, Republic of', 'KR'], ['Korea (South)', 'KR'], ['Südkorea', 'KR'], ["Korea, Democratic People's Republic of", 'KP'], ['North Korea', 'KP'],
      ['Guinea', 'GN'], ['Guinea-Bissau', 'GW'], ['Equatorial Guinea', 'GQ'], ['Äquatorialguinea', 'GQ'], ['Papua New Guinea', 'PG'],
      ['Virgin Islands (British)', 'VG'], ['Virgin Islands, U.S.', 'VI'], ['+1 / Canada', 'CA'],
    ]) expect(countryOfCell(cell), cell).toBe(region);
  });

  it('takes the one country under which the number is valid', () => {
    expect(classifyRow(['030 1234567', '276'], plan)).toMatchObject({ valid: true, e164: '+49301234567', region: 'DE' });
    expect(classifyRow(['06 12 34 56 78', '250'], plan)).toMatchObject({ valid: true, e164: '+33612345678', region: 'FR' });
    expect(classifyRow(['+250 788 123 456', '250'], plan)).toMatchObject({ valid: true, e164: '+250788123456', region: 'RW' });
    expect(classifyRow(['06 612 3456', 'Congo'], plan)).toMatchObject({ valid: true, e164: '+242066123456', region: 'CG' });
    expect(classifyRow(['0991234567', 'Congo'], plan)).toMatchObject({ valid: true, e164: '+243991234567', region: 'CD' });
    expect(classifyRow(['010-1234-5678', 'Korea'], plan)).toMatchObject({ valid: true, e164: '+821012345678', region: 'KR' });
  });

  it('marks a number valid under both readings ambiguous, with both candidates, and one valid under neither invalid', () => {
    expect(classifyRow(['0788 123 456', '250'], plan)).toEqual({ e164: '', valid: false, reason: 'ambiguous-country-code', region: '', type: '', detail: '+33788123456 or +250788123456' });
    const none = classifyRow(['12345', '250'], plan);
    expect(none).toMatchObject({ valid: false, reason: 'too-short', detail: 'country cell fits FR or RW' });
    expect(countryOutcome(['12345', '250'], plan, none)).toBe('ambiguous');
    expect(countryOutcome(['06 12 34 56 78', '250'], plan, classifyRow(['06 12 34 56 78', '250'], plan))).toBe('ok');
    expect(countryOutcome(['1', 'Atlantis'], plan, classifyRow(['1', 'Atlantis'], plan))).toBe('unknown');
    // A cell invalid whatever the country (empty, "+999 ...") says nothing about the country cell.
    for (const phone of ['', '+999 1234567', 'call me']) {
      const c = classifyRow([phone, '250'], plan);
      expect(c.detail, phone).toBe('');
      expect(countryOutcome([phone, '250'], plan, c), phone).toBe('ok');
    }
  });

  it('never falls back to the default region for a cell that fits several countries (it rules the default out)', () => {
    const withDefault = planRows('list.csv', ['Telefon', 'Land'], { defaultCountry: 'DE' }, { column: '--column', countryColumn: '--country-column', kind: 'flag' as const });
    expect(classifyRow(['0170 1234567', 'Congo'], withDefault)).toMatchObject({ valid: false });
    expect(classifyRow(['0170 1234567', ''], withDefault)).toMatchObject({ valid: true, e164: '+491701234567' });
  });
});

describe('which header is the country column', () => {
  const names = { column: '--column', countryColumn: '--country-column', kind: 'flag' as const };
  const pick = (header: string[]) => planRows('list.csv', header, {}, names);

  it('never takes a "region" column (states and provinces in CRM exports) and says how to use it', () => {
    const plan = pick(['phone', 'region']);
    expect(plan.countryName).toBeNull();
    expect(plan.countryNote).toBe('column "region" not read as countries (such columns often hold states or provinces); if it holds countries, pass --country-column region');
    for (const h of [['Telefon', 'Bundesland'], ['电话', '地区'], ['phone', 'State']]) expect(pick(h).countryName).toBeNull();
    // Named, it is read: the user said it holds countries.
    expect(planRows('list.csv', ['phone', 'region'], { countryColumn: 'region' }, names).countryName).toBe('region');
    // A US list of states is then not read as countries: "IN" (Indiana) stays a US number with --country US.
    const us = planRows('list.csv', ['phone', 'region'], { defaultCountry: 'US' }, names);
    expect(classifyRow(['(317) 555-0123', 'IN'], us)).toMatchObject({ valid: true, e164: '+13175550123', region: 'US' });
  });

  it('takes a header that names a country, exactly or as a word in it, and prefers the exact one', () => {
    expect(pick(['phone', 'region', 'Country']).countryName).toBe('Country');
    expect(pick(['phone', 'Country/Region']).countryName).toBe('Country/Region');
    expect(pick(['Mobile Phone', 'Mailing Street', 'Mailing Country']).countryName).toBe('Mailing Country');
    expect(pick(['Telefone', 'País/Região']).countryName).toBe('País/Região');
    // HubSpot's "Country/Region" in the nine languages' exports.
    for (const h of ['Land/Region', 'Pays/Région', 'País/Región', 'Paese/Area geografica', 'Negara/Wilayah', 'Ülke/Bölge', '国家/地区']) expect(pick(['phone', h]).countryName, h).toBe(h);
    expect(pick(['phone', 'Mailing Country', 'Country']).countryName).toBe('Country');
    expect(pick(['phone', 'Mailing Country', 'Billing Country']).countryNote).toBe('several country-like columns ("Mailing Country", "Billing Country"): none used; choose one with --country-column \'Mailing Country\' or --country-column \'Billing Country\'');
    expect(pick(['Land Line', 'Handy', 'Lieferland']).countryName).toBeNull();
  });
});
