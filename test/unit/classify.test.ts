import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/numbers/classify.js';
import { unwrapCell } from '../../src/core/numbers/unwrap-cell.js';

describe('classify', () => {
  it.each([
    ['+49 170 1234567', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['0170 1234567', 'DE', '+491701234567', 'DE', 'MOBILE'],
    ['0049 170 1234567', 'DE', '+491701234567', 'DE', 'MOBILE'],
    ['+49 (0) 170 1234567', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['+886 912 345 678', undefined, '+886912345678', 'TW', 'MOBILE'],
    ['0912345678', 'TW', '+886912345678', 'TW', 'MOBILE'],
    ['(212) 555-0123', 'US', '+12125550123', 'US', 'FIXED_LINE_OR_MOBILE'],
    ['＋４９ １７０ １２３４５６７', undefined, '+491701234567', 'DE', 'MOBILE'],
    ["'+49 178 8901234", undefined, '+491788901234', 'DE', 'MOBILE'],
    ['="+49 178 8901234"', undefined, '+491788901234', 'DE', 'MOBILE'],
    ['tel:+5511987654321', undefined, '+5511987654321', 'BR', 'MOBILE'],
    ['030 1234567', 'DE', '+49301234567', 'DE', 'FIXED_LINE'],
    ['\u200f+49 170 1234567', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['\u2068+49 170 1234567\u2069', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['+49 170 123\u00ad4567', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['+49\t170\t1234567', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['+٤٩ ١٧٠ ١٢٣٤٥٦٧', undefined, '+491701234567', 'DE', 'MOBILE'],
    ['۰۹۱۲ ۳۴۵ ۶۷۸۹', 'IR', '+989123456789', 'IR', 'MOBILE'],
  ])('%s (%s) is valid %s', (cell, region, e164, expectedRegion, type) => {
    const c = classify(cell, region);
    expect(c).toMatchObject({ valid: true, reason: '', e164, region: expectedRegion, type });
  });

  it.each([
    ['', undefined, 'empty'],
    ['   ', 'DE', 'empty'],
    ['4.91701E+12', 'DE', 'excel-mangled'],
    ['4,91701E+12', 'DE', 'excel-mangled'],
    ['########', 'DE', 'excel-mangled'],
    ['call me maybe', 'DE', 'invalid-characters'],
    ['+49 170 1234567 ask for Ann', 'DE', 'invalid-characters'],
    ['0170 1234567', undefined, 'missing-country-code'],
    ['+999 1234 5678', undefined, 'invalid-country-code'],
    ['+4917', undefined, 'too-short'],
    ['12', 'DE', 'too-short'],
    ['+49 176 12345678901234', undefined, 'too-long'],
  ])('%s (%s) is invalid: %s', (cell, region, reason) => {
    const c = classify(cell, region);
    expect(c.valid).toBe(false);
    expect(c.reason).toBe(reason);
    expect(c.e164).toBe('');
  });

  it('marks landlines not-mobile only with mobileOnly, and keeps +1 FIXED_LINE_OR_MOBILE', () => {
    expect(classify('030 1234567', 'DE', true)).toMatchObject({ valid: false, reason: 'not-mobile', type: 'FIXED_LINE' });
    expect(classify('030 1234567', 'DE', false).valid).toBe(true);
    expect(classify('+1 212 555 0123', undefined, true)).toMatchObject({ valid: true, type: 'FIXED_LINE_OR_MOBILE' });
  });

  it('unwraps spreadsheet text wrappers', () => {
    expect(unwrapCell(' ="0170 123" ')).toBe('0170 123');
    expect(unwrapCell("'+49 1")).toBe('+49 1');
    expect(unwrapCell('\u00a0+49\u00a0170')).toBe('+49 170');
  });
});

describe('the missing "+": both readings', () => {
  it.each([
    ['491701234567', 'DE', '+491701234567', 'assumed-international'],
    ['41788596016', 'DE', '+41788596016', 'assumed-international'],
    ['886912345678', 'DE', '+886912345678', 'assumed-international'],
    ['886912345678', 'TW', '+886912345678', ''],
    ['491701234567', undefined, '+491701234567', 'assumed-international'],
    ['12125550123', 'US', '+12125550123', ''],
    ['479-912-3456', 'US', '+14799123456', ''],
    ['(501) 612-3456', 'US', '+15016123456', ''],
    ['0049 170 1234567', 'US', '+491701234567', ''],
  ])('%s (%s) is %s %s', (cell, region, e164, detail) => {
    expect(classify(cell, region)).toMatchObject({ valid: true, e164, detail });
  });

  // Excel drops the leading 0 of "0170 12345678": in a German row the digits are that number, not +1 701 ...
  it.each([
    ['17012345678', 'DE', '+4917012345678'],
    ['15123456789', 'DE', '+4915123456789'],
  ])('%s (%s) is %s with its leading 0 restored', (cell, region, e164) => {
    expect(classify(cell, region)).toMatchObject({ valid: true, e164, detail: 'leading-zero-restored' });
  });

  it('restores no 0 without a region, against the writer\'s grouping, or where the plan has no trunk 0', () => {
    expect(classify('15123456789', undefined)).toMatchObject({ valid: true, e164: '+15123456789', detail: 'assumed-international' });
    expect(classify('1 512 345 6789', 'DE')).toMatchObject({ valid: true, e164: '+15123456789', detail: 'assumed-international' });
    expect(classify('0151 23456789', 'DE')).toMatchObject({ valid: true, e164: '+4915123456789', detail: '' });
    // A "+" lost from a number of the row's own plan is no lost 0.
    expect(classify('491701234567', 'DE')).toMatchObject({ e164: '+491701234567', detail: 'assumed-international' });
  });

  it.each([
    ['5016123456', 'US', '+5016123456 or +15016123456'],
    // Italy writes no brackets: "(376)" may be Andorra's calling code or an Italian prefix.
    ['(376) 312 345', 'IT', '+376312345 or +39376312345'],
  ])('%s (%s) is ambiguous: %s', (cell, region, detail) => {
    expect(classify(cell, region)).toMatchObject({ valid: false, reason: 'ambiguous-country-code', e164: '', detail });
  });
});

describe('forms CRMs and spreadsheets produce', () => {
  it.each([
    ['(+49) 170 1234567', undefined, '+491701234567', ''],
    ['49 (0) 170 1234567', 'FR', '+491701234567', 'assumed-international'],
    ['491701234567.0', 'DE', '+491701234567', 'assumed-international'],
    ['491701234567,00', undefined, '+491701234567', 'assumed-international'],
    ['+491701234567.0', undefined, '+491701234567', ''],
    ['508 055 12 34', undefined, '+508551234', 'assumed-international'],
  ])('%s (%s) is %s %s', (cell, region, e164, detail) => {
    expect(classify(cell, region)).toMatchObject({ valid: true, e164, detail });
  });

  it('keeps a float-looking cell that is not a whole number, and Excel exponents that lost digits, out', () => {
    expect(classify('4.91701E+11', 'DE').reason).toBe('excel-mangled');
    // As many digits after the point as the exponent: every digit is there, nothing to re-export.
    expect(classify('4,91701234567E+11', 'DE')).toMatchObject({ valid: true, e164: '+491701234567' });
    expect(classify('4.915123456789E+12', undefined)).toMatchObject({ valid: true, e164: '+4915123456789', detail: 'assumed-international' });
    // One digit short (a trailing 0, or a rounded last digit?) or one too many (a fraction): digits are lost.
    expect(classify('4.9151234567E+11', 'DE').reason).toBe('excel-mangled');
    expect(classify('4.915123456789E+11', 'DE').reason).toBe('excel-mangled');
    expect(classify('49.1512345678E+10', 'DE').reason).toBe('excel-mangled');
    expect(classify('491701234567.5', 'DE').e164).not.toBe('+491701234567');
  });

  it('reads "(501) 612-3456" as a US area code where the US writes area codes in brackets', () => {
    expect(classify('(501) 612-3456', 'US')).toMatchObject({ valid: true, e164: '+15016123456' });
  });

  it('reads a number in a calling code several regions share ("+1" from a country cell)', () => {
    expect(classify('(416) 555-0123', '+1')).toMatchObject({ valid: true, e164: '+14165550123', region: 'CA' });
    expect(classify('07400 123456', '+44')).toMatchObject({ valid: true, e164: '+447400123456', region: 'GB' });
    expect(classify('12', '+44').reason).toBe('too-short');
  });

  it('reads Mexico\'s and Brazil\'s mobiles in their pre-renumbering spelling (WhatsApp wa_ids) as today\'s number', () => {
    for (const cell of ['+52 1 55 1234 5678', '5215512345678', '+5215512345678']) {
      expect([cell, classify(cell, undefined)]).toMatchObject([cell, { valid: true, e164: '+525512345678', region: 'MX' }]);
    }
    for (const cell of ['044 55 1234 5678', '045 55 1234 5678', '01 55 1234 5678']) {
      expect([cell, classify(cell, 'MX')]).toMatchObject([cell, { valid: true, e164: '+525512345678', region: 'MX' }]);
    }
    for (const [cell, home] of [['+55 11 8765-4321', undefined], ['551187654321', undefined], ['(11) 8765-4321', 'BR'], ['011 8765 4321', 'BR']] as const) {
      expect([cell, classify(cell, home)]).toMatchObject([cell, { valid: true, e164: '+5511987654321', region: 'BR', type: 'MOBILE' }]);
    }
    // A Brazilian landline (2-5) stays as written; so does an invalid Mexican number that only looks old.
    expect(classify('(11) 3456-7890', 'BR')).toMatchObject({ valid: true, e164: '+551134567890', type: 'FIXED_LINE' });
    expect(classify('+52 1 00 1234 5678', undefined).valid).toBe(false);
  });

  it('says when a cell holds two numbers, in a detail free of CSV delimiters', () => {
    for (const cell of ['0170 1234567 / 030 1234567', '0170 1234567 oder 030 1234567', '0170 1234567, 030 1234567', '+49 170 1234567 (privat); +49 30 1234567 (Büro)', '+49 170 1234567 +49 30 1234567']) {
      const c = classify(cell, 'DE');
      expect([cell, c.valid, c.detail]).toEqual([cell, false, '2 numbers in one cell: +491701234567 and +49301234567 (keep one per row)']);
      expect(c.detail).not.toMatch(/[,;\t|]/);
    }
    // One number with slashes in it, or a second part that is no number, keeps its plain reason.
    expect(classify('0177/1234567', 'DE')).toMatchObject({ valid: true, e164: '+491771234567' });
    expect(classify('0170 1234567 oder so', 'DE')).toMatchObject({ valid: false, reason: 'invalid-characters', detail: 'number in the cell: +491701234567 (remove the text around it)' });
  });

  it('says which number a cell with words around it holds, and keeps it invalid (the words may say "old")', () => {
    for (const [cell, region, e164] of [
      ['+91 98765 43210 (WhatsApp)', 'IN', '+919876543210'],
      ['Tel.: 0151 23456789', 'DE', '+4915123456789'],
      ['Mobil: +49 170 1234567', undefined, '+491701234567'],
      ['0170 1234567 nicht mehr aktuell', 'DE', '+491701234567'],
      ['tel. 030-1234567 (Büro)', 'DE', '+49301234567'],
      ['WA 0812-3456-7890', 'ID', '+6281234567890'],
    ] as const) {
      const c = classify(cell, region);
      expect([cell, c.valid, c.reason, c.detail]).toEqual([cell, false, 'invalid-characters', `number in the cell: ${e164} (remove the text around it)`]);
      expect(c.detail).not.toMatch(/[,;\t|]/);
    }
    // Words and no number, or a number that is not valid without them: nothing to say.
    expect(classify('keine', 'DE').detail).toBe('');
    expect(classify('abc 123', 'DE').detail).toBe('');
    expect(classify('+4917O1234567', 'DE').detail).toBe('');
  });
});

describe('Brazilian national formats', () => {
  it.each([
    ['0xx11 98765-4321', '+5511987654321'],
    ['(0xx11) 98765-4321', '+5511987654321'],
    ['0 xx 11 98765 4321', '+5511987654321'],
    ['0XX-11-98765-4321', '+5511987654321'],
    ['(0XX11) 3456-7890', '+551134567890'],
    ['0 21 11 98765 4321', '+5511987654321'],
    ['021 11 98765-4321', '+5511987654321'],
    ['01511987654321', '+5511987654321'],
    ['(11) 9.8765-4321', '+5511987654321'],
    ['011 98765-4321', '+5511987654321'],
  ])('%s (BR) is %s', (cell, e164) => {
    expect(classify(cell, 'BR')).toMatchObject({ valid: true, e164 });
  });

  it('reads the carrier placeholder only where Brazil may be meant: without a country it lacks the country code', () => {
    expect(classify('0xx11 98765-4321', undefined).reason).toBe('missing-country-code');
    expect(classify('0xx11 98765-4321', 'DE').reason).toBe('invalid-characters');
  });
});

describe('extensions in the words of the lists', () => {
  it.each([
    ['030 1234567 Durchwahl 12', 'DE', '+49301234567'],
    ['030 1234567, DW: 12', 'DE', '+49301234567'],
    ['11 3456 7890 ramal 23', 'BR', '+551134567890'],
    ['06 1234 5678 interno 4', 'IT', '+390612345678'],
    ['+1 212 555 0123 x123', undefined, '+12125550123'],
  ])('%s (%s) is %s', (cell, region, e164) => {
    expect(classify(cell, region)).toMatchObject({ valid: true, e164 });
  });
});
