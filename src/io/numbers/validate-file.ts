/** The validate-numbers pipeline: stream the CSV in blocks, parse and classify on worker threads, dedupe, annotate, sample. */
import { availableParallelism } from 'node:os';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { InputError, UsageError } from '../../core/errors.js';
import { planRows } from '../../core/numbers/row-plan.js';
import { Tally, type NumbersSummary, type SampleInfo } from '../../core/numbers/tally.js';
import { openCsv, parseHeader } from '../csv/reader.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import { openCsvOut, type CsvOut } from '../csv/writer.js';
import { processBlock, type BlockRequest, type BlockResult } from './block.js';
import { OrderedSink } from './ordered-sink.js';
import { BlockPool } from './pool.js';
import { threadLimits } from './validate-capped.js';
import { SampleStaging } from './sample-staging.js';

export interface ValidateFileOptions {
  file: string;
  column?: string;
  country?: string;
  countryColumn?: string;
  out?: string;
  validOut?: string;
  samplePercent: number;
  sampleOut?: string;
  seed: number;
  sampleOnly: boolean;
  mobileOnly: boolean;
  /** Caps on a record's and a field's length, in characters. */
  limits?: CsvLimits;
  /** Worker threads; undefined picks one per extra core for large files and none for small ones. */
  workers?: number;
  onProgress?: (p: { rows: number; bytesRead: number; totalBytes: number }) => void;
}

const ADDED_COLUMNS = ['e164', 'status', 'reason', 'region', 'type', 'detail'];
const INLINE_BELOW_BYTES = 1024 * 1024;

/** Validate a whole file (or a random sample of it with sampleOnly) and write the requested outputs. */
export async function validateFile(o: ValidateFileOptions): Promise<NumbersSummary> {
  const started = performance.now();
  if (o.country !== undefined && !isSupportedCountry(o.country.toUpperCase() as CountryCode)) {
    throw new UsageError(`--country must be a two-letter region code such as DE, US or BR, got "${o.country}"`, { code: 'bad-flag' });
  }
  const source = await openCsv(o.file, o.limits);
  const label = source.label;
  const delimiter = source.dialect.delimiter;
  const blocks = source.blocks();
  const first = await blocks.next();
  if (first.done) throw new InputError(`${label} holds no rows`, { code: 'empty-file' });
  const header = parseHeader(first.value.text, delimiter);
  const plan = planRows(label, header, { column: o.column, countryColumn: o.countryColumn, defaultCountry: o.country, mobileOnly: o.mobileOnly }, { column: '--column', countryColumn: '--country-column' });

  const outputs: CsvOut[] = [];
  const inputs = [{ label, identity: source.identity }];
  const open = (path: string | undefined) => {
    if (!path) return undefined;
    try {
      return track(outputs, openCsvOut(path, delimiter, { inputs }));
    } catch (err) {
      for (const out of outputs) out.abort();
      throw err;
    }
  };
  const annotated = open(o.out);
  const validOut = open(o.validOut);
  const sampleOut = open(o.sampleOut);
  for (const out of outputs) out.writeRow([...header, ...ADDED_COLUMNS]);
  // Valid unique rows are staged on disk, so the sample can be drawn once their count is known.
  const staging = sampleOut ? new SampleStaging() : undefined;

  // The main thread works too (it takes a block whenever every worker is busy), so one worker per extra core.
  const workers = o.workers ?? (source.size > 0 && source.size < INLINE_BELOW_BYTES ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 7)));
  const pool = workers > 0 ? new BlockPool(workers, threadLimits(o.limits)) : undefined;
  const tally = new Tally();
  const inflight: Promise<BlockResult>[] = [];
  const maxInflight = workers * 3 + 2;
  const base: Omit<BlockRequest, 'index' | 'text' | 'startLine' | 'skipFirstRecord'> = {
    delimiter,
    plan,
    headerFields: header.length,
    wantRows: outputs.length > 0,
    samplePercent: o.sampleOnly ? o.samplePercent : undefined,
    seed: o.seed,
  };

  const sink = new OrderedSink(tally, { annotated, validOut, staging });
  const consume = (r: BlockResult) => sink.consume(r);

  try {
    let index = 0;
    const submit = (text: string, startLine: number) => {
      const req: BlockRequest = { ...base, index, text, startLine, skipFirstRecord: index === 0 };
      index++;
      inflight.push(pool && pool.minQueue < 2 ? pool.run(req) : Promise.resolve(processBlock(req)));
    };
    submit(first.value.text, first.value.startLine);
    for await (const block of blocks) {
      submit(block.text, block.startLine);
      while (inflight.length >= maxInflight) consume(await inflight.shift()!);
      o.onProgress?.({ rows: tally.rows, bytesRead: source.bytesRead(), totalBytes: source.size });
    }
    while (inflight.length > 0) consume(await inflight.shift()!);
    if (tally.rows === 0) {
      throw new InputError(`${label} has a header but no data rows`, { code: 'empty-file', hint: 'export the list again with its rows' });
    }
    let sample: SampleInfo | null = null;
    if (staging && sampleOut) {
      const size = await staging.draw(tally.valid, o.samplePercent, o.seed, sampleOut);
      sample = { percent: o.samplePercent, size, seed: o.seed, file: o.sampleOut ?? null };
    } else if (o.sampleOnly) {
      sample = { percent: o.samplePercent, size: tally.checked, seed: o.seed, file: null };
    }
    for (const out of outputs) out.commit();
    const summary = tally.summary(o.file, performance.now() - started, sample, o.sampleOnly);
    summary.columns = { phone: plan.phoneName, country: plan.countryName };
    if (plan.countryNote) summary.notices = [plan.countryNote];
    return summary;
  } catch (err) {
    for (const out of outputs) out.abort();
    await Promise.allSettled(inflight);
    throw err;
  } finally {
    await pool?.close();
    staging?.dispose();
  }
}

function track(outputs: CsvOut[], out: CsvOut): CsvOut {
  outputs.push(out);
  return out;
}
