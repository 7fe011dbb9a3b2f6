/** The running totals of a validation run and the summary document built from them (CONTRACT §4). */
import { wilson95 } from './sampling.js';

/** The random sample of a validation: its share, size and seed, and the --sample-out file (null when none). */
export interface SampleInfo {
  percent: number;
  size: number;
  seed: number;
  file: string | null;
}

/** The counts of a validation (validate-numbers --json prints them). */
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
  /** Valid rows whose missing "+" was added (detail assumed-international). */
  assumedInternational: number;
  /** Valid rows read in their country with the trunk "0" Excel dropped put back (detail leading-zero-restored). */
  leadingZeroRestored: number;
  /** Rows whose field count differs from the header's: how many, and the first lines. */
  fieldCountMismatches: { count: number; lines: number[] };
  /** Rows whose country cell named no country wa-ops knows: how many, and the first few values. */
  unknownCountries: { count: number; values: string[] };
  /**
   * Rows whose country cell fits several countries ("250": France's ISO code, Rwanda's calling code;
   * "Congo") and whose number is valid under both or none of them: such rows are invalid.
   */
  ambiguousCountries: { count: number; values: string[] };
  /** The columns read: phone, and the country column or null. */
  columns?: { phone: string; country: string | null; areaCode?: string };
  /** Things the user should know about how the list was read. */
  notices?: string[];
  /** With --max-invalid: the CI gate's verdict. */
  gate?: { maxInvalid: number; invalidRate: number; exceeded: boolean };
}

const MAX_EXAMPLES = 20;

/** Add a block's count and its first few distinct values (five in all) to a summary's. */
function addExamples(into: { count: number; values: string[] }, count: number, values: string[]): void {
  into.count += count;
  for (const v of values) if (into.values.length < 5 && !into.values.includes(v)) into.values.push(v);
}

/** Counts rows by status, reason, region and type as they stream past. */
export class Tally {
  rows = 0;
  checked = 0;
  valid = 0;
  invalid = 0;
  duplicates = 0;
  assumedInternational = 0;
  leadingZeroRestored = 0;
  readonly mismatches: { count: number; lines: number[] } = { count: 0, lines: [] };
  readonly unknownCountries: { count: number; values: string[] } = { count: 0, values: [] };
  readonly ambiguousCountries: { count: number; values: string[] } = { count: 0, values: [] };
  readonly reasons: Record<string, number> = {};
  readonly regions: Record<string, number> = {};
  readonly types: Record<string, number> = {};
  readonly duplicateExamples: NumbersSummary['duplicateExamples'] = [];

  /** Merge the counts of a block of rows (validated or not). */
  addCounts(b: { rows: number; checked: number; invalid: number; assumed: number; restored: number; reasons: Record<string, number>; mismatches: number; mismatchLines: number[]; unknownCountries: number; unknownCountryValues: string[]; ambiguousCountries: number; ambiguousCountryValues: string[] }): void {
    this.mismatches.count += b.mismatches;
    addExamples(this.unknownCountries, b.unknownCountries, b.unknownCountryValues);
    addExamples(this.ambiguousCountries, b.ambiguousCountries, b.ambiguousCountryValues);
    for (const l of b.mismatchLines) if (this.mismatches.lines.length < 10) this.mismatches.lines.push(l);
    this.rows += b.rows;
    this.checked += b.checked;
    this.invalid += b.invalid;
    this.assumedInternational += b.assumed;
    this.leadingZeroRestored += b.restored;
    for (const [k, n] of Object.entries(b.reasons)) this.reasons[k] = (this.reasons[k] ?? 0) + n;
  }

  /** Record a duplicate of the row on firstLine. */
  addDuplicate(e164: string, line: number, firstLine: number): void {
    this.duplicates++;
    if (this.duplicateExamples.length < MAX_EXAMPLES) this.duplicateExamples.push({ line, firstLine, e164 });
  }

  /** Record `count` unique valid rows of one region and type. */
  addUnique(region: string, type: string, count = 1): void {
    this.valid += count;
    const r = region || '001';
    this.regions[r] = (this.regions[r] ?? 0) + count;
    const t = type || 'UNKNOWN';
    this.types[t] = (this.types[t] ?? 0) + count;
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
      assumedInternational: this.assumedInternational,
      leadingZeroRestored: this.leadingZeroRestored,
      fieldCountMismatches: this.mismatches,
      unknownCountries: this.unknownCountries,
      ambiguousCountries: this.ambiguousCountries,
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
