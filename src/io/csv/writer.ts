/** Write CSV reports safely: formula-safe cells, through the one safe output writer (mode 0600, complete or absent). */
import { openOutput, type OutputOptions } from '../output-file.js';

// Cells a spreadsheet would run as a formula; plain signed numbers ("+49 170 1234567") are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().\-\/]*$/;

/** Neutralise a cell that a spreadsheet would execute, by prefixing an apostrophe. */
export function formulaSafe(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Serialise one CSV row with the given delimiter (with a CRLF line ending unless eol is false). */
export function csvLine(cells: readonly string[], delimiter: string, eol = true): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    const cell = formulaSafe(cells[i] ?? '');
    if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')) {
      line += `"${cell.replace(/"/g, '""')}"`;
    } else line += cell;
  }
  return eol ? line + '\r\n' : line;
}

/** An output CSV being written: rows in, then commit (move into place) or abort. */
export interface CsvOut {
  path: string;
  writeRow(cells: readonly string[]): void;
  writeLine(line: string): void;
  /** Append UTF-8 bytes already redacted (see OutputFile.writeRedacted). */
  writeBytes(bytes: Uint8Array): void;
  /** Flush, close and move the finished file into place. */
  commit(): void;
  /** Remove the unfinished file. */
  abort(): void;
}

/** Open a CSV report ("-" is standard output); commit() makes it appear, complete. `bom` starts it with a UTF-8 byte-order mark (how Excel knows it is UTF-8). */
export function openCsvOut(path: string, delimiter: string, o: OutputOptions & { bom?: boolean } = {}): CsvOut {
  const f = openOutput(path, o);
  if (o.bom) f.write('\uFEFF');
  return {
    path,
    writeRow: (cells) => f.write(csvLine(cells, delimiter)),
    writeLine: (line) => f.write(line),
    writeBytes: (bytes) => f.writeRedacted(bytes),
    commit: () => f.commit(),
    abort: () => f.abort(),
  };
}
