/** Which numbers a campaign sends from. */
import { missingConfig } from '../../core/missing-config.js';
import type { Settings } from '../config.js';
import type { CampaignFile } from './campaign-file.js';

/** Senders: the campaign's, else WA_OPS_PHONE_NUMBER_ID, else those the interrupted run used. */
export function resolveSenders(cf: CampaignFile, settings: Settings, kept: string[] | undefined): string[] {
  const senders = cf.campaign.senders.length > 0 ? cf.campaign.senders : settings.phoneNumberId ? [settings.phoneNumberId] : (kept ?? []);
  if (senders.length === 0) throw missingConfig('phoneNumberId', 'no sender: set "senders" in the campaign or WA_OPS_PHONE_NUMBER_ID');
  return senders;
}
