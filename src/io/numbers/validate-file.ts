/** The validate-numbers pipeline: stream the CSV in blocks, parse and classify on worker threads, dedupe, annotate, sample. */
import { availableParallelism, tmpdir } from 'node:os';
import { createReadStream, openSync, closeSync, writeSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { InputError, UsageError } from '../../core/errors.js';
import type { Classified } from '../../core/numbers/classify.js';
import { pickNamed, pickPhoneColumn } from '../../core/numbers/columns.js';
import { E164Set } from '../../core/numbers/e164-set.js';
import { createRng, sampleSize, selectionSampler } from '../../core/numbers/sampling.js';
import { Tally, type NumbersSummary, type SampleInfo } from '../../core/numbers/tally.js';
import { openCsv, parseHeader } from '../csv/reader.js';
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
  /** Worker threads; undefined picks one per extra core for large files and none for small ones. */
  workers?: number;
  onProgress?: (p: { rows: number; bytesRead: number; totalBytes: number }) => void;
}

const ADDED_COLUMNS = ['e164', 'status', 'reason', 'region', 'type'];
const INLINE_BELOW_BYTES = 1024 * 1024;

/** Validate a whole file (or a random sample of it with sampleOnly) and write the requested outputs. */
export async function validateFile(o: ValidateFileOptions): Promise<NumbersSummary> {
  const started = performance.now();
  if (o.country !== undefined && !isSupportedCountry(o.country.toUpperCase() as CountryCode)) {
    throw new UsageError(`--country must be a two-letter region code such as DE, US or BR, got "${o.country}"`, { code: 'bad-flag' });
  }
  const source = await openCsv(o.file);
  const delimiter = source.dialect.delimiter;
  const blocks = source.blocks();
  const first = await blocks.next();
  if (first.done) throw new InputError(`${o.file} holds no rows`, { code: 'empty-file' });
  const header = parseHeader(first.value.text, delimiter);
  const phoneIndex = resolvePhoneColumn(o.file, header, o.column);
  const countryIndex = o.countryColumn === undefined ? -1 : resolveNamedColumn(o.file, header, o.countryColumn, '--country-column');

  const outputs: CsvOut[] = [];
  const annotated = o.out ? track(outputs, openCsvOut(o.out, delimiter)) : undefined;
  const validOut = o.validOut ? track(outputs, openCsvOut(o.validOut, delimiter)) : undefined;
  const sampleOut = o.sampleOut ? track(outputs, openCsvOut(o.sampleOut, delimiter)) : undefined;
  for (const out of outputs) out.writeRow([...header, ...ADDED_COLUMNS]);
  // Valid unique rows are staged one JSON string per line, so the sample can be drawn once their count is known.
  const stagingPath = sampleOut ? join(tmpdir(), `wa-ops-sample-${process.pid}-${Date.now()}.jsonl`) : undefined;
  let staging = stagingPath ? openSync(stagingPath, 'w', 0o600) : undefined;
  let stagingBuffer = '';

  // The main thread works too (it takes a block whenever every worker is busy), so one worker per extra core.
  const workers = o.workers ?? (source.size < INLINE_BELOW_BYTES ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 7)));
  const pool = workers > 0 ? new BlockPool(workers) : undefined;
  const seen = new E164Set();
  const tally = new Tally();
  const inflight: Promise<BlockResult>[] = [];
  const maxInflight = workers * 3 + 2;
  const base: Omit<BlockRequest, 'index' | 'text' | 'startLine' | 'skipFirstRecord'> = {
    delimiter,
    phoneIndex,
    countryIndex,
    defaultRegion: o.country?.toUpperCase(),
    mobileOnly: o.mobileOnly,
    wantRows: outputs.length > 0,
    samplePercent: o.sampleOnly ? o.samplePercent : undefined,
    seed: o.seed,
  };

  const consume = (r: BlockResult) => {
    if (r.error) throw csvError(o.file, r.error);
    tally.rows += r.rows;
    for (let i = 0; i < r.line.length; i++) {
      const reason = r.reason[i] as Classified['reason'];
      const c: Classified = { e164: r.e164[i], valid: reason === '', reason, region: r.region[i], type: r.type[i] };
      const firstLine = c.valid ? seen.addOrGet(c.e164, r.line[i]) : 0;
      const status = tally.add(c, r.line[i], firstLine);
      if (outputs.length === 0) continue;
      const line = `${r.prefix[i]}${delimiter}${c.e164}${delimiter}${status}${delimiter}${reason}${delimiter}${c.region}${delimiter}${c.type}\r\n`;
      annotated?.writeLine(line);
      if (status !== 'valid') continue;
      validOut?.writeLine(line);
      if (staging !== undefined) {
        stagingBuffer += JSON.stringify(line) + '\n';
        if (stagingBuffer.length > 1 << 20) {
          writeSync(staging, stagingBuffer);
          stagingBuffer = '';
        }
      }
    }
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
      throw new InputError(`${o.file} has a header but no data rows`, { code: 'empty-file', hint: 'export the list again with its rows' });
    }
    let sample: SampleInfo | null = null;
    if (staging !== undefined && sampleOut && stagingPath) {
      if (stagingBuffer) writeSync(staging, stagingBuffer);
      closeSync(staging);
      staging = undefined;
      const size = await drawSample(stagingPath, tally.valid, o.samplePercent, o.seed, sampleOut);
      sample = { percent: o.samplePercent, size, seed: o.seed, file: o.sampleOut ?? null };
    } else if (o.sampleOnly) {
      sample = { percent: o.samplePercent, size: tally.checked, seed: o.seed, file: null };
    }
    for (const out of outputs) out.commit();
    return tally.summary(o.file, performance.now() - started, sample, o.sampleOnly);
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
  const lines = createInterface({ input: createReadStream(stagingPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line && take()) out.writeLine(JSON.parse(line) as string);
  return k;
}

function csvError(file: string, e: NonNullable<BlockResult['error']>): InputError {
  return new InputError(`${file}:${e.line}: malformed CSV: ${e.message.replace(/ at line \d+$/, '')}`, {
    code: 'csv-malformed',
    hint: 'fix the row or export the file again',
  });
}

function resolvePhoneColumn(file: string, header: string[], wanted: string | undefined): number {
  const pick = pickPhoneColumn(header, wanted);
  if (pick.ok) return pick.index;
  const list = pick.candidates.map((c) => JSON.stringify(c)).join(', ');
  if (pick.problem === 'unknown') {
    throw new InputError(`${file}: no column named "${wanted}" (columns: ${list})`, { code: 'unknown-column', hint: 'pass one of the columns above to --column' });
  }
  if (pick.problem === 'several') {
    throw new InputError(`${file}: several phone-like columns (${list})`, { code: 'ambiguous-column', hint: 'choose one with --column <name>' });
  }
  throw new InputError(`${file}:1: no phone column in the header (columns: ${list})`, {
    code: 'no-phone-column',
    hint: 'name the column with --column <name> (looked for: phone, phone_number, mobile, msisdn, number, tel, whatsapp, to, wa_id)',
  });
}

function resolveNamedColumn(file: string, header: string[], wanted: string, flag: string): number {
  const pick = pickNamed(header, wanted);
  if (pick.ok) return pick.index;
  const list = header.map((c) => JSON.stringify(c)).join(', ');
  throw new InputError(`${file}: no column named "${wanted}" for ${flag} (columns: ${list})`, { code: 'unknown-column' });
}
