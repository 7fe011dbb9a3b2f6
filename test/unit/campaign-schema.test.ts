import { describe, expect, it } from 'vitest';
import { closest, parseCampaign } from '../../src/core/campaign/schema.js';

const base = { name: 'x', recipients: 'list.csv', template: { name: 't', language: 'de' } };

describe('campaign schema', () => {
  it('takes countryColumn and defaultCountry', () => {
    expect(parseCampaign({ ...base, countryColumn: 'Land', defaultCountry: 'de' })).toMatchObject({ countryColumn: 'Land', defaultCountry: 'DE' });
  });
  it('refuses a defaultCountry that is no region, as validate-numbers --country does (it would skip every row without a country)', () => {
    expect(() => parseCampaign({ ...base, defaultCountry: 'UK' })).toThrow(/"defaultCountry" must be a two-letter region such as DE, got "UK" \(its ISO 3166 code is GB\)/);
    expect(() => parseCampaign({ ...base, defaultCountry: 'XX' })).toThrow(/got "XX"/);
    expect(() => parseCampaign({ ...base, defaultCountry: 'Deutschland' })).toThrow(/two-letter region/);
    expect(parseCampaign({ ...base, defaultCountry: 'gb' })).toMatchObject({ defaultCountry: 'GB' });
    expect(parseCampaign({ ...base, defaultCountry: 'XK' })).toMatchObject({ defaultCountry: 'XK' });
  });
  it('refuses unknown keys with the nearest known one', () => {
    expect(() => parseCampaign({ ...base, phonecolumn: 'x' })).toThrow(/unknown key "phonecolumn": did you mean "phoneColumn"\?/);
    expect(() => parseCampaign({ ...base, template: { name: 't', languge: 'de' } })).toThrow(/did you mean "template.language"/);
    expect(() => parseCampaign({ ...base, zzz: 1 })).toThrow(/unknown key "zzz" \(known keys: name, recipients/);
  });
  it('refuses Graph URLs: they come from flags, environment or config', () => {
    expect(() => parseCampaign({ ...base, graphUrls: ['https://graph.facebook.com'] })).toThrow(/--graph-url, WA_OPS_GRAPH_URL or the config file/);
  });
  it('suggests only close names', () => {
    expect(closest('dailylimit', ['dailyLimit', 'window'])).toBe('dailyLimit');
    expect(closest('colour', ['dailyLimit', 'window'])).toBeUndefined();
  });
});
