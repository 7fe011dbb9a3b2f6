/** What a campaign that has not sent yet holds: its list's rows, the ones set aside, the ones to send (status and campaigns agree). */
import type { CampaignSummary } from '../core/campaign/ledger-state.js';
import { mappedColumns, renderPayload } from '../core/campaign/render.js';
import type { Campaign } from '../core/campaign/schema.js';
import type { CampaignFile } from './campaign/campaign-file.js';
import { loadRecipients, recipientOptions, type RecipientList, type SkippedRow } from './campaign/recipients.js';
import type { CsvLimits } from './csv/record-splitter.js';

/** The list as send sees it: rows whose values Meta would refuse are set aside (skipped), not recipients. */
export type CampaignList = RecipientList & {
  /** The valid numbers whose rows are set aside for their values: still the list's (send counts them as listed). */
  valueSkipped: ReadonlySet<string>;
};

/** Read the campaign's list the way send does. Throws the list's InputError (missing file, no phone column ...). */
export async function readCampaignList(cf: CampaignFile, limits?: CsvLimits): Promise<CampaignList> {
  const list = await loadRecipients(cf.recipientsPath, recipientOptions(cf.campaign, mappedColumns(cf.campaign), limits));
  return setAsideValues(list, cf.campaign);
}

/**
 * Send renders every payload before it sends and skips rows with an empty value, a newline, a tab or 5+ spaces
 * (Meta refuses them with 132018): status and campaigns count those rows skipped too, not pending. The check needs
 * only the campaign's parameter mapping, no template and no network.
 */
function setAsideValues(list: RecipientList, c: Campaign): CampaignList {
  const recipients: RecipientList['recipients'] = [];
  const extra: SkippedRow[] = [];
  for (const r of list.recipients) {
    const rendered = renderPayload(c, { e164: r.e164, value: (col) => r.values[list.columns.indexOf(col)], callbackData: '' });
    if ('problem' in rendered) extra.push({ key: r.e164, line: r.line, reason: rendered.problem });
    else recipients.push(r);
  }
  if (extra.length === 0) return { ...list, valueSkipped: new Set() };
  return { ...list, recipients, skipped: [...list.skipped, ...extra].sort((a, b) => a.line - b.line), valueSkipped: new Set(extra.map((s) => s.key)) };
}

/** The counts of a campaign without a ledger: every row of the list, invalid, duplicate and unsendable rows skipped, the rest pending. */
export function notStartedCounts(list: Pick<RecipientList, 'rows' | 'skipped'>): Pick<CampaignSummary, 'total' | 'skipped' | 'pending'> {
  return { total: list.rows, skipped: list.skipped.length, pending: list.rows - list.skipped.length };
}
