/** Per-message prices by recipient market and template category: data with its date, overridable in the config file. */

export type Category = 'marketing' | 'utility' | 'authentication';
export type Rates = Record<Category, number>;

export interface PriceTable {
  currency: string;
  /** When these rates took effect (Meta revises them quarterly). */
  date: string;
  source: string;
  rates: Record<string, Rates>;
  /** Used for markets the table does not list: an upper bound, so the estimate errs high. */
  unlisted: Rates;
}

/**
 * A few markets from third-party copies of Meta's rate card (per-message pricing since 2025-07-01).
 * Meta revises rates every quarter: put your own rate card in wa-ops.config.json ("pricing").
 */
export const DEFAULT_PRICES: PriceTable = {
  currency: 'USD',
  date: '2026-01-01',
  source: 'third-party copies of Meta\'s rate card (approximate; override with "pricing" in wa-ops.config.json)',
  rates: {
    AR: { marketing: 0.0773, utility: 0.0325, authentication: 0.0325 },
    AT: { marketing: 0.0592, utility: 0.0171, authentication: 0.0171 },
    AU: { marketing: 0.0732, utility: 0.0113, authentication: 0.0113 },
    BR: { marketing: 0.0782, utility: 0.0085, authentication: 0.0085 },
    CL: { marketing: 0.1112, utility: 0.025, authentication: 0.025 },
  },
  unlisted: { marketing: 0.1597, utility: 0.055, authentication: 0.055 },
};

/** Merge a config-file override ({"currency", "date", "rates": {"DE": {...}}, "unlisted"}) over the defaults. */
export function mergePrices(base: PriceTable, override: unknown): PriceTable {
  if (typeof override !== 'object' || override === null) return base;
  const o = override as Partial<PriceTable>;
  return {
    currency: o.currency ?? base.currency,
    date: o.date ?? base.date,
    source: o.rates || o.unlisted ? 'wa-ops.config.json' : base.source,
    rates: { ...base.rates, ...(o.rates ?? {}) },
    unlisted: { ...base.unlisted, ...(o.unlisted ?? {}) },
  };
}

export interface CostEstimate {
  currency: string;
  date: string;
  category: Category;
  total: number;
  byRegion: { region: string; messages: number; rate: number; cost: number; listed: boolean }[];
  unlistedMessages: number;
}

/** Cost of sending one template category to recipients counted by region. */
export function estimateCost(table: PriceTable, category: string, byRegion: Map<string, number>): CostEstimate {
  const cat = (['marketing', 'utility', 'authentication'].includes(category.toLowerCase()) ? category.toLowerCase() : 'marketing') as Category;
  const rows = [...byRegion.entries()].map(([region, messages]) => {
    const listed = region in table.rates;
    const rate = (listed ? table.rates[region] : table.unlisted)[cat];
    return { region, messages, rate, cost: round(rate * messages), listed };
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
