/** Open a CSV file for streaming: checks, dialect, decoded text in blocks of whole records. */
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.js';
import { RecordSplitter } from './record-splitter.js';
import { sniff, type Dialect } from './sniff.js';

export interface TextBlock {
  text: string;
  /** File line on which the block's first record starts. */
  startLine: number;
}

export interface CsvSource {
  path: string;
  size: number;
  dialect: Dialect;
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** The file as blocks of whole records, about blockBytes each, in order. */
  blocks(blockBytes?: number): AsyncGenerator<TextBlock>;
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
    async *blocks(blockBytes = 256 * 1024) {
      stream = createReadStream(path, { start: dialect.bomLength, highWaterMark: 256 * 1024 });
      const decoder = new TextDecoder(dialect.encoding);
      const splitter = new RecordSplitter(dialect.delimiter);
      let pending: TextBlock | undefined;
      const take = (b: TextBlock | undefined) => {
        if (!b) return undefined;
        if (!pending) pending = b;
        else pending = { text: pending.text + b.text, startLine: pending.startLine };
        if (pending.text.length < blockBytes) return undefined;
        const out = pending;
        pending = undefined;
        return out;
      };
      for await (const chunk of stream) {
        const block = take(splitter.push(decoder.decode(chunk as Buffer, { stream: true })));
        if (block) yield block;
      }
      const last = splitter.push(decoder.decode());
      const rest = splitter.end();
      if (rest.openQuoteLine !== undefined) {
        const line = rest.openQuoteLine;
        throw new InputError(`${path}:${line}: a quoted field opened on line ${line} is never closed`, {
          code: 'csv-unterminated-quote',
          hint: `close the quote (") on line ${line} or remove it, then run again`,
        });
      }
      // Whatever is left (the last record may lack a final newline) goes out as one last block.
      for (const b of [last, rest.text.trim() === '' ? undefined : rest]) {
        if (b) pending = pending ? { text: pending.text + b.text, startLine: pending.startLine } : { text: b.text, startLine: b.startLine };
      }
      if (pending) yield pending;
    },
  };
}

/** Parse the first record of a block (the header). */
export function parseHeader(text: string, delimiter: string): string[] {
  const rows = parse(text, { delimiter, to: 1, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  return (rows[0] ?? []).map((h) => h.trim());
}
