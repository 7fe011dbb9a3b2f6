/** Parse and classify one block of whole CSV records: the unit of work a worker thread does. */
import { parse } from 'csv-parse/sync';
import { classify } from '../../core/numbers/classify.js';
import { createRng } from '../../core/numbers/sampling.js';
import { csvLine } from '../csv/writer.js';

export interface BlockRequest {
  index: number;
  text: string;
  startLine: number;
  delimiter: string;
  skipFirstRecord: boolean;
  phoneIndex: number;
  countryIndex: number;
  defaultRegion?: string;
  mobileOnly: boolean;
  /** Serialise each row's original cells, for the output files. */
  wantRows: boolean;
  /** With --sample-only: the share of rows to classify and the seed. */
  samplePercent?: number;
  seed: number;
}

export interface BlockResult {
  index: number;
  /** Records in the block (not counting a skipped header). */
  rows: number;
  line: number[];
  e164: string[];
  reason: string[];
  region: string[];
  type: string[];
  /** The original cells, serialised without a line ending (when wantRows). */
  prefix: string[];
  error?: { code: string; message: string; line: number };
}

/** Parse the block's records and classify their phone cells. */
export function processBlock(req: BlockRequest): BlockResult {
  const result: BlockResult = { index: req.index, rows: 0, line: [], e164: [], reason: [], region: [], type: [], prefix: [] };
  let records: string[][];
  try {
    // No per-record info or on_record hook: csv-parse's per-record info objects cost more than the parse itself.
    records = parse(req.text, { delimiter: req.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number };
    result.error = { code: e.code ?? 'CSV_ERROR', message: e.message ?? String(err), line: req.startLine + (e.lines ?? 1) - 1 };
    return result;
  }
  const first = req.skipFirstRecord ? 1 : 0;
  const rng = req.samplePercent === undefined ? undefined : createRng((req.seed ^ Math.imul(req.index + 1, 0x9e3779b1)) >>> 0);
  // Each record takes one line plus the line breaks inside its quoted cells; empty lines are records of one empty cell.
  let line = req.startLine;
  for (let i = 0; i < records.length; i++) {
    const cells = records[i];
    const recordLine = line;
    line++;
    for (let j = 0; j < cells.length; j++) if (cells[j].includes('\n')) line += cells[j].split('\n').length - 1;
    if (i < first || (cells.length === 1 && cells[0] === '')) continue;
    result.rows++;
    if (rng && rng() * 100 >= req.samplePercent!) continue;
    const raw = cells[req.phoneIndex] ?? '';
    let region = req.defaultRegion;
    if (req.countryIndex >= 0) {
      const cell = (cells[req.countryIndex] ?? '').trim().toUpperCase();
      if (/^[A-Z]{2}$/.test(cell)) region = cell;
    }
    const c = classify(raw, region, req.mobileOnly);
    result.line.push(recordLine);
    result.e164.push(c.e164);
    result.reason.push(c.reason);
    result.region.push(c.region);
    result.type.push(c.type);
    if (req.wantRows) {
      const l = csvLine(cells, req.delimiter);
      result.prefix.push(l.slice(0, -2));
    }
  }
  return result;
}
