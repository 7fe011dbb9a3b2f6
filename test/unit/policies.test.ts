import { describe, expect, it } from 'vitest';
import { budgetFrom, costPlan, tierSize, windowFrom, windowPlan } from '../../src/core/campaign/policies.js';
import { DEFAULT_PRICES, estimateCost, mergePrices } from '../../src/core/campaign/pricing.js';
import { zoneFor } from '../../src/core/campaign/timezones.js';
import { isOpen, jitteredStart, localTime, nextOpen, parseWindow } from '../../src/core/campaign/window.js';

const at = (iso: string) => Date.parse(iso);

describe('send windows', () => {
  const w = parseWindow({ from: '09:00', to: '20:00', days: 'mon-sat' });

  it('parses days, ranges and lists', () => {
    expect([...w.days].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...parseWindow({ from: '08:15', to: '12:00', days: 'mon,wed,fri' }).days].sort()).toEqual([1, 3, 5]);
    expect([...parseWindow({ from: '08:15', to: '12:00', days: 'fri-mon' }).days].sort()).toEqual([0, 1, 5, 6]);
    expect(() => parseWindow({ from: '9am', to: '20:00' })).toThrow(/window.from/);
    expect(() => parseWindow({ from: '09:00', to: '20:00', days: 'someday' })).toThrow(/window.days/);
  });

  it('reads the local time in the recipient\'s zone', () => {
    // 2026-11-25 is a Wednesday; 08:30 UTC is 09:30 in Berlin and 03:30 in New York
    expect(localTime(at('2026-11-25T08:30:00Z'), 'Europe/Berlin')).toEqual({ day: 3, minute: 9 * 60 + 30 });
    expect(localTime(at('2026-11-25T08:30:00Z'), 'America/New_York')).toEqual({ day: 3, minute: 3 * 60 + 30 });
  });

  it('is open inside the window, on allowed days only, with the start moved off :00', () => {
    const seed = 2; // start 09:03
    expect(jitteredStart(w, seed)).toBe(9 * 60 + 3);
    expect(isOpen(w, at('2026-11-25T08:02:00Z'), 'Europe/Berlin', seed)).toBe(false); // 09:02 Berlin
    expect(isOpen(w, at('2026-11-25T08:04:00Z'), 'Europe/Berlin', seed)).toBe(true); // 09:04 Berlin
    expect(isOpen(w, at('2026-11-25T08:04:00Z'), 'America/New_York', seed)).toBe(false); // 03:04 New York
    expect(isOpen(w, at('2026-11-29T12:00:00Z'), 'Europe/Berlin', seed)).toBe(false); // Sunday
  });

  it('finds the next opening, across a closed Sunday', () => {
    const seed = 0; // 09:01
    const sat = at('2026-11-28T19:30:00Z'); // Saturday 20:30 Berlin: closed until Monday 09:01
    expect(new Date(nextOpen(w, sat, 'Europe/Berlin', seed)).toISOString()).toBe('2026-11-30T08:01:00.000Z');
  });

  it('handles overnight windows', () => {
    const night = parseWindow({ from: '22:10', to: '06:00', days: 'mon-sun' });
    expect(isOpen(night, at('2026-11-25T23:00:00Z'), 'UTC')).toBe(true);
    expect(isOpen(night, at('2026-11-25T05:00:00Z'), 'UTC')).toBe(true);
    expect(isOpen(night, at('2026-11-25T12:00:00Z'), 'UTC')).toBe(false);
  });

  it('says which regions span several zones and how many recipients wait', () => {
    const plan = windowPlan(w, [{ region: 'US', zone: zoneFor('US')!.zone }, { region: 'DE', zone: 'Europe/Berlin' }, { region: 'XK', zone: 'UTC' }], at('2026-11-25T08:30:00Z'), 0);
    expect(plan).toMatchObject({ openNow: 1, waiting: 2, unknownZone: 1, multiZone: [{ region: 'US', zone: 'America/New_York', recipients: 1 }] });
  });

  it('takes a --window flag over the campaign, or turns it off', () => {
    expect(windowFrom('10:00-18:00,mon-fri', w)?.from).toBe(600);
    expect(windowFrom('off', w)).toBeUndefined();
    expect(windowFrom(undefined, w)).toBe(w);
    expect(() => windowFrom('10-18', w)).toThrow(/--window/);
  });
});

