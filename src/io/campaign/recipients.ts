/** Load a campaign's recipient list with the validate-numbers classifier: same columns, same regions, same verdicts. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Campaign } from '../../core/campaign/schema.js';
import { InputError } from '../../core/errors.js';
import { pickNamed } from '../../core/numbers/columns.js';
import { mobileCapable } from '../../core/numbers/readings.js';
import { classifyRow, describeHeader, planRows, type RowPlan } from '../../core/numbers/row-plan.js';
import { leadingLines, openCsv, parseHeader } from '../csv/reader.js';
import type { CsvLimits } from '../csv/record-splitter.js';
import { eachRecord, isBlankRecord } from '../csv/records.js';

/** A recipient of the list: number, region, line and the mapped column values. */
export interface Recipient {
  e164: string;
  /** ISO2 region of the number ("" for non-geographic). */
  region: string;
  line: number;
  /** Values of the mapped columns, in the order asked for. */
  values: string[];
}

/** A list row that is not sent to, and why. */
export interface SkippedRow {
  /** "line:<n>" for rows without a usable number, else the E.164. */
  key: string;
  line: number;
  reason: string;
}

/** A campaign's list read: recipients, skipped rows, the columns chosen and what was noticed. */
export interface RecipientList {
  rows: number;
  recipients: Recipient[];
  skipped: SkippedRow[];
  columns: string[];
  sha256: string;
  /** The columns read (phone, country or null), as validate-numbers reports them, and why no country column was read when the header suggests one. */
  chosen: { phone: string; areaCode: string | null; country: string | null; note?: string };
  /** Rows whose "+" was added (assumed-international). */
  assumedInternational: number;
  /** Rows read with the trunk "0" Excel dropped put back (leading-zero-restored). */
  leadingZeroRestored: number;
  /** Rows with another field count than the header: how many, and the first lines. */
  fieldCountMismatches: { count: number; lines: number[] };
  /** Recipients whose number cannot be a mobile (landline, toll-free, premium): how many of each type, and the first lines. */
  notMobile: { types: Record<string, number>; lines: number[] };
}

/** The classifier options of a campaign: the same as validate-numbers' --column, --country-column and --country. */
export interface RecipientOptions {
  phoneColumn?: string;
  countryColumn?: string;
  defaultCountry?: string;
  columns: string[];
  /** Caps on a record's and a field's length (--max-line-length, --max-field-length); default: the documented ones. */
  limits?: CsvLimits;
}

/** The classifier options a campaign file sets, with the columns its parameters map (and the caps the command was given). */
export function recipientOptions(c: Pick<Campaign, 'phoneColumn' | 'countryColumn' | 'defaultCountry'>, columns: string[], limits?: CsvLimits): RecipientOptions {
  return { phoneColumn: c.phoneColumn, countryColumn: c.countryColumn, defaultCountry: c.defaultCountry, columns, limits };
}

/** Read and validate every row; `columns` are the mapped columns whose values each recipient keeps. */
export async function loadRecipients(path: string, o: RecipientOptions): Promise<RecipientList> {
  const source = await openCsv(path, o.limits);
  const delimiter = source.dialect.delimiter;
  const recipients: Recipient[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  let header: string[] | undefined;
  let plan: RowPlan | undefined;
  let indexes: number[] = [];
  let rows = 0;
  let assumed = 0;
  let restored = 0;
  const mismatches: { count: number; lines: number[] } = { count: 0, lines: [] };
  const notMobile: { types: Record<string, number>; lines: number[] } = { types: {}, lines: [] };
  for await (const block of source.blocks()) {
    eachRecord(block.text, delimiter, block.startLine, (cells, at) => {
      if (isBlankRecord(cells)) return;
      if (!header) {
        header = parseHeader(block.text, delimiter);
        plan = planRows(path, header, { column: o.phoneColumn, countryColumn: o.countryColumn, defaultCountry: o.defaultCountry }, { column: '"phoneColumn"', countryColumn: '"countryColumn"', kind: 'key' }, leadingLines(block, delimiter));
        indexes = o.columns.map((c) => {
          const p = pickNamed(header!, c);
          if (!p.ok) throw new InputError(`${path}: the campaign maps column "${c}", which the list does not have (${describeHeader(header!, header!)})`, { code: 'unknown-column', hint: 'fix "parameters" in the campaign file' });
          return p.index;
        });
        return;
      }
      rows++;
      if (cells.length !== header.length) {
        mismatches.count++;
        if (mismatches.lines.length < 5) mismatches.lines.push(at);
      }
      const c = classifyRow(cells, plan!);
      if (!c.valid) {
        skipped.push({ key: `line:${at}`, line: at, reason: `invalid number: ${c.reason}` });
        return;
      }
      if (c.detail === 'assumed-international') assumed++;
      else if (c.detail === 'leading-zero-restored') restored++;
      const first = seen.get(c.e164);
      if (first !== undefined) {
        skipped.push({ key: `line:${at}`, line: at, reason: `duplicate of line ${first}` });
        return;
      }
      seen.set(c.e164, at);
      if (!mobileCapable(c.type)) {
        notMobile.types[c.type] = (notMobile.types[c.type] ?? 0) + 1;
        if (notMobile.lines.length < 5) notMobile.lines.push(at);
      }
      recipients.push({ e164: c.e164, region: c.region, line: at, values: indexes.map((i) => cells[i] ?? '') });
    });
  }
  if (!header || !plan) throw new InputError(`${path} holds no rows`, { code: 'empty-file' });
  return { rows, recipients, skipped, columns: o.columns, sha256: await sha256File(path), chosen: { phone: plan.phoneName, areaCode: plan.areaCodeName, country: plan.countryName, note: [plan.countryNote, plan.areaCodeNote].filter(Boolean).join('; ') || undefined }, assumedInternational: assumed, leadingZeroRestored: restored, fieldCountMismatches: mismatches, notMobile };
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
