// validate-numbers' added columns never repeat a column of the list (a CRM export with its own "region" or "status").
import { describe, expect, it } from 'vitest';
import { addedColumnNames } from '../../src/core/numbers/added-columns.js';

describe('addedColumnNames', () => {
  it('keeps the plain names when the list uses none of them', () => {
    expect(addedColumnNames(['name', 'phone', 'Land'])).toEqual(['e164', 'status', 'reason', 'region', 'type', 'detail']);
  });

  it('prefixes wa_ to every added column whose name the list already uses, without case or spaces', () => {
    expect(addedColumnNames(['name', 'phone', 'country', 'region', ' Status ', 'TYPE'])).toEqual(['e164', 'wa_status', 'reason', 'wa_region', 'wa_type', 'detail']);
  });

  it('counts on when the prefixed name is taken too, so every header is unique', () => {
    const header = ['phone', 'region', 'wa_region', 'e164'];
    const added = addedColumnNames(header);
    expect(added).toEqual(['wa_e164', 'status', 'reason', 'wa_region_2', 'type', 'detail']);
    const all = [...header, ...added].map((h) => h.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });
});
