/** The validate-numbers pipeline: stream the CSV, classify on worker threads, dedupe, annotate, sample. */
import { availableParallelism } from 'node:os';
import { createReadStream, openSync, closeSync, writeSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { pickNamed, pickPhoneColumn } from '../../core/numbers/columns.js';
import { E164Set } from '../../core/numbers/e164-set.js';
import { createRng, sampleSize, selectionSampler } from '../../core/numbers/sampling.js';
import { Tally, type NumbersSummary, type SampleInfo } from '../../core/numbers/tally.js';
import { openCsv, type CsvRecord } from '../csv/reader.js';
import { csvLine, openCsvOut, type CsvOut } from '../csv/writer.js';
import { classifyBatch, rowOf, type ClassifiedBatch } from './batch.js';
import { ClassifyPool } from './pool.js';

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
  /** Worker threads; undefined picks one per core for large files and none for small ones. */
  workers?: number;
  onProgress?: (p: { rows: number; bytesRead: number; totalBytes: number }) => void;
}

const ADDED_COLUMNS = ['e164', 'status', 'reason', 'region', 'type'];
const INLINE_BELOW_BYTES = 2 * 1024 * 1024;

/** Validate a whole file (or a random sample of it with sampleOnly) and write the requested outputs. */
export async function validateFile(o: ValidateFileOptions): Promise<NumbersSummary> {
  const started = performance.now();
  const source = await openCsv(o.file);
  const delimiter = source.dialect.delimiter;
  const batches = source.batches();
  const first = await batches.next();
  if (first.done || first.value.length === 0) throw new InputError(`${o.file} holds no rows`, { code: 'empty-file' });
  const headerRecord = first.value[0];
  const header = headerRecord.cells;
  const phoneIndex = resolvePhoneColumn(o.file, header, o.column);
  const countryIndex = o.countryColumn === undefined ? -1 : resolveNamedColumn(o.file, header, o.countryColumn, '--country-column');

  const outputs: CsvOut[] = [];
  const annotated = o.out ? track(outputs, openCsvOut(o.out, delimiter)) : undefined;
  const validOut = o.validOut ? track(outputs, openCsvOut(o.validOut, delimiter)) : undefined;
  const sampleOut = o.sampleOut ? track(outputs, openCsvOut(o.sampleOut, delimiter)) : undefined;
  const annotatedHeader = [...header, ...ADDED_COLUMNS];
  for (const out of outputs) out.writeRow(annotatedHeader);
  // Valid unique rows are staged one JSON string per line, so the sample can be drawn once their count is known.
  const stagingPath = sampleOut ? join(tmpdir(), `wa-ops-sample-${process.pid}-${Date.now()}.jsonl`) : undefined;
  const staging = stagingPath ? openSync(stagingPath, 'w', 0o600) : undefined;
  let stagingBuffer = '';

  const workers = o.workers ?? (source.size < INLINE_BELOW_BYTES ? 0 : Math.min(availableParallelism(), 8));
  const pool = workers > 0 ? new ClassifyPool(workers) : undefined;
  const seen = new E164Set();
  const tally = new Tally();
  const sampleRng = createRng(o.seed);
  const pickForSampleOnly = () => sampleRng() * 100 < o.samplePercent;

  const defaultRegion = o.country?.toUpperCase();
  const inflight: Promise<[CsvRecord[], ClassifiedBatch]>[] = [];
  const maxInflight = Math.max(2, workers * 3);

  const consume = ([records, batch]: [CsvRecord[], ClassifiedBatch]) => {
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      const c = rowOf(batch, i);
      const firstLine = c.valid ? seen.addOrGet(c.e164, rec.line) : 0;
      const status = tally.add(c, rec.line, firstLine);
      if (outputs.length === 0) continue;
      const row = [...rec.cells, c.e164, status, c.reason, c.region, c.type];
      annotated?.writeRow(row);
      if (status !== 'valid') continue;
      const line = csvLine(row, delimiter);
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
    const pending = first.value.slice(1);
    const submit = (records: CsvRecord[]) => {
      let chosen = records;
      if (o.sampleOnly) chosen = records.filter(pickForSampleOnly);
      tally.rows += records.length;
      if (chosen.length === 0) return;
      const cells = chosen.map((r) => r.cells[phoneIndex] ?? '');
      const regions = chosen.map((r) => regionFor(r, countryIndex, defaultRegion));
      const work = pool ? pool.classify(cells, regions, o.mobileOnly) : Promise.resolve(classifyBatch(cells, regions, o.mobileOnly));
      inflight.push(work.then((b) => [chosen, b]));
    };
    if (pending.length > 0) submit(pending);
    for await (const records of batches) {
      submit(records);
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
      const size = await drawSample(stagingPath, tally.valid, o.samplePercent, o.seed, sampleOut);
      sample = { percent: o.samplePercent, size, seed: o.seed, file: o.sampleOut ?? null };
    } else if (o.sampleOnly) {
      sample = { percent: o.samplePercent, size: tally.checked, seed: o.seed, file: null };
    }
    for (const out of outputs) out.commit();
    return tally.summary(o.file, performance.now() - started, sample, o.sampleOnly);
  } catch (err) {
    for (const out of outputs) out.abort();
    throw err;
  } finally {
    await pool?.close();
    if (stagingPath) {
      try {
        if (staging !== undefined) closeSync(staging);
      } catch {
        // closed already
      }
      try {
        unlinkSync(stagingPath);
      } catch {
        // never created
      }
    }
  }
}

function track(outputs: CsvOut[], out: CsvOut): CsvOut {
  outputs.push(out);
  return out;
}

function regionFor(r: CsvRecord, countryIndex: number, fallback: string | undefined): string | undefined {
  if (countryIndex < 0) return fallback;
  const cell = (r.cells[countryIndex] ?? '').trim().toUpperCase();
  return /^[A-Z]{2}$/.test(cell) ? cell : fallback;
}

async function drawSample(stagingPath: string, population: number, percent: number, seed: number, out: CsvOut): Promise<number> {
  const k = sampleSize(population, percent);
  const take = selectionSampler(population, k, createRng(seed ^ 0x5eed));
  const lines = createInterface({ input: createReadStream(stagingPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line && take()) out.writeLine(JSON.parse(line) as string);
  return k;
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
