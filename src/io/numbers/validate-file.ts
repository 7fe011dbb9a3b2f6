/** The validate-numbers pipeline: stream the CSV in blocks, parse and classify on worker threads, dedupe, annotate, sample. */
import { availableParallelism } from 'node:os';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { isoCodeFor } from '../../core/numbers/region-code.js';
import { InputError, UsageError } from '../../core/errors.js';
import { planRows, type RowPlan } from '../../core/numbers/row-plan.js';
import { Tally, type NumbersSummary, type SampleInfo } from '../../core/numbers/tally.js';
import { leadingLines, openCsv, parseHeader, type CsvSource } from '../csv/reader.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import { processBlock, type BlockResult } from './block.js';
import { pumpBlocks } from './pump-blocks.js';
import { openNumbersOutputs } from './numbers-outputs.js';
import { OrderedSink } from './ordered-sink.js';
import { BlockPool } from './pool.js';
import { threadLimits } from './validate-capped.js';
import { SampleStaging } from './sample-staging.js';

/** What to validate and which files to write. */
export interface ValidateFileOptions {
  file: string;
  column?: string;
  country?: string;
  countryColumn?: string;
  out?: string;
  validOut?: string;
  samplePercent: number;
  sampleOut?: string;
  /** Replace existing outputs that validate-numbers did not write (--force). */
  force?: boolean;
  /** Start the outputs with a UTF-8 BOM (--bom / --no-bom); undefined: files get one when the list came from Excel (a BOM, Windows-1252). */
  bom?: boolean;
  seed: number;
  sampleOnly: boolean;
  mobileOnly: boolean;
  /** Caps on a record's and a field's length, in characters. */
  limits?: CsvLimits;
  /** Worker threads; undefined picks one per extra core for large files and none for small ones. */
  workers?: number;
  onProgress?: (p: { rows: number; bytesRead: number; totalBytes: number }) => void;
}

const INLINE_BELOW_BYTES = 1024 * 1024;

/** Validate a whole file (or a random sample of it with sampleOnly) and write the requested outputs. */
export async function validateFile(o: ValidateFileOptions): Promise<NumbersSummary> {
  const started = performance.now();
  if (o.country !== undefined && !isSupportedCountry(o.country.toUpperCase())) {
    const iso = isoCodeFor(o.country);
    throw new UsageError(`--country must be a two-letter region code such as DE, US or BR, got "${o.country}"`, { code: 'bad-flag', ...(iso ? { hint: `its ISO 3166 code is ${iso}: --country ${iso}` } : {}) });
  }
  const source = await openCsv(o.file, o.limits);
  const { label, dialect: { delimiter } } = source;
  const blocks = source.blocks();
  const first = await blocks.next();
  if (first.done) throw new InputError(`${label} holds no rows`, { code: 'empty-file' });
  const header = parseHeader(first.value.text, delimiter);
  const plan = planRows(label, header, { column: o.column, countryColumn: o.countryColumn, defaultCountry: o.country, mobileOnly: o.mobileOnly }, { column: '--column', countryColumn: '--country-column', kind: 'flag' }, leadingLines(first.value, delimiter));
  const fromExcel = source.dialect.bomLength > 0 || source.dialect.encoding === 'windows-1252';
  const outputs = openNumbersOutputs(o, header, delimiter, [{ label, identity: source.identity }], fromExcel);
  // Valid unique rows are staged on disk, so the sample can be drawn once their count is known.
  const staging = outputs.sampleOut ? new SampleStaging() : undefined;
  const workers = o.workers ?? workersFor(source.size);
  const pool = workers > 0 ? new BlockPool(workers, threadLimits(o.limits)) : undefined;
  const tally = new Tally();
  const inflight: Promise<BlockResult>[] = [];
  const base = { delimiter, plan, headerFields: header.length, wantRows: outputs.all.length > 0, samplePercent: o.sampleOnly ? o.samplePercent : undefined, seed: o.seed };
  const sink = new OrderedSink(tally, { annotated: outputs.annotated, validOut: outputs.validOut, staging });
  try {
    await pumpBlocks([first.value], blocks, {
      base,
      inflight,
      maxInflight: workers * 3 + 2,
      // The main thread works too: it takes a block whenever every worker is busy.
      dispatch: (req) => (pool && pool.minQueue < 2 ? pool.run(req) : Promise.resolve(processBlock(req))),
      consume: (r) => sink.consume(r),
      position: () => source.bytesRead(),
      // Progress counts what is done: rows classified and the bytes up to their block (the reader runs ahead of the threads).
      tick: (bytesDone) => o.onProgress?.({ rows: tally.rows, bytesRead: bytesDone, totalBytes: source.size }),
    });
    if (tally.rows === 0) {
      throw new InputError(`${label} has a header but no data rows`, { code: 'empty-file', hint: 'export the list again with its rows' });
    }
    let sample: SampleInfo | null = null;
    if (staging && outputs.sampleOut) {
      const size = await staging.draw(tally.valid, o.samplePercent, o.seed, outputs.sampleOut);
      sample = { percent: o.samplePercent, size, seed: o.seed, file: o.sampleOut ?? null };
    } else if (o.sampleOnly) {
      sample = { percent: o.samplePercent, size: tally.checked, seed: o.seed, file: null };
    }
    for (const out of outputs.all) out.commit();
    return summaryOf(tally.summary(o.file, performance.now() - started, sample, o.sampleOnly), plan);
  } catch (err) {
    for (const out of outputs.all) out.abort();
    await Promise.allSettled(inflight);
    throw err;
  } finally {
    await pool?.close();
    staging?.dispose();
  }
}

/** The main thread works too (it takes a block whenever every worker is busy), so one worker per extra core; none for a small file. */
function workersFor(size: CsvSource['size']): number {
  return size > 0 && size < INLINE_BELOW_BYTES ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 7));
}

/** The summary with the columns the plan chose and its notice. */
function summaryOf(summary: NumbersSummary, plan: RowPlan): NumbersSummary {
  summary.columns = { phone: plan.phoneName, country: plan.countryName, ...(plan.areaCodeName === null ? {} : { areaCode: plan.areaCodeName }) };
  const notices = [plan.countryNote, plan.areaCodeNote].filter((n): n is string => n !== undefined);
  if (notices.length > 0) summary.notices = notices;
  return summary;
}
