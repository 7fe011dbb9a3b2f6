// Lists that split the number into an area code column and the rest ("Vorwahl" + "Rufnummer", "area code" + "phone", "DDD" + "celular").
import { describe, expect, it } from 'vitest';
import { classifyRow, planRows } from '../../src/core/numbers/row-plan.js';

const names = { column: '--column', countryColumn: '--country-column', kind: 'flag' as const };

describe('an area code column right before the phone column', () => {
  it('is joined with it, in each language, and said in the plan', () => {
    for (const [header, region, cells, e164] of [
      [['Name', 'Vorwahl', 'Rufnummer', 'Land'], undefined, ['A', '0170', '1234567', 'DE'], '+491701234567'],
      [['name', 'Area Code', 'Phone'], 'US', ['A', '212', '555-0123'], '+12125550123'],
      [['nome', 'DDD', 'celular'], 'BR', ['A', '11', '98765-4321'], '+5511987654321'],
      [['nombre', 'LADA', 'teléfono'], 'MX', ['A', '55', '1234 5678'], '+525512345678'],
    ] as const) {
      const plan = planRows('l.csv', [...header], { defaultCountry: region }, names);
      expect(plan.areaCodeName).toBe(header[1]);
      expect(plan.areaCodeNote).toBeUndefined();
      expect(classifyRow([...cells], plan)).toMatchObject({ valid: true, e164 });
    }
  });

  it('is left out where the phone cell is whole already or the area code cell is blank; a blank phone cell stays empty', () => {
    const plan = planRows('l.csv', ['Vorwahl', 'Rufnummer'], { defaultCountry: 'DE' }, names);
    expect(classifyRow(['030', '030 1234567'], plan)).toMatchObject({ valid: true, e164: '+49301234567' });
    expect(classifyRow(['030', '+49 30 1234567'], plan)).toMatchObject({ valid: true, e164: '+49301234567' });
    expect(classifyRow(['', '0170 1234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['0170', ''], plan)).toMatchObject({ valid: false, reason: 'empty' });
    const us = planRows('l.csv', ['area code', 'phone'], { defaultCountry: 'US' }, names);
    expect(classifyRow(['212', '(212) 555-0123'], us)).toMatchObject({ valid: true, e164: '+12125550123' });
  });

  it('elsewhere in the header is not joined: a note says what to do', () => {
    const plan = planRows('l.csv', ['Vorwahl', 'Email', 'Rufnummer'], { defaultCountry: 'DE' }, names);
    expect(plan.areaCodeIndex).toBe(-1);
    expect(plan.areaCodeNote).toMatch(/^"Vorwahl" looks like an area code column, not joined with the phone column "Rufnummer".*put the whole number in one column/);
    expect(classifyRow(['030', 'x', '1234567'], plan).valid).toBe(false);
  });
});

describe('an area code column that holds the calling code', () => {
  it('goes in front of a national number with its 0 too ("+49" + "0170 1234567"), never in front of a "+" number', () => {
    const plan = planRows('l.csv', ['Vorwahl', 'Rufnummer'], {}, names);
    expect(classifyRow(['+49', '0170 1234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['0049', '0170 1234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['+49', '+43 664 1234567'], plan)).toMatchObject({ valid: true, e164: '+436641234567' });
  });
});

describe('a calling code column beside a phone cell that holds the calling code already', () => {
  const plan = planRows('l.csv', ['Name', 'Vorwahl', 'Rufnummer'], {}, names);
  it('reads "+49" + "491701234567" as the German mobile, not +49 prepended again (a valid German landline +49491701234567)', () => {
    expect(classifyRow(['A', '+49', '491701234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567', type: 'MOBILE' });
    expect(classifyRow(['A', '0049', '49 170 1234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['A', '+33', '33612345678'], plan)).toMatchObject({ valid: true, e164: '+33612345678' });
  });
  it('still joins a national number, and reads a cell with the calling code that only makes a number so', () => {
    expect(classifyRow(['A', '+49', '0170 1234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['A', '+49', '1701234567'], plan)).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classifyRow(['A', '+49', '4989123456'], plan)).toMatchObject({ valid: true, e164: '+4989123456' });
  });
});
