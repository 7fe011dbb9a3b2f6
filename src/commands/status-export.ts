/** status --export: one CSV row per recipient (state, wamid, error, times), in list order. */
import type { LedgerState, RecipientState } from '../core/campaign/ledger-state.js';
import type { RecipientList } from '../io/campaign/recipients.js';
import { csvHeaderIs } from '../core/own-output.js';
import { openCsvOut } from '../io/csv/writer.js';
import { inputIdentity } from '../io/output-file.js';

/** The export's columns, in order. */
export const EXPORT_COLUMNS = ['recipient', 'line', 'state', 'attempts', 'wamid', 'error_code', 'error_details', 'reason', 'first_attempt_at', 'sent_at', 'delivered_at', 'read_at'];

const isoOf = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

function row(x: RecipientState | undefined, r: string, line: number | undefined): string[] {
  return [
    r.startsWith('line:') ? '' : r,
    String(line ?? x?.line ?? ''),
    x?.status ?? 'pending',
    String(x?.attempts ?? 0),
    x?.wamid ?? '',
    x?.code === undefined ? '' : String(x.code),
    x?.details ?? '',
    x?.reason ?? '',
    isoOf(x?.firstAttemptAt),
    isoOf(x?.sentAt),
    isoOf(x?.deliveredAt),
    isoOf(x?.readAt),
  ];
}

/**
 * One row per recipient of the list (pending and skipped ones included, in list order by CSV line), then those the
 * ledger holds an outcome for (sent, failed, unknown ...) that the list no longer has: as many rows as `total`. A skip
 * or a pending entry of an earlier version of the list is not a recipient of this one.
 */
export function writeExport(path: string, state: LedgerState, list: RecipientList | undefined, inputs: string[] = [], force = false): number {
  // The export must never replace the campaign file, its list or its ledger, nor (without --force) a file that is not an earlier export.
  const csv = openCsvOut(path, ',', { inputs: inputs.map(inputIdentity), flag: '--export', ours: csvHeaderIs(EXPORT_COLUMNS), force });
  csv.writeRow(EXPORT_COLUMNS);
  let rows = 0;
  const seen = new Set<string>();
  const recipients = list?.recipients ?? [];
  const skipped = list?.skipped ?? [];
  // Both lists come in line order: merge them rather than sort a copy (a list may hold millions of rows).
  for (let i = 0, j = 0; i < recipients.length || j < skipped.length; ) {
    if (j >= skipped.length || (i < recipients.length && recipients[i].line <= skipped[j].line)) {
      const r = recipients[i++];
      seen.add(r.e164);
      csv.writeRow(row(state.recipients.get(r.e164), r.e164, r.line));
      rows++;
      continue;
    }
    const s = skipped[j++];
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    const x = state.recipients.get(s.key);
    csv.writeRow(row(x ?? { r: s.key, status: 'skipped', attempts: 0, reason: s.reason, line: s.line }, s.key, s.line));
    rows++;
  }
  for (const x of state.recipients.values()) {
    if (seen.has(x.r) || x.status === 'pending' || x.status === 'skipped') continue;
    csv.writeRow(row(x, x.r, x.line));
    rows++;
  }
  csv.commit();
  return rows;
}
