/** Write CSV reports safely: mode 0600, formula-safe cells, and a file appears only when complete. */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';

// Cells a spreadsheet would run as a formula; plain signed numbers ("+49 170 1234567") are left alone.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().\-\/]*$/;

/** Neutralise a cell that a spreadsheet would execute, by prefixing an apostrophe. */
export function formulaSafe(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Serialise one CSV row with the given delimiter. */
export function csvLine(cells: readonly string[], delimiter: string): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    const cell = formulaSafe(cells[i] ?? '');
    if (cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')) {
      line += `"${cell.replace(/"/g, '""')}"`;
    } else line += cell;
  }
  return line + '\r\n';
}

export interface CsvOut {
  path: string;
  writeRow(cells: readonly string[]): void;
  writeLine(line: string): void;
  /** Flush, close and move the finished file into place. */
  commit(): void;
  /** Remove the unfinished file. */
  abort(): void;
}

/** Open a report for writing under a temporary name; commit() renames it into place. */
export function openCsvOut(path: string, delimiter: string): CsvOut {
  const temp = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  let fd: number;
  try {
    fd = openSync(temp, 'w', 0o600);
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code}`, {
      code: 'unwritable-output',
      hint: 'check that the folder exists and is writable',
    });
  }
  let buffer = '';
  let open = true;
  const flush = () => {
    // Flushes fall on row boundaries and a secret is one line, so redacting per flush sees every secret whole.
    if (buffer.length > 0) writeSync(fd, redact(buffer));
    buffer = '';
  };
  return {
    path,
    writeRow(cells) {
      buffer += csvLine(cells, delimiter);
      if (buffer.length > 1 << 20) flush();
    },
    writeLine(line) {
      buffer += line;
      if (buffer.length > 1 << 20) flush();
    },
    commit() {
      flush();
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(temp, path);
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    },
  };
}
