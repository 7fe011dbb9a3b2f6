/** Load a campaign's recipient list: validated with the validate-numbers core, duplicates and bad rows set aside. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.js';
import { classify } from '../../core/numbers/classify.js';
import { pickNamed, pickPhoneColumn } from '../../core/numbers/columns.js';
import { openCsv, parseHeader } from '../csv/reader.js';

export interface Recipient {
  e164: string;
  /** ISO2 region of the number ("" for non-geographic). */
  region: string;
  line: number;
  /** Values of the mapped columns, in the order asked for. */
  values: string[];
}

export interface SkippedRow {
  /** "line:<n>" for rows without a usable number, else the E.164. */
  key: string;
  line: number;
  reason: string;
}

export interface RecipientList {
  rows: number;
  recipients: Recipient[];
  skipped: SkippedRow[];
  columns: string[];
  sha256: string;
}

/** Read and validate every row; `columns` are the mapped columns whose values each recipient keeps. */
export async function loadRecipients(path: string, o: { phoneColumn?: string; defaultCountry?: string; columns: string[] }): Promise<RecipientList> {
  const source = await openCsv(path);
  const delimiter = source.dialect.delimiter;
  const recipients: Recipient[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  let header: string[] | undefined;
  let phoneIndex = -1;
  let indexes: number[] = [];
  let rows = 0;
  for await (const block of source.blocks()) {
    const records = parse(block.text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    let line = block.startLine;
    for (const cells of records) {
      const at = line;
      line += 1 + cells.reduce((n, c) => n + (c.includes('\n') ? c.split('\n').length - 1 : 0), 0);
      if (cells.length === 1 && cells[0] === '') continue;
      if (!header) {
        header = parseHeader(block.text, delimiter);
        const pick = pickPhoneColumn(header, o.phoneColumn);
        if (!pick.ok) {
          throw new InputError(`${path}: ${o.phoneColumn ? `no column named "${o.phoneColumn}"` : 'no single phone column'} (columns: ${header.join(', ')})`, {
            code: 'no-phone-column',
            hint: 'set "phoneColumn" in the campaign file',
          });
        }
        phoneIndex = pick.index;
        indexes = o.columns.map((c) => {
          const p = pickNamed(header!, c);
          if (!p.ok) throw new InputError(`${path}: the campaign maps column "${c}", which the list does not have (columns: ${header!.join(', ')})`, { code: 'unknown-column', hint: 'fix "parameters" in the campaign file' });
          return p.index;
        });
        continue;
      }
      rows++;
      const c = classify(cells[phoneIndex] ?? '', o.defaultCountry);
      if (!c.valid) {
        skipped.push({ key: `line:${at}`, line: at, reason: `invalid number: ${c.reason}` });
        continue;
      }
      const first = seen.get(c.e164);
      if (first !== undefined) {
        skipped.push({ key: `line:${at}`, line: at, reason: `duplicate of line ${first}` });
        continue;
      }
      seen.set(c.e164, at);
      recipients.push({ e164: c.e164, region: c.region, line: at, values: indexes.map((i) => cells[i] ?? '') });
    }
  }
  if (!header) throw new InputError(`${path} holds no rows`, { code: 'empty-file' });
  return { rows, recipients, skipped, columns: o.columns, sha256: await sha256File(path) };
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}
