/** Cut decoded CSV text into blocks of whole records (quote-aware), so blocks can be parsed in parallel. */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Follows the same quoting rules as the parser (a quote opens a field only at its start; "" is an
 * escaped quote) and remembers its state across chunks, so a record split between chunks stays whole.
 */
export class RecordSplitter {
  private carry = '';
  private inQuotes = false;
  private quotePending = false;
  private fieldStart = true;
  /** Line (1-based) on which the current carry starts. */
  private carryLine = 1;
  /** Line on which the record being scanned started (for unterminated-quote messages). */
  private recordLine = 1;
  private line = 1;
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Add text; returns the complete records so far (with the line they start on), or undefined. */
  push(text: string): { text: string; startLine: number } | undefined {
    const from = this.carry.length;
    const all = this.carry + text;
    let cut = -1;
    let cutLine = 0;
    for (let i = from; i < all.length; i++) {
      const c = all.charCodeAt(i);
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) continue; // "" inside a quoted field
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === QUOTE) this.quotePending = true;
        else if (c === LF) this.line++;
        continue;
      }
      if (c === QUOTE) {
        if (this.fieldStart) this.inQuotes = true;
        this.fieldStart = false;
      } else if (c === this.delim) this.fieldStart = true;
      else if (c === LF) {
        this.line++;
        this.fieldStart = true;
        cut = i;
        cutLine = this.line;
        this.recordLine = this.line;
      } else if (c !== CR) this.fieldStart = false;
    }
    if (cut < 0) {
      this.carry = all;
      return undefined;
    }
    const startLine = this.carryLine;
    this.carry = all.slice(cut + 1);
    this.carryLine = cutLine;
    return { text: all.slice(0, cut + 1), startLine };
  }

  /** The text left at the end of input, and whether a quoted field was left open (and on which line). */
  end(): { text: string; startLine: number; openQuoteLine?: number } {
    const rest = { text: this.carry, startLine: this.carryLine };
    this.carry = '';
    return this.inQuotes && !this.quotePending ? { ...rest, openQuoteLine: this.recordLine } : rest;
  }
}
