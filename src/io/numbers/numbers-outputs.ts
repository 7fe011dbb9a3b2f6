/** The files validate-numbers writes (annotated copy, valid rows, sample), opened together and headed alike. */
import { openCsvOut, type CsvOut } from '../csv/writer.js';
import type { OutputOptions } from '../output-file.js';
import { addedColumnNames } from '../../core/numbers/added-columns.js';


/** The open outputs; `all` holds every one opened, for commit or abort together. */
export interface NumbersOutputs {
  all: CsvOut[];
  annotated?: CsvOut;
  validOut?: CsvOut;
  sampleOut?: CsvOut;
}

/** Open the requested outputs and write their header; one that cannot be opened aborts those opened before it. */
export function openNumbersOutputs(
  paths: { out?: string; validOut?: string; sampleOut?: string },
  header: string[],
  delimiter: string,
  inputs: OutputOptions['inputs'],
): NumbersOutputs {
  const all: CsvOut[] = [];
  const open = (path: string | undefined, flag: string) => {
    if (!path) return undefined;
    try {
      const out = openCsvOut(path, delimiter, { inputs, flag });
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