describe('budget', () => {
  it('pauses at an explicit dailyLimit, or at 90 % of the account tier unless allowed the full budget', () => {
    expect(budgetFrom(100, 250, 'TIER_250', false)).toMatchObject({ limit: 100, warnAt: 80, pauseAt: 100 });
    expect(budgetFrom(undefined, 250, 'TIER_250', false)).toMatchObject({ limit: 250, warnAt: 200, pauseAt: 225 });
    expect(budgetFrom(undefined, 250, 'TIER_250', true)).toMatchObject({ pauseAt: 250 });
    expect(budgetFrom(1000, 250, 'TIER_250', false)).toMatchObject({ limit: 250, pauseAt: 225 });
    expect(budgetFrom(undefined, Infinity, 'TIER_UNLIMITED', false)).toBeUndefined();
    expect(tierSize('TIER_2K')).toBe(2000);
    expect(tierSize('TIER_UNLIMITED')).toBe(Infinity);
  });
});

describe('cost', () => {
  it('prices every market of the rate card, regional groups by country, other countries at "Other"', () => {
    const est = estimateCost(DEFAULT_PRICES, 'UTILITY', new Map([['BR', 100], ['DE', 10], ['AT', 1], ['IS', 1], ['ZZ', 2]]));
    expect(est.category).toBe('utility');
    expect(est.byRegion.find((r) => r.region === 'BR')).toMatchObject({ rate: 0.0068, cost: 0.68, listed: true, market: 'Brazil' });
    expect(est.byRegion.find((r) => r.region === 'DE')).toMatchObject({ rate: 0.055, listed: true, market: 'Germany' });
    expect(est.byRegion.find((r) => r.region === 'AT')).toMatchObject({ rate: 0.0171, market: 'Rest of Western Europe' });
    expect(est.byRegion.find((r) => r.region === 'IS')).toMatchObject({ rate: 0.0077, listed: true, market: 'Other' });
    // Not a country at all: priced at the ceiling and flagged, so the estimate errs high.
    expect(est.byRegion.find((r) => r.region === 'ZZ')).toMatchObject({ rate: 0.055, listed: false });
    expect(est.unlistedMessages).toBe(2);
    expect(DEFAULT_PRICES.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const region of ['US', 'CA', 'IN', 'GB', 'FR', 'IT', 'ES', 'MX', 'ID', 'TR', 'JP', 'PL', 'KE', 'QA', 'PT']) expect(DEFAULT_PRICES.rates[region], region).toBeDefined();
  });

  it('takes overrides from the config by region or market name, and refuses a malformed one', () => {
    const custom = mergePrices(DEFAULT_PRICES, { currency: 'EUR', date: '2026-10-01', rates: { DE: { marketing: 0.1, utility: 0.02, authentication: 0.02 }, 'Rest of Western Europe': { marketing: 0.05 } } });
    expect(costPlan(custom, 'MARKETING', [{ region: 'DE' }, { region: 'DE' }])).toMatchObject({ currency: 'EUR', date: '2026-10-01', total: 0.2, unlistedMessages: 0 });
    expect(custom.rates.AT).toEqual({ marketing: 0.05, utility: 0.0171, authentication: 0.0171 });
    expect(() => mergePrices(DEFAULT_PRICES, { rates: { DE: { marketing: 'cheap' } } })).toThrow(/pricing\.rates\.DE\.marketing/);
    expect(() => mergePrices(DEFAULT_PRICES, { rates: { Atlantis: { marketing: 1 } } })).toThrow(/market name/);
  });
});
