/** wa-ops status --campaign <file>: where a campaign stands, from its ledger; --export one CSV row per recipient. */
import { replay, summarise } from '../core/campaign/ledger-state.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { openCsvOut } from '../io/csv/writer.js';
import { readLedger } from '../io/ledger/ledger.js';
import { renderSummary } from '../ui/campaign-report.js';
import { info, out, outJson, warn } from '../ui/output.js';
import { term } from '../ui/term.js';

interface Flags {
  campaign: string;
  ledger?: string;
  export?: string;
}

const EXPORT_COLUMNS = ['recipient', 'line', 'state', 'attempts', 'wamid', 'error_code', 'error_details', 'reason', 'first_attempt_at', 'sent_at', 'delivered_at', 'read_at'];

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as unknown as Flags;
  const cf = loadCampaignFile(f.campaign, f.ledger);
  const read = readLedger(cf.ledgerPath);
  if (read.events.length === 0) warn(`no ledger yet at ${cf.ledgerPath}: nothing has been sent for this campaign`);
  const state = replay(read.events);
  const summary = summarise(state, cf.campaign.name);
  if (f.export) {
    const csv = openCsvOut(f.export, ',');
    csv.writeRow(EXPORT_COLUMNS);
    for (const x of state.recipients.values()) {
      csv.writeRow([
        x.r.startsWith('line:') ? '' : x.r,
        String(x.line ?? ''),
        x.status,
        String(x.attempts),
        x.wamid ?? '',
        x.code === undefined ? '' : String(x.code),
        x.details ?? '',
        x.reason ?? '',
        x.firstAttemptAt ?? '',
        x.sentAt ?? '',
        x.deliveredAt ?? '',
        x.readAt ?? '',
      ]);
    }
    csv.commit();
    info(`wrote ${state.recipients.size} rows to ${f.export}`);
  }
  if (term().json) outJson(summary);
  else out(renderSummary(summary));
  return 0;
}
