/** The files validate-numbers writes (annotated copy, valid rows, sample), opened together and headed alike. */
import { openCsvOut, type CsvOut } from '../csv/writer.js';
import type { OutputOptions } from '../output-file.js';
import { addedColumnNames } from '../../core/numbers/added-columns.js';
import { isOwnNumbersCsv } from '../../core/own-output.js';

/** The open outputs; `all` holds every one opened, for commit or abort together. */
export interface NumbersOutputs {
  all: CsvOut[];
  annotated?: CsvOut;
  validOut?: CsvOut;
  sampleOut?: CsvOut;
}

/**
 * Open the requested outputs and write their header; one that cannot be opened aborts those opened before it.
 * `bom`: true starts every output with a UTF-8 BOM, false none, undefined one for files (not "-") when the list came from Excel
 * (`fromExcel`: it had a BOM, or was Windows-1252, what Excel's plain "CSV" saves).
 */
export function openNumbersOutputs(
  paths: { out?: string; validOut?: string; sampleOut?: string; force?: boolean; bom?: boolean },
  header: string[],
  delimiter: string,
  inputs: OutputOptions['inputs'],
  fromExcel = false,
): NumbersOutputs {
  const all: CsvOut[] = [];
  const open = (path: string | undefined, flag: string) => {
    if (!path) return undefined;
    try {
      // An earlier run's output (its header ends with the added columns) is replaced; a user's file only with --force.
      // Excel reads a CSV without a BOM as the system's code page ("Müller" turns into "MÃ¼ller"): a list that came from Excel goes back with one.
      const bom = paths.bom ?? (fromExcel && path !== '-');
      const out = openCsvOut(path, delimiter, { inputs, flag, ours: isOwnNumbersCsv, force: paths.force, bom });
      all.push(out);
      return out;
    } catch (err) {
      for (const out of all) out.abort();
      throw err;
    }
  };
  const annotated = open(paths.out, '--out');
  const validOut = open(paths.validOut, '--valid-out');
  const sampleOut = open(paths.sampleOut, '--sample-out');
  for (const out of all) out.writeRow([...header, ...addedColumnNames(header)]);
  return { all, annotated, validOut, sampleOut };
}
