/** The campaign a campaign file means in a store. */
import { readHeader } from '../ledger/ledger.js';
import type { CampaignRef } from './types.js';

/** Its name and file hash, and its identity when a local ledger has one. */
export function campaignRef(cf: { campaign: { name: string }; ledgerPath: string; sha256: string }): CampaignRef {
  return { name: cf.campaign.name, ledgerPath: cf.ledgerPath, campaignHash: cf.sha256, campaignId: readHeader(cf.ledgerPath)?.campaignId };
}
