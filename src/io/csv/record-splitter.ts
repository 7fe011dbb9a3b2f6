/** Cut decoded CSV text into blocks of whole records (quote-aware), so blocks can be parsed in parallel. */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Caps on what one record and one field may hold, in characters. */
export interface CsvLimits {
  maxLine: number;
  maxField: number;
}

/** Documented defaults: far above any real contact list, small enough to stop a runaway line early. */
export const DEFAULT_CSV_LIMITS: CsvLimits = { maxLine: 1_000_000, maxField: 100_000 };

/** A record or field over its cap; `line` is where the record starts. */
export class CsvLimitError extends Error {
  constructor(
    readonly kind: 'line' | 'field',
    readonly line: number,
    readonly limit: number,
  ) {
    super(`${kind} over ${limit} characters`);
  }
}

/**
 * Follows the same quoting rules as the parser (a quote opens a field only at its start; "" is an
 * escaped quote) and remembers its state across chunks, so a record split between chunks stays whole.
 * Every character is looked at once and the unfinished record is kept as a list of pieces, so a
 * huge line costs linear time, and stops at the cap.
 */
export class RecordSplitter {
  private pieces: string[] = [];
  private inQuotes = false;
  private quotePending = false;
  private fieldStart = true;
  /** A CR ended the last chunk outside quotes: a record end, unless the next chunk starts with LF. */
  private crPending = false;
  private prevCr = false;
  private carryLine = 1;
  private recordLine = 1;
  private line = 1;
  private recordLength = 0;
  private fieldLength = 0;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Add text; returns the complete records so far (with the line they start on), or undefined. */
  push(text: string): { text: string; startLine: number } | undefined {
    let cut = -1;
    let cutLine = 0;
    const { maxLine, maxField } = this.limits;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const afterCr = this.prevCr;
      this.prevCr = c === CR;
      if (this.crPending) {
        this.crPending = false;
        if (c !== LF) [cut, cutLine] = [i, this.endRecord()];
      }
      if (c === LF || c === CR) {
        if (!(c === LF && afterCr)) this.line++;
      }
      if (++this.recordLength > maxLine) throw new CsvLimitError('line', this.recordLine, maxLine);
      if (++this.fieldLength > maxField) throw new CsvLimitError('field', this.recordLine, maxField);
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) continue; // "" inside a quoted field
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === QUOTE) this.quotePending = true;
        continue;
      }
      if (c === QUOTE) {
        if (this.fieldStart) this.inQuotes = true;
        this.fieldStart = false;
      } else if (c === this.delim) {
        this.fieldStart = true;
        this.fieldLength = 0;
      } else if (c === LF) [cut, cutLine] = [i + 1, this.endRecord()];
      else if (c === CR) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) !== LF) [cut, cutLine] = [i + 1, this.endRecord()];
        } else this.crPending = true;
      } else this.fieldStart = false;
    }
    if (cut < 0) {
      if (text.length > 0) this.pieces.push(text);
      return undefined;
    }
    const startLine = this.carryLine;
    this.pieces.push(text.slice(0, cut));
    const out = this.pieces.join('');
    this.pieces = cut < text.length ? [text.slice(cut)] : [];
    this.carryLine = cutLine;
    return { text: out, startLine };
  }

  private endRecord(): number {
    this.fieldStart = true;
    this.recordLength = 0;
    this.fieldLength = 0;
    this.recordLine = this.line;
    return this.line;
  }

  /** The text left at the end of input, and whether a quoted field was left open (and on which line). */
  end(): { text: string; startLine: number; openQuoteLine?: number } {
    const rest = { text: this.pieces.join(''), startLine: this.carryLine };
    this.pieces = [];
    return this.inQuotes && !this.quotePending ? { ...rest, openQuoteLine: this.recordLine } : rest;
  }
}
