/** Per-message prices by recipient market and template category: data with its date, overridable in the config file. */
import { InputError } from '../errors.js';
import { isObject } from '../is-object.js';
import { OTHER_MARKET, RATE_CARD, RATE_CARD_CURRENCY, RATE_CARD_DATE, RATE_CARD_SOURCE, type RateTriple } from './rate-card.js';

/** Meta's pricing categories (lower case, as the pricing object of a status carries them). */
export type Category = 'marketing' | 'utility' | 'authentication';
/** A price per message for each category. */
export type Rates = Record<Category, number>;

/** Prices per market, with the currency and the date they are valid from. */
export interface PriceTable {
  currency: string;
  /** When these rates took effect (Meta revises them quarterly). */
  date: string;
  source: string;
  /** Rates by ISO 3166-1 alpha-2 region. */
  rates: Record<string, Rates>;
  /** Used for regions that are not a known country code (or absent): an upper bound, so the estimate errs high. */
  unlisted: Rates;
  /** Meta's "Other" market: any real country the card does not name. */
  other?: Rates;
  /** Meta's market name by region ("Rest of Western Europe" for AT), for display. */
  markets?: Record<string, string>;
}

const CATEGORIES: Category[] = ['marketing', 'utility', 'authentication'];

/** Is this (lower-case) a pricing category? */
function isCategory(k: string): k is Category {
  return CATEGORIES.some((c) => c === k);
}
const triple = ([marketing, utility, authentication]: RateTriple): Rates => ({ marketing, utility, authentication });

function fromCard(): PriceTable {
  const rates: Record<string, Rates> = {};
  const markets: Record<string, string> = {};
  for (const m of RATE_CARD) {
    for (const c of m.countries) {
      rates[c] = triple(m.rates);
      markets[c] = m.market;
    }
  }
  const all = [...RATE_CARD.map((m) => m.rates), OTHER_MARKET.rates];
  const ceiling = { marketing: Math.max(...all.map((r) => r[0])), utility: Math.max(...all.map((r) => r[1])), authentication: Math.max(...all.map((r) => r[2])) };
  return { currency: RATE_CARD_CURRENCY, date: RATE_CARD_DATE, source: RATE_CARD_SOURCE, rates, unlisted: ceiling, other: triple(OTHER_MARKET.rates), markets };
}

/**
 * Meta's rate card for every market it lists (regional groups mapped to their countries; other
 * countries at the "Other" rate). Meta revises rates every quarter: put yours in wa-ops.config.json ("pricing").
 */
export const DEFAULT_PRICES: PriceTable = fromCard();

/**
 * Merge a config-file override over the defaults: {"currency", "date", "rates": {"DE": {...},
 * "Rest of Western Europe": {...}, "Other": {...}}, "unlisted"}. Keys of `rates` are ISO2 regions or
 * Meta's market names (which set every country of that market); each may give some categories only.
 */
export function mergePrices(base: PriceTable, override: unknown): PriceTable {
  if (override === undefined || override === null) return base;
  if (!isObject(override)) throw badPricing('pricing', 'an object {"currency", "date", "rates"}');
  const o = override;
  if (o.currency !== undefined && typeof o.currency !== 'string') throw badPricing('pricing.currency', 'a currency code such as "USD"');
  if (o.date !== undefined && (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date))) throw badPricing('pricing.date', 'a date YYYY-MM-DD');
  const rates = { ...base.rates };
  const markets = { ...(base.markets ?? {}) };
  let other = base.other;
  const overrides = o.rates === undefined ? {} : o.rates;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw badPricing('pricing.rates', 'an object by region or market');
  for (const [key, value] of Object.entries(overrides)) {
    const given = partialRates(`pricing.rates.${key}`, value);
    if (key.toLowerCase() === 'other') {
      other = { ...(other ?? base.unlisted), ...given };
      continue;
    }
    const members = Object.entries(markets).filter(([, m]) => m.toLowerCase() === key.toLowerCase()).map(([region]) => region);
    if (members.length > 0) {
      for (const region of members) rates[region] = { ...rates[region], ...given };
    } else if (/^[A-Za-z]{2}$/.test(key)) {
      const region = key.toUpperCase();
      rates[region] = { ...(rates[region] ?? other ?? base.unlisted), ...given };
      markets[region] = region;
    } else {
      throw badPricing(`pricing.rates.${key}`, 'keyed by an ISO2 region (DE) or a market name of the rate card (Rest of Western Europe, Other)');
    }
  }
  const changed = o.rates !== undefined || o.unlisted !== undefined;
  return {
    currency: typeof o.currency === 'string' ? o.currency : base.currency,
    date: typeof o.date === 'string' ? o.date : base.date,
    source: changed ? 'wa-ops.config.json' : base.source,
    rates,
    unlisted: { ...base.unlisted, ...(o.unlisted === undefined ? {} : partialRates('pricing.unlisted', o.unlisted)) },
    other,
    markets,
  };
}

function partialRates(where: string, value: unknown): Partial<Rates> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badPricing(where, 'an object {"marketing", "utility", "authentication"}');
  const out: Partial<Rates> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!isCategory(k)) throw badPricing(`${where}.${k}`, 'one of marketing, utility, authentication');
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badPricing(`${where}.${k}`, 'a price per message (a number, 0 or more)');
    out[k] = v;
  }
  return out;
}

function badPricing(where: string, expected: string): InputError {
  return new InputError(`config ${where} must be ${expected}`, { code: 'bad-config', hint: 'see "Cost estimate" in the README for the shape of "pricing"' });
}

/** The rate for one region: its own, else Meta's "Other" for a real country, else the ceiling (not listed). */
export function rateFor(table: PriceTable, region: string): { rates: Rates; market: string; listed: boolean } {
  const own = table.rates[region];
  if (own) return { rates: own, market: table.markets?.[region] ?? region, listed: true };
  if (table.other && /^[A-Z]{2}$/.test(region) && region !== 'ZZ') return { rates: table.other, market: 'Other', listed: true };
  return { rates: table.unlisted, market: 'unknown', listed: false };
}

/** What a set of recipients is estimated to cost, per market and in all. */
export interface CostEstimate {
  currency: string;
  date: string;
  category: Category;
  total: number;
  byRegion: { region: string; messages: number; rate: number; cost: number; listed: boolean; market?: string }[];
  unlistedMessages: number;
}

/** Cost of sending one template category to recipients counted by region. */
export function estimateCost(table: PriceTable, category: string, byRegion: Map<string, number>): CostEstimate {
  const lower = category.toLowerCase();
  const cat: Category = isCategory(lower) ? lower : 'marketing';
  const rows = [...byRegion.entries()].map(([region, messages]) => {
    const r = rateFor(table, region);
    const rate = r.rates[cat];
    return { region, messages, rate, cost: round(rate * messages), listed: r.listed, market: r.market };
  });
  rows.sort((a, b) => b.cost - a.cost);
  return {
    currency: table.currency,
    date: table.date,
    category: cat,
    total: round(rows.reduce((n, r) => n + r.cost, 0)),
    byRegion: rows,
    unlistedMessages: rows.filter((r) => !r.listed).reduce((n, r) => n + r.messages, 0),
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
