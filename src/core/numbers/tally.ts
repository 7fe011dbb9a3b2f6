/** The running totals of a validation run and the summary document built from them (CONTRACT §4). */
import type { Classified } from './classify.js';
import { wilson95 } from './sampling.js';

export type RowStatus = 'valid' | 'invalid' | 'duplicate';

export interface SampleInfo {
  percent: number;
  size: number;
  seed: number;
  file: string | null;
}

export interface NumbersSummary {
  file: string;
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  invalidRate: number;
  reasons: Record<string, number>;
  regions: Record<string, number>;
  types: Record<string, number>;
  sample: SampleInfo | null;
  elapsedMs: number;
  /** Rows actually validated (differs from rows only with --sample-only). */
  checked: number;
  estimate?: { invalidRate: number; ci95: [number, number]; invalid: number };
  /** The first duplicates found: which line repeats which. */
  duplicateExamples: { line: number; firstLine: number; e164: string }[];
  pilotRecommended: boolean;
}

const MAX_EXAMPLES = 20;

/** Counts rows by status, reason, region and type as they stream past. */
export class Tally {
  rows = 0;
  checked = 0;
  valid = 0;
  invalid = 0;
  duplicates = 0;
  readonly reasons: Record<string, number> = {};
  readonly regions: Record<string, number> = {};
  readonly types: Record<string, number> = {};
  readonly duplicateExamples: NumbersSummary['duplicateExamples'] = [];

  /** Record one classified row; firstLine > 0 marks it a duplicate of that line. */
  add(c: Classified, line: number, firstLine: number): RowStatus {
    this.checked++;
    if (!c.valid) {
      this.invalid++;
      this.reasons[c.reason] = (this.reasons[c.reason] ?? 0) + 1;
      return 'invalid';
    }
    if (firstLine > 0) {
      this.duplicates++;
      if (this.duplicateExamples.length < MAX_EXAMPLES) this.duplicateExamples.push({ line, firstLine, e164: c.e164 });
      return 'duplicate';
    }
    this.valid++;
    const region = c.region || '001';
    this.regions[region] = (this.regions[region] ?? 0) + 1;
    const type = c.type || 'UNKNOWN';
    this.types[type] = (this.types[type] ?? 0) + 1;
    return 'valid';
  }

  /** Build the summary document. */
  summary(file: string, elapsedMs: number, sample: SampleInfo | null, sampleOnly: boolean): NumbersSummary {
    const invalidRate = this.checked === 0 ? 0 : this.invalid / this.checked;
    const s: NumbersSummary = {
      file,
      rows: this.rows,
      valid: this.valid,
      invalid: this.invalid,
      duplicates: this.duplicates,
      invalidRate: round(invalidRate),
      reasons: sortByCount(this.reasons),
      regions: sortByCount(this.regions),
      types: sortByCount(this.types),
      sample,
      elapsedMs: Math.round(elapsedMs),
      checked: this.checked,
      duplicateExamples: this.duplicateExamples,
      pilotRecommended: !sampleOnly && this.valid > 1000,
    };
    if (sampleOnly) {
      const [low, high] = wilson95(this.invalid, this.checked);
      s.estimate = { invalidRate: round(invalidRate), ci95: [round(low), round(high)], invalid: Math.round(invalidRate * this.rows) };
    }
    return s;
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function sortByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
