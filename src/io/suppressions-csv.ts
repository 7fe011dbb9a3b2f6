/** The suppression list and CRM CSV files: numbers in (streamed, classified like validate-numbers), the list out (formula-safe, 0600). */
import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { classifyRow, planRows, type RowPlan } from '../core/numbers/row-plan.js';
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import { leadingLines, openCsv, parseHeader } from './csv/reader.js';
import type { CsvLimits } from './csv/record-splitter.js';
import { eachRecord, isBlankRecord } from './csv/records.js';
import { csvLine, openCsvOut } from './csv/writer.js';
import { checkReplace, inputIdentity, refuseSameFile } from './output-file.js';

/** What a CRM file held: valid numbers and invalid rows, by line, and the columns used. */
export interface NumbersRead {
  /** The input for messages ("standard input" for "-"). */
  label?: string;
  rows: number;
  phoneColumn?: string;
  countryColumn?: string | null;
  /** Why no country column was read when the header suggests one (several, or a "region" column). */
  countryNote?: string;
  /** The area code column joined with the phone column ("Vorwahl"), and why one was not joined. */
  areaCodeColumn?: string | null;
  areaCodeNote?: string;
  numbers: { e164: string; line: number }[];
  invalid: { line: number; reason: string }[];
}

/** Every number of a CSV's phone column, with validate-numbers' column detection (phone and country, in nine languages) and classifier. */
export async function readNumbersCsv(path: string, o: { column?: string; country?: string; countryColumn?: string; limits?: CsvLimits }): Promise<NumbersRead> {
  const source = await openCsv(path, o.limits);
  const delimiter = source.dialect.delimiter;
  const out: NumbersRead = { rows: 0, numbers: [], invalid: [] };
  let plan: RowPlan | undefined;
  for await (const block of source.blocks()) {
    eachRecord(block.text, delimiter, block.startLine, (cells, line) => {
      if (isBlankRecord(cells)) return;
      if (!plan) {
        plan = planRows(source.label, parseHeader(block.text, delimiter), { column: o.column, countryColumn: o.countryColumn, defaultCountry: o.country }, { column: '--column', countryColumn: '--country-column', kind: 'flag' }, leadingLines(block, delimiter));
        return;
      }
      out.rows++;
      const c = classifyRow(cells, plan);
      if (c.valid) out.numbers.push({ e164: c.e164, line });
      else out.invalid.push({ line, reason: c.reason });
    });
  }
  if (!plan) throw new InputError(`${source.label} holds no rows`, { code: 'empty-file' });
  return { ...out, label: source.label, phoneColumn: plan.phoneName, countryColumn: plan.countryName, countryNote: plan.countryNote, areaCodeColumn: plan.areaCodeName, areaCodeNote: plan.areaCodeNote };
}

/** The columns of suppressions export, in order. */
export const EXPORT_COLUMNS = ['phone', 'wa_id', 'reason', 'scope', 'source', 'at', 'by', 'note'];

const row = (r: SuppressionRecord) => [r.e164, r.waId ?? '', r.reason, r.scope, r.source, r.at, r.by ?? '', r.note ?? ''];

/** Write the list as CSV (a CRM re-imports "phone"); to a new file (0600) unless --force, or to stdout. */
export function exportSuppressionsCsv(records: readonly SuppressionRecord[], out: string | undefined, force: boolean, listFile?: string): void {
  // The list itself is never an export's destination, even with --force: that would lose every opt-out.
  if (out !== undefined && listFile !== undefined) {
    refuseSameFile(out, '--out', { inputs: [inputIdentity(listFile)] });
    // By name too: a list not written yet has no inode, and a CSV in its place would stop every later send (not a list).
    if (out !== '-' && resolve(out) === resolve(listFile)) {
      throw new UsageError(`--out ${out} is where the suppression list ${listFile} is kept: a CSV there would replace the list`, { code: 'output-is-input', hint: 'write to another file name' });
    }
  }
  if (out === undefined || out === '-') {
    process.stdout.write([EXPORT_COLUMNS, ...records.map(row)].map((cells) => csvLine(cells, ',')).join(''));
    return;
  }
  checkReplace(out, { flag: '--out', force });
  const csv = openCsvOut(out, ',', { flag: '--out' });
  try {
    csv.writeRow(EXPORT_COLUMNS);
    for (const r of records) csv.writeRow(row(r));
    csv.commit();
  } catch (err) {
    csv.abort();
    throw err;
  }
}
