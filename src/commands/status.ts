/** wa-ops status --campaign <file>: where a campaign stands, from its ledger; --export one CSV row per recipient. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { replay, summarise, type LedgerState } from '../core/campaign/ledger-state.js';
import { costPlan } from '../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../core/campaign/pricing.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadRecipients } from '../io/campaign/recipients.js';
import { mappedColumns } from '../core/campaign/render.js';
import { loadConfig } from '../io/config.js';
import { openCsvOut } from '../io/csv/writer.js';
import { readCampaign } from '../io/store/campaign-source.js';
import { renderSummary } from '../ui/campaign-report.js';
import { info, out, outJson, warn } from '../ui/output.js';
import { term } from '../ui/term.js';

interface Flags {
  campaign: string;
  ledger?: string;
  store?: string;
  export?: string;
  config?: string;
}

const EXPORT_COLUMNS = ['recipient', 'line', 'state', 'attempts', 'wamid', 'error_code', 'error_details', 'reason', 'first_attempt_at', 'sent_at', 'delivered_at', 'read_at'];

/** What was spent so far: delivered messages are charged; sent ones are the upper bound. */
function spent(state: LedgerState, pricing: unknown) {
  const prices = mergePrices(DEFAULT_PRICES, pricing);
  const category = state.header?.category ?? 'MARKETING';
  const region = (r: string) => parsePhoneNumberFromString(r)?.country ?? 'other';
  const sent = [...state.recipients.values()].filter((x) => x.status === 'sent' || x.deliveredAt || x.readAt).map((x) => ({ region: region(x.r) }));
  const delivered = [...state.recipients.values()].filter((x) => x.deliveredAt || x.readAt).map((x) => ({ region: region(x.r) }));
  const upTo = costPlan(prices, category, sent);
  return { currency: upTo.currency, ratesDate: upTo.date, category: upTo.category, delivered: costPlan(prices, category, delivered).total, upTo: upTo.total };
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as unknown as Flags;
  const cf = loadCampaignFile(f.campaign, f.ledger);
  const loaded = loadConfig({ configPath: f.config, flags: { store: f.store } });
  const read = await readCampaign(loaded, cf);
  if (read.events.length === 0) warn(`no ledger yet at ${cf.ledgerPath}: nothing has been sent for this campaign`);
  const state = replay(read.events);
  const cost = spent(state, loaded.file?.data.pricing);
  const summary = { ...summarise(state, cf.campaign.name), cost };
  if (read.events.length === 0) {
    // Nothing sent yet: the list itself says how many would be sent and how many set aside.
    const list = await loadRecipients(cf.recipientsPath, { phoneColumn: cf.campaign.phoneColumn, defaultCountry: cf.campaign.defaultCountry, columns: mappedColumns(cf.campaign) });
    Object.assign(summary, { total: list.rows, skipped: list.skipped.length, pending: list.recipients.length });
  }
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
  else out(`${renderSummary(summary)}\nspent so far: ${cost.currency} ${cost.delivered.toFixed(2)} for delivered messages (at most ${cost.currency} ${cost.upTo.toFixed(2)} for all sent; ${cost.category} rates of ${cost.ratesDate})`);
  return 0;
}
