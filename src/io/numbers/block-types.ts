/** The unit of work of validate-numbers' threads: a block of whole CSV records in, its counts and rendered rows out. */
import type { RowPlan } from '../../core/numbers/row-plan.js';

/** One block to parse and classify, with what the whole run shares (plan, header width, sampling). */
export interface BlockRequest {
  index: number;
  text: string;
  startLine: number;
  delimiter: string;
  skipFirstRecord: boolean;
  plan: RowPlan;
  /** Fields in the header: records with another count are reported. */
  headerFields: number;
  /** Render output rows (for --out, --valid-out, --sample-out). */
  wantRows: boolean;
  /** With --sample-only: the share of rows to classify and the seed. */
  samplePercent?: number;
  seed: number;
}

/** What one block came to; per-row arrays cover the rows with a valid number only. */
export interface BlockResult {
  index: number;
  /** Records in the block (not counting a skipped header). */
  rows: number;
  checked: number;
  invalid: number;
  assumed: number;
  /** Valid rows read with their trunk "0" put back (leading-zero-restored). */
  restored: number;
  reasons: Record<string, number>;
  /** Valid rows: line, E.164 digits as a number, and an index into names ("REGION TYPE"). */
  line: Uint32Array;
  key: Float64Array;
  kind: Uint16Array;
  names: string[];
  /**
   * Every classified row rendered as UTF-8 (redacted), in order; valid rows carry the status "valid"
   * at byte statusAt. Bytes, not a string: each row is encoded as soon as it is built, so nothing of
   * it outlives a young-generation GC, and the ordering thread writes it without re-encoding.
   */
  out: Uint8Array;
  statusAt: Uint32Array;
  /** Where each valid row starts and ends in out (bytes). */
  rowStart: Uint32Array;
  rowEnd: Uint32Array;
  /** Lines whose field count differs from the header's (the first few), and how many in all. */
  mismatchLines: number[];
  mismatches: number;
  /** Rows whose country cell named no country, and the first few such values (cut to 24 characters). */
  unknownCountries: number;
  unknownCountryValues: string[];
  /** Rows whose country cell fitted several countries and whose number did not decide; the first few values. */
  ambiguousCountries: number;
  ambiguousCountryValues: string[];
}
