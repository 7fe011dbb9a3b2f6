// A pilot or --valid-out file read again: validate-numbers' own "region" column is no unread country column.
import { describe, expect, it } from 'vitest';
import { planRows } from '../../src/core/numbers/row-plan.js';

const names = { column: '--column', countryColumn: '--country-column', kind: 'flag' as const };

describe('the "region" column note', () => {
  it('is not given for the region column validate-numbers added', () => {
    const plan = planRows('pilot.csv', ['Name', 'Handy', 'e164', 'status', 'reason', 'region', 'type', 'detail'], { defaultCountry: 'DE' }, names);
    expect(plan.countryNote).toBeUndefined();
  });
  it('is still given for a list\'s own region column, also beside the added ones', () => {
    expect(planRows('l.csv', ['Name', 'Handy', 'region'], {}, names).countryNote).toContain('column "region" not read as countries');
    const again = planRows('l.csv', ['Name', 'Handy', 'region', 'e164', 'status', 'reason', 'wa_region', 'type', 'detail'], {}, names);
    expect(again.countryNote).toContain('column "region" not read as countries');
  });
});
