/** Parse a block of whole CSV records: quoted fields, "" escapes, and every line ending (CRLF, LF, CR alone). */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the parse is: the next character and the file line it is on. */
interface Cursor {
  i: number;
  line: number;
}

/**
 * Call onRecord(cells, line) for each record of `text`, `line` being the file line it starts on.
 * A quote opens a field only at its start; a quote inside an unquoted field is text (like Excel).
 * Returns the line after the last record.
 */
export function eachRecord(text: string, delimiter: string, startLine: number, onRecord: (cells: string[], line: number) => void): number {
  const delim = delimiter.charCodeAt(0);
  const cur: Cursor = { i: 0, line: startLine };
  while (cur.i < text.length) {
    const recordLine = cur.line;
    onRecord(readRecord(text, delim, cur), recordLine);
  }
  return cur.line;
}

/** The cells of the record at the cursor; leaves it after the record's line ending. */
function readRecord(text: string, delim: number, cur: Cursor): string[] {
  const n = text.length;
  const cells: string[] = [];
  for (;;) {
    cells.push(readCell(text, delim, cur));
    if (cur.i >= n) return cells;
    const c = text.charCodeAt(cur.i);
    if (c === delim) {
      cur.i++;
      if (cur.i >= n) {
        cells.push('');
        return cells;
      }
      continue;
    }
    // End of record: CRLF, LF or a lone CR.
    cur.i += c === CR && text.charCodeAt(cur.i + 1) === LF ? 2 : 1;
    cur.line++;
    return cells;
  }
}

/** The cell at the cursor; leaves it on the delimiter or line break after it (or the end). */
function readCell(text: string, delim: number, cur: Cursor): string {
  if (text.charCodeAt(cur.i) !== QUOTE) {
    const k = plainEnd(text, cur.i, delim);
    const cell = text.slice(cur.i, k);
    cur.i = k;
    return cell;
  }
  const value = quotedValue(text, cur);
  // Text after the closing quote (a malformed cell) is kept, not lost.
  const j = cur.i;
  const k = plainEnd(text, j, delim);
  cur.i = k;
  return k > j ? value + text.slice(j, k) : value;
}

/** The index of the first delimiter or line break from `from` (or the end of the text). */
function plainEnd(text: string, from: number, delim: number): number {
  const n = text.length;
  let k = from;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === delim || c === LF || c === CR) break;
    k++;
  }
  return k;
}

/** A quoted field from its opening quote at the cursor: "" is one quote; line breaks inside count as lines. Leaves the cursor after the closing quote. */
function quotedValue(text: string, cur: Cursor): string {
  const n = text.length;
  let start = cur.i + 1;
  let value = '';
  let j = start;
  for (;;) {
    if (j >= n) {
      value += text.slice(start, n);
      break;
    }
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      if (text.charCodeAt(j + 1) === QUOTE) {
        value += text.slice(start, j + 1);
        j += 2;
        start = j;
        continue;
      }
      value += text.slice(start, j);
      j++;
      break;
    }
    if (c === LF) cur.line++;
    else if (c === CR && text.charCodeAt(j + 1) !== LF) cur.line++;
    j++;
  }
  cur.i = j;
  return value;
}

/**
 * A record with nothing in it: an empty line, or only delimiters and spaces (";;;;", the rows Excel exports
 * below a list whose cells were cleared). Not data: skipped wherever records are read, like empty lines.
 */
export function isBlankRecord(cells: readonly string[]): boolean {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

/** The first `max` non-blank records of a text with their lines, trimmed: the header, and what follows it for hints. */
export function leadingRecords(text: string, delimiter: string, startLine: number, max: number): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  try {
    eachRecord(text, delimiter, startLine, (cells, line) => {
      if (isBlankRecord(cells)) return;
      out.push({ line, cells: cells.map((c) => c.trim()) });
      if (out.length >= max) throw STOP;
    });
  } catch (err) {
    if (err !== STOP) throw err;
  }
  return out;
}

/** The first non-blank record of a text (the header), trimmed. */
export function firstRecord(text: string, delimiter: string): string[] {
  let header: string[] | undefined;
  try {
    eachRecord(text, delimiter, 1, (cells) => {
      if (header === undefined && !isBlankRecord(cells)) {
        header = cells;
        throw STOP;
      }
    });
  } catch (err) {
    if (err !== STOP) throw err;
  }
  return (header ?? []).map((h) => h.trim());
}

const STOP = Symbol('stop');
