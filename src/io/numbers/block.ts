/**
 * Parse and classify one block of whole CSV records: the unit of work a worker thread does. The
 * worker also renders the output rows, so the thread that keeps order only decides duplicates.
 */
import type { RowPlan } from '../../core/numbers/row-plan.js';
import { classifyRow, countryOutcome } from '../../core/numbers/row-plan.js';
import { createRng } from '../../core/numbers/sampling.js';
import { csvLine } from '../csv/writer.js';
import { eachRecord } from '../csv/records.js';
import { Utf8Output } from './utf8-output.js';
import { redact } from '../../core/redact.js';

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

const MAX_MISMATCH_LINES = 5;

/** Parse the block's records and classify their phone cells. */
export function processBlock(req: BlockRequest): BlockResult {
  const d = req.delimiter;
  const reasons: Record<string, number> = {};
  const names: string[] = [];
  const nameIndex = new Map<string, Map<string, number>>();
  const lines: number[] = [];
  const keys: number[] = [];
  const kinds: number[] = [];
  const statusAt: number[] = [];
  const rowStart: number[] = [];
  const rowEnd: number[] = [];
  const mismatchLines: number[] = [];
  const out = new Utf8Output(req.wantRows ? req.text.length * 2 + 4096 : 0);
  let rows = 0;
  let checked = 0;
  let invalid = 0;
  let assumed = 0;
  let mismatches = 0;
  let unknownCountries = 0;
  const unknownCountryValues: string[] = [];
  let ambiguousCountries = 0;
  const ambiguousCountryValues: string[] = [];
  let skip = req.skipFirstRecord;
  const rng = req.samplePercent === undefined ? undefined : createRng((req.seed ^ Math.imul(req.index + 1, 0x9e3779b1)) >>> 0);
  // Redacted once per block: the output rows are the input cells plus fields wa-ops made.
  const text = req.wantRows ? redact(req.text) : req.text;
  eachRecord(text, d, req.startLine, (cells, line) => {
    if (cells.length === 1 && cells[0] === '') return;
    if (skip) {
      skip = false;
      return;
    }
    rows++;
    if (cells.length !== req.headerFields) {
      mismatches++;
      if (mismatchLines.length < MAX_MISMATCH_LINES) mismatchLines.push(line);
    }
    if (rng && rng() * 100 >= req.samplePercent!) return;
    checked++;
    const c = classifyRow(cells, req.plan);
    if (c.detail === 'assumed-international') assumed++;
    const outcome = countryOutcome(cells, req.plan, c);
    if (outcome !== 'ok') {
      const shown = redact((cells[req.plan.countryIndex] ?? '').trim()).slice(0, 24);
      const values = outcome === 'unknown' ? unknownCountryValues : ambiguousCountryValues;
      if (outcome === 'unknown') unknownCountries++;
      else ambiguousCountries++;
      if (values.length < 5 && !values.includes(shown)) values.push(shown);
    }
    if (!c.valid) {
      invalid++;
      reasons[c.reason] = (reasons[c.reason] ?? 0) + 1;
    } else {
      // Index of (region, type) without building a key string per row.
      let byType = nameIndex.get(c.region);
      if (byType === undefined) nameIndex.set(c.region, (byType = new Map()));
      let k = byType.get(c.type);
      if (k === undefined) {
        k = names.push(`${c.region} ${c.type}`) - 1;
        byType.set(c.type, k);
      }
      lines.push(line);
      keys.push(Number(c.e164.slice(1)));
      kinds.push(k);
    }
    if (!req.wantRows) return;
    // A short row is padded, so the added columns stay under their header; a long one keeps every cell.
    while (cells.length < req.headerFields) cells.push('');
    const start = out.length;
    out.write(csvLine(cells, d, false) + d + c.e164 + d);
    if (c.valid) statusAt.push(out.length);
    out.write((c.valid ? 'valid' : 'invalid') + d + c.reason + d + c.region + d + c.type + d + c.detail + '\r\n');
    if (c.valid) {
      rowStart.push(start);
      rowEnd.push(out.length);
    }
  });
  return {
    index: req.index,
    rows,
    checked,
    invalid,
    assumed,
    reasons,
    line: Uint32Array.from(lines),
    key: Float64Array.from(keys),
    kind: Uint16Array.from(kinds),
    names,
    out: out.bytes(),
    statusAt: Uint32Array.from(statusAt),
    rowStart: Uint32Array.from(rowStart),
    rowEnd: Uint32Array.from(rowEnd),
    mismatchLines,
    mismatches,
    unknownCountries,
    unknownCountryValues,
    ambiguousCountries,
    ambiguousCountryValues,
  };
}
