/** The suppression list and CRM CSV files: numbers in (streamed, classified like validate-numbers), the list out (formula-safe, 0600). */
import { existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { classify } from '../core/numbers/classify.js';
import { pickNamed, pickPhoneColumn } from '../core/numbers/columns.js';
import { countryOfCell } from '../core/numbers/country-cell.js';
import { describeHeader } from '../core/numbers/row-plan.js';
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import { openCsv, parseHeader } from './csv/reader.js';
import { csvLine, openCsvOut } from './csv/writer.js';

export interface NumbersRead {
  rows: number;
  numbers: { e164: string; line: number }[];
  invalid: { line: number; reason: string }[];
}

/** Every number of a CSV's phone column (detected like validate-numbers unless named), classified. */
export async function readNumbersCsv(path: string, o: { column?: string; country?: string; countryColumn?: string }): Promise<NumbersRead> {
  const source = await openCsv(path);
  const delimiter = source.dialect.delimiter;
  const out: NumbersRead = { rows: 0, numbers: [], invalid: [] };
  let phone = -1;
  let region = -1;
  let header: string[] | undefined;
  for await (const block of source.blocks()) {
    const records = parse(block.text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    let line = block.startLine;
    for (const cells of records) {
      const at = line;
      line += 1 + cells.reduce((n, c) => n + (c.split('\n').length - 1), 0);
      if (cells.length === 1 && cells[0] === '') continue;
      if (!header) {
        header = parseHeader(block.text, delimiter);
        const pick = pickPhoneColumn(header, o.column);
        if (!pick.ok) {
          const what = pick.problem === 'several' ? `several phone columns (${pick.candidates.join(', ')})` : o.column ? `no column named "${o.column}"` : 'no phone column';
          throw new InputError(`${path}:1: ${what}; ${describeHeader(header, header)}`, { code: 'no-phone-column', hint: 'name the column with --column <name>' });
        }
        phone = pick.index;
        if (o.countryColumn) {
          const c = pickNamed(header, o.countryColumn);
          if (!c.ok) throw new InputError(`${path}:1: no column named "${o.countryColumn}"; ${describeHeader(header, header)}`, { code: 'unknown-column', hint: 'check --country-column' });
          region = c.index;
        }
        continue;
      }
      out.rows++;
      // The country cell read like validate-numbers reads it (ISO2, ISO3, calling code or name).
      const rowRegion = region >= 0 ? (countryOfCell(cells[region] ?? '') ?? o.country) : o.country;
      const c = classify(cells[phone] ?? '', rowRegion);
      if (c.valid) out.numbers.push({ e164: c.e164, line: at });
      else out.invalid.push({ line: at, reason: c.reason });
    }
  }
  if (!header) throw new InputError(`${path} holds no rows`, { code: 'empty-file' });
  return out;
}

export const EXPORT_COLUMNS = ['phone', 'wa_id', 'reason', 'scope', 'source', 'at', 'by', 'note'];

const row = (r: SuppressionRecord) => [r.e164, r.waId ?? '', r.reason, r.scope, r.source, r.at, r.by ?? '', r.note ?? ''];

/** Write the list as CSV (a CRM re-imports "phone"); to a new file (0600) unless --force, or to stdout. */
export function exportSuppressionsCsv(records: readonly SuppressionRecord[], out: string | undefined, force: boolean): void {
  if (out === undefined || out === '-') {
    process.stdout.write([EXPORT_COLUMNS, ...records.map(row)].map((cells) => csvLine(cells, ',')).join(''));
    return;
  }
  if (existsSync(out) && !force) throw new InputError(`${out} already exists`, { code: 'file-exists', hint: 'pick another --out, or pass --force to replace it' });
  const csv = openCsvOut(out, ',');
  try {
    csv.writeRow(EXPORT_COLUMNS);
    for (const r of records) csv.writeRow(row(r));
    csv.commit();
  } catch (err) {
    csv.abort();
    throw err;
  }
}
