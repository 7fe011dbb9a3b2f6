/** What a campaign that has not sent yet holds: its list's rows, the ones set aside, the ones to send (status and campaigns agree). */
import type { CampaignSummary } from '../core/campaign/ledger-state.js';
import { mappedColumns } from '../core/campaign/render.js';
import type { CampaignFile } from './campaign/campaign-file.js';
import { loadRecipients, recipientOptions, type RecipientList } from './campaign/recipients.js';
import type { CsvLimits } from './csv/record-splitter.js';

/** Read the campaign's list the way send does. Throws the list's InputError (missing file, no phone column ...). */
export function readCampaignList(cf: CampaignFile, limits?: CsvLimits): Promise<RecipientList> {
  return loadRecipients(cf.recipientsPath, recipientOptions(cf.campaign, mappedColumns(cf.campaign), limits));
}

/** The counts of a campaign without a ledger: every row of the list, invalid and duplicate rows skipped, the rest pending. */
export function notStartedCounts(list: Pick<RecipientList, 'rows' | 'skipped'>): Pick<CampaignSummary, 'total' | 'skipped' | 'pending'> {
  return { total: list.rows, skipped: list.skipped.length, pending: list.rows - list.skipped.length };
}
