/** Parse a block of whole CSV records: quoted fields, "" escapes, and every line ending (CRLF, LF, CR alone). */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Call onRecord(cells, line) for each record of `text`, `line` being the file line it starts on.
 * A quote opens a field only at its start; a quote inside an unquoted field is text (like Excel).
 * Returns the line after the last record.
 */
export function eachRecord(text: string, delimiter: string, startLine: number, onRecord: (cells: string[], line: number) => void): number {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let line = startLine;
  let i = 0;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: up to the closing quote; "" is one quote; line breaks inside count as lines.
        let start = i + 1;
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
          if (c === LF) line++;
          else if (c === CR && text.charCodeAt(j + 1) !== LF) line++;
          j++;
        }
        // Text after the closing quote (a malformed cell) is kept, not lost.
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        cell = k > j ? value + text.slice(j, k) : value;
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === LF || c === CR) break;
          k++;
        }
        cell = text.slice(i, k);
        i = k;
      }
      cells.push(cell);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      // End of record: CRLF, LF or a lone CR.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    onRecord(cells, recordLine);
  }
  return line;
}

/** The first non-empty record of a text (the header), trimmed. */
export function firstRecord(text: string, delimiter: string): string[] {
  let header: string[] | undefined;
  try {
    eachRecord(text, delimiter, 1, (cells) => {
      if (header === undefined && !(cells.length === 1 && cells[0].trim() === '')) {
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
