/** Open a CSV input for streaming: checks, dialect, decoded text in blocks of whole records. */
import { InputError } from '../../core/errors.js';
import { openInput } from '../input-file.js';
import { CsvLimitError, DEFAULT_CSV_LIMITS, RecordSplitter, type CsvLimits } from './record-splitter.js';
import { listDecoder } from './decoder.js';
import { firstRecord, leadingRecords } from './records.js';
import { sniff, type Dialect } from './sniff.js';

/** A piece of the input made of whole records. */
export interface TextBlock {
  text: string;
  /** File line on which the block's first record starts. */
  startLine: number;
}

/** An open CSV input: its dialect, size and blocks of whole records. */
export interface CsvSource {
  /** The path as given ("-" for standard input). */
  path: string;
  /** The name for messages ("standard input" for "-"). */
  label: string;
  /** Size in bytes; 0 when unknown (standard input). */
  size: number;
  dialect: Dialect;
  /** Device and inode of the input, when it is a file. */
  identity?: { dev: number; ino: number };
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** The input as blocks of whole records, about blockBytes each, in order. */
  blocks(blockBytes?: number): AsyncGenerator<TextBlock>;
}

/** Open a CSV file (or "-"): checks it exists, is a regular file, is not empty and looks like text. */
export async function openCsv(path: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): Promise<CsvSource> {
  const input = await openInput(path);
  const label = input.label;
  const sniffed = sniff(input.head);
  if (!sniffed.ok) throw new InputError(`${label}: ${sniffed.problem}`, { code: 'not-csv', hint: 'export the list as CSV (comma, semicolon or tab separated)' });
  const dialect = sniffed.dialect;
  return {
    path,
    label,
    size: input.size,
    dialect,
    identity: input.identity,
    bytesRead: input.bytesRead,
    async *blocks(blockBytes = 256 * 1024) {
      const decoder = listDecoder(dialect);
      const splitter = new RecordSplitter(dialect.delimiter, limits);
      const joiner = new BlockJoiner(blockBytes);
      const push = (text: string) => {
        try {
          return splitter.push(text);
        } catch (err) {
          throw limitError(label, err);
        }
      };
      // A "sep=;" line is blanked, its line ending kept: an empty line is no record, and line numbers stay the file's.
      let block = joiner.take(push(decoder.decode(input.head.subarray(dialect.bomLength)).slice(dialect.sepLineLength ?? 0)));
      if (block) yield block;
      for await (const chunk of input.rest()) {
        block = joiner.take(push(decoder.decode(chunk)));
        if (block) yield block;
      }
      const last = push(decoder.end());
      const rest = splitter.end();
      if (rest.openQuoteLine !== undefined) throw unclosedQuote(label, rest.openQuoteLine);
      // Whatever is left (the last record may lack a final newline) goes out as one last block.
      joiner.take(last);
      block = joiner.take(rest.text.trim() === '' ? undefined : rest, true);
      if (block) yield block;
    },
  };
}

/** Joins the splitter's blocks until about blockBytes (or forced at the end), keeping the first one's start line. */
class BlockJoiner {
  private pending: string[] = [];
  private pendingLength = 0;
  private pendingLine = 0;

  constructor(private readonly blockBytes: number) {}

  /** Add a block (if any); a joined block when enough is pending, or when forced and anything is. */
  take(b: TextBlock | undefined, force = false): TextBlock | undefined {
    if (b && b.text.length > 0) {
      if (this.pending.length === 0) this.pendingLine = b.startLine;
      this.pending.push(b.text);
      this.pendingLength += b.text.length;
    }
    if (this.pending.length === 0 || (!force && this.pendingLength < this.blockBytes)) return undefined;
    const out = { text: this.pending.length === 1 ? this.pending[0] : this.pending.join(''), startLine: this.pendingLine };
    this.pending = [];
    this.pendingLength = 0;
    return out;
  }
}

/** The error for a quote left open at the end of the input, naming the line it opened on. */
function unclosedQuote(label: string, line: number): InputError {
  return new InputError(`${label}:${line}: a quoted field opened on line ${line} is never closed`, {
    code: 'csv-unterminated-quote',
    hint: `close the quote (") on line ${line} or remove it, then run again`,
  });
}

function limitError(label: string, err: unknown): unknown {
  if (!(err instanceof CsvLimitError)) return err;
  const what = err.kind === 'line' ? 'a record' : 'a field';
  const flag = err.kind === 'line' ? '--max-line-length' : '--max-field-length';
  return new InputError(`${label}:${err.line}: ${what} longer than ${err.limit.toLocaleString('en-US')} characters (starting on line ${err.line})`, {
    code: 'csv-too-long',
    hint: `check the file; if the ${err.kind} is real, raise ${flag}`,
  });
}

/** Parse the first record of a block (the header). */
export function parseHeader(text: string, delimiter: string): string[] {
  return firstRecord(text, delimiter);
}

/** The first block's leading records with their lines: where the header is, and a later line that looks like one (a title above it). */
export function leadingLines(block: TextBlock, delimiter: string): { line: number; cells: string[] }[] {
  return leadingRecords(block.text, delimiter, block.startLine, 20);
}
