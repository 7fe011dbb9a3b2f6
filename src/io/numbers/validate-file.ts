/** The validate-numbers pipeline: stream the CSV in blocks, parse and classify on worker threads, dedupe, annotate, sample. */
import { randomBytes } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { constants, createReadStream, openSync, closeSync, writeSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { InputError, UsageError } from '../../core/errors.js';
import { planRows } from '../../core/numbers/row-plan.js';
import { E164Set } from '../../core/numbers/e164-set.js';
import { createRng, sampleSize, selectionSampler } from '../../core/numbers/sampling.js';
import { Tally, type NumbersSummary, type SampleInfo } from '../../core/numbers/tally.js';
import { openCsv, parseHeader } from '../csv/reader.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import { openCsvOut, type CsvOut } from '../csv/writer.js';
import { processBlock, type BlockRequest, type BlockResult } from './block.js';
import { BlockPool } from './pool.js';

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

const DUPLICATE = new Uint8Array(Buffer.from('duplicate'));
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
  // Valid unique rows are staged one JSON string per line, so the sample can be drawn once their count is known.
  const stagingPath = sampleOut ? join(tmpdir(), `wa-ops-sample-${randomBytes(8).toString('hex')}.jsonl`) : undefined;
  let staging = stagingPath ? openSync(stagingPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600) : undefined;
  let stagingChunks: Uint8Array[] = [];
  let stagingBytes = 0;

  // The main thread works too (it takes a block whenever every worker is busy), so one worker per extra core.
  const workers = o.workers ?? (source.size > 0 && source.size < INLINE_BELOW_BYTES ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 7)));
  const pool = workers > 0 ? new BlockPool(workers) : undefined;
  const seen = new E164Set();
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

  const consume = (r: BlockResult) => {
    tally.addCounts(r);
    // Unique valid rows are counted per (region, type) of the block, and summed once at the end of it.
    const unique = new Uint32Array(r.names.length);
    const wantText = outputs.length > 0;
    const bytes = r.out;
    let pos = 0;
    // A run of unique valid rows that follow each other goes out as one slice.
    let runStart = -1;
    let runEnd = -1;
    const endRun = () => {
      if (runStart < 0) return;
      const slice = bytes.subarray(runStart, runEnd);
      validOut?.writeBytes(slice);
      if (staging !== undefined) stage(slice);
      runStart = -1;
    };
    for (let i = 0; i < r.line.length; i++) {
      const firstLine = seen.addOrGetKey(r.key[i], r.line[i]);
      if (firstLine === 0) {
        unique[r.kind[i]]++;
        if (wantText && (validOut || staging !== undefined)) {
          if (runStart >= 0 && runEnd === r.rowStart[i] && staging === undefined) runEnd = r.rowEnd[i];
          else {
            endRun();
            [runStart, runEnd] = [r.rowStart[i], r.rowEnd[i]];
          }
        }
        continue;
      }
      tally.addDuplicate(`+${r.key[i]}`, r.line[i], firstLine);
      if (annotated) {
        annotated.writeBytes(bytes.subarray(pos, r.statusAt[i]));
        annotated.writeBytes(DUPLICATE);
        pos = r.statusAt[i] + 5;
      }
    }
    endRun();
    for (let k = 0; k < unique.length; k++) {
      if (unique[k] === 0) continue;
      const space = r.names[k].indexOf(' ');
      tally.addUnique(r.names[k].slice(0, space), r.names[k].slice(space + 1), unique[k]);
    }
    annotated?.writeBytes(bytes.subarray(pos));
  };
  // Staged rows: a 4-byte length, then the row's bytes (rows may hold line breaks inside quotes).
  const stage = (row: Uint8Array) => {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(row.byteLength);
    stagingChunks.push(head, row);
    stagingBytes += 4 + row.byteLength;
    if (stagingBytes > 1 << 20) flushStaging();
  };
  const flushStaging = () => {
    if (staging !== undefined && stagingChunks.length > 0) writeSync(staging, Buffer.concat(stagingChunks));
    stagingChunks = [];
    stagingBytes = 0;
  };

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
    if (staging !== undefined && sampleOut && stagingPath) {
      flushStaging();
      closeSync(staging);
      staging = undefined;
      const size = await drawSample(stagingPath, tally.valid, o.samplePercent, o.seed, sampleOut);
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
    if (staging !== undefined) closeSync(staging);
    if (stagingPath) unlinkSync(stagingPath);
  }
}

function track(outputs: CsvOut[], out: CsvOut): CsvOut {
  outputs.push(out);
  return out;
}

async function drawSample(stagingPath: string, population: number, percent: number, seed: number, out: CsvOut): Promise<number> {
  const k = sampleSize(population, percent);
  const take = selectionSampler(population, k, createRng(seed ^ 0x5eed));
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(stagingPath)) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let at = 0;
    while (at + 4 <= pending.length) {
      const len = pending.readUInt32LE(at);
      if (at + 4 + len > pending.length) break;
      if (take()) out.writeBytes(pending.subarray(at + 4, at + 4 + len));
      at += 4 + len;
    }
    pending = pending.subarray(at);
  }
  return k;
}
