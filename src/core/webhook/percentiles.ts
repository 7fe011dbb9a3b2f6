/** Bounded-memory helpers of the delivery report: latency percentiles from a reservoir sample, and the cost of billed messages. */
import { estimateCost, type PriceTable } from '../campaign/pricing.js';

/** Latency percentiles in seconds (null without data). */
export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

const RESERVOIR = 100_000;

/** A uniform sample of at most 100,000 values (Vitter's algorithm R), with a seeded random source. */
export class Reservoir {
  private values: number[] = [];
  private seen = 0;
  constructor(private readonly rng: () => number) {}
  /** Count a value; keep it with the probability that keeps the sample uniform. */
  add(v: number): void {
    this.seen++;
    if (this.values.length < RESERVOIR) this.values.push(v);
    else {
      const j = Math.floor(this.rng() * this.seen);
      if (j < RESERVOIR) this.values[j] = v;
    }
  }
  /** The count seen and the 50th, 90th and 99th percentiles of the sample (null when empty). */
  percentiles(): Percentiles {
    const v = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null);
    return { count: this.seen, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
  }
}

/** Billed categories priced from the table; service, referral and other free categories cost nothing. */
export function costOf(table: PriceTable, category: string, byRegion: Map<string, number>): number {
  const base = /^marketing/.test(category) ? 'marketing' : category === 'utility' ? 'utility' : /^authentication/.test(category) ? 'authentication' : undefined;
  return base && byRegion.size ? estimateCost(table, base, byRegion).total : 0;
}
