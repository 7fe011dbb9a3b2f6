/** The counts and rendered rows of one block, built record by record (the hot path of validate-numbers: no per-row allocations beyond the row). */
import type { Classified } from '../../core/numbers/classify.js';
import { classifyRow, countryOutcome } from '../../core/numbers/row-plan.js';
import { redact } from '../../core/redact.js';
import { csvLine } from '../csv/writer.js';
import type { BlockRequest, BlockResult } from './block-types.js';
import { Utf8Output } from './utf8-output.js';

const MAX_MISMATCH_LINES = 5;

/** Accumulates one block's records; `result()` hands them over as typed arrays. */
export class BlockFold {
  private rows = 0;
  private checked = 0;
  private invalid = 0;
  private assumed = 0;
  private restored = 0;
  private mismatches = 0;
  private unknownCountries = 0;
  private ambiguousCountries = 0;
  private readonly reasons: Record<string, number> = {};
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, Map<string, number>>();
  private readonly lines: number[] = [];
  private readonly keys: number[] = [];
  private readonly kinds: number[] = [];
  private readonly statusAt: number[] = [];
  private readonly rowStart: number[] = [];
  private readonly rowEnd: number[] = [];
  private readonly mismatchLines: number[] = [];
  private readonly unknownCountryValues: string[] = [];
  private readonly ambiguousCountryValues: string[] = [];
  private readonly out: Utf8Output;

  constructor(private readonly req: BlockRequest) {
    this.out = new Utf8Output(req.wantRows ? req.text.length * 2 + 4096 : 0);
  }

  /** Count a data record, and note it when its field count differs from the header's. */
  count(cells: string[], line: number): void {
    this.rows++;
    if (cells.length !== this.req.headerFields) {
      this.mismatches++;
      if (this.mismatchLines.length < MAX_MISMATCH_LINES) this.mismatchLines.push(line);
    }
  }

  /** Classify a record's phone cell, count it, and render its output row when rows are wanted. */
  classify(cells: string[], line: number): void {
    this.checked++;
    const c = classifyRow(cells, this.req.plan);
    if (c.detail === 'assumed-international') this.assumed++;
    else if (c.detail === 'leading-zero-restored') this.restored++;
    const outcome = countryOutcome(cells, this.req.plan, c);
    if (outcome !== 'ok') this.noteCountry(outcome, cells[this.req.plan.countryIndex] ?? '');
    if (!c.valid) {
      this.invalid++;
      this.reasons[c.reason] = (this.reasons[c.reason] ?? 0) + 1;
    } else this.addValid(c, line);
    if (this.req.wantRows) this.writeRow(cells, c);
  }

  /** A country cell that names no country, or several that the number did not decide: counted, the first few values kept (redacted, cut to 24 characters). */
  private noteCountry(outcome: 'unknown' | 'ambiguous', cell: string): void {
    const shown = redact(cell.trim()).slice(0, 24);
    const values = outcome === 'unknown' ? this.unknownCountryValues : this.ambiguousCountryValues;
    if (outcome === 'unknown') this.unknownCountries++;
    else this.ambiguousCountries++;
    if (values.length < 5 && !values.includes(shown)) values.push(shown);
  }

  private addValid(c: Classified, line: number): void {
    // Index of (region, type) without building a key string per row.
    let byType = this.nameIndex.get(c.region);
    if (byType === undefined) this.nameIndex.set(c.region, (byType = new Map()));
    let k = byType.get(c.type);
    if (k === undefined) {
      k = this.names.push(`${c.region} ${c.type}`) - 1;
      byType.set(c.type, k);
    }
    this.lines.push(line);
    this.keys.push(Number(c.e164.slice(1)));
    this.kinds.push(k);
  }

  private writeRow(cells: string[], c: Classified): void {
    const d = this.req.delimiter;
    const out = this.out;
    // A short row is padded, so the added columns stay under their header; a long one keeps every cell.
    while (cells.length < this.req.headerFields) cells.push('');
    const start = out.length;
    out.write(csvLine(cells, d, false) + d + c.e164 + d);
    if (c.valid) this.statusAt.push(out.length);
    out.write((c.valid ? 'valid' : 'invalid') + d + c.reason + d + c.region + d + c.type + d + c.detail + '\r\n');
    if (c.valid) {
      this.rowStart.push(start);
      this.rowEnd.push(out.length);
    }
  }

  /** The block's result, its arrays packed for the transfer between threads. */
  result(): BlockResult {
    return {
      index: this.req.index,
      rows: this.rows,
      checked: this.checked,
      invalid: this.invalid,
      assumed: this.assumed,
      restored: this.restored,
      reasons: this.reasons,
      line: Uint32Array.from(this.lines),
      key: Float64Array.from(this.keys),
      kind: Uint16Array.from(this.kinds),
      names: this.names,
      out: this.out.bytes(),
      statusAt: Uint32Array.from(this.statusAt),
      rowStart: Uint32Array.from(this.rowStart),
      rowEnd: Uint32Array.from(this.rowEnd),
      mismatchLines: this.mismatchLines,
      mismatches: this.mismatches,
      unknownCountries: this.unknownCountries,
      unknownCountryValues: this.unknownCountryValues,
      ambiguousCountries: this.ambiguousCountries,
      ambiguousCountryValues: this.ambiguousCountryValues,
    };
  }
}
