/** Stream a CSV file as batches of records with line numbers, in bounded memory. */
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { InputError } from '../../core/errors.js';
import { sniff, type Dialect } from './sniff.js';

export interface CsvRecord {
  cells: string[];
  /** Line of the file on which the record ends (1-based). */
  line: number;
}

export interface CsvSource {
  path: string;
  size: number;
  dialect: Dialect;
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** Batches of records in file order; the first record is the header. */
  batches(): AsyncGenerator<CsvRecord[]>;
}

/** Open a CSV file: checks it exists, is a file, is not empty and looks like text. */
export async function openCsv(path: string): Promise<CsvSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(`${path} is a directory, not a CSV file`, { code: 'not-a-file', hint: 'pass the path of a .csv file' });
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`, { code: 'file-not-found', hint: 'check the path' });
    throw new InputError(`${path}: cannot read (${code})`, { code: 'unreadable-file' });
  }
  if (size === 0) throw new InputError(`${path} is empty`, { code: 'empty-file', hint: 'export the list again, with a header row' });
  const head = Buffer.alloc(Math.min(size, 65536));
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: cannot open (${err.code})`, { code: 'unreadable-file' });
  });
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const sniffed = sniff(head);
  if (!sniffed.ok) throw new InputError(`${path}: ${sniffed.problem}`, { code: 'not-csv', hint: 'export the list as CSV (comma, semicolon or tab separated)' });
  const dialect = sniffed.dialect;
  let stream: ReturnType<typeof createReadStream> | undefined;
  return {
    path,
    size,
    dialect,
    bytesRead: () => stream?.bytesRead ?? 0,
    batches: () => {
      stream = createReadStream(path, { start: dialect.bomLength, highWaterMark: 1 << 20 });
      return readBatches(path, stream, dialect);
    },
  };
}

async function* readBatches(path: string, stream: NodeJS.ReadableStream, dialect: Dialect): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder(dialect.encoding);
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
    },
  });
  let lastLine = 0;
  const parser = parse({
    delimiter: dialect.delimiter,
    // Called synchronously per record: tracks where a broken record starts, even if it never reaches us.
    on_record: (record: unknown, context: { lines: number }) => {
      lastLine = context.lines;
      return { cells: record as string[], line: context.lines } as unknown as string[];
    },
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: false,
  });
  stream.on('error', (err) => parser.destroy(err));
  stream.pipe(decode).pipe(parser);
  try {
    for await (const batch of drain(parser)) yield batch as CsvRecord[];
  } catch (err) {
    throw csvInputError(path, err, lastLine);
  }
}

/** Yield whatever records the parser has buffered, as one array per wake-up. */
async function* drain(parser: ReturnType<typeof parse>): AsyncGenerator<unknown[]> {
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: unknown;
  parser.on('readable', () => wake?.());
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (err) => {
    failure = err;
    wake?.();
  });
  for (;;) {
    const batch: unknown[] = [];
    let rec: unknown;
    while (batch.length < 8192 && (rec = parser.read()) !== null) batch.push(rec);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

function csvInputError(path: string, err: unknown, lastLine: number): unknown {
  if (err instanceof InputError) return err;
  const e = err as CsvError & { lines?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('CSV_')) {
    const line = lastLine + 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      return new InputError(`${path}:${line}: a quoted field opened on line ${line} is never closed`, {
        code: 'csv-unterminated-quote',
        hint: `close the quote (") on line ${line} or remove it, then run again`,
      });
    }
    return new InputError(`${path}:${e.lines ?? line}: malformed CSV: ${e.message}`, { code: 'csv-malformed', hint: 'fix the row or re-export the file' });
  }
  return err;
}
