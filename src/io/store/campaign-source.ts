/** The campaign a campaign file means in a store: the one reference every command builds (send, status, status --watch, doctor, store export). */
import { importCommand, type GivenCampaignArgs } from '../../core/store/import-command.js';
import { readHeader } from '../ledger/ledger.js';
import type { CampaignRef } from './types.js';

export type { GivenCampaignArgs } from '../../core/store/import-command.js';

/**
 * Its name and file hash, its identity when a local ledger has one (so a store finds that campaign and
 * no other), and the import command to print when the store lacks the campaign that local ledger holds.
 */
export function campaignRef(cf: { campaign: { name: string }; ledgerPath: string; sha256: string }, given: GivenCampaignArgs): CampaignRef {
  return { name: cf.campaign.name, ledgerPath: cf.ledgerPath, campaignHash: cf.sha256, campaignId: readHeader(cf.ledgerPath)?.campaignId, importCommand: importCommand(given) };
}
