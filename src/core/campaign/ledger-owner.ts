/** Whether a ledger is this campaign's: a ledger whose header names another campaign is refused before anything is sent. */
import { InputError } from '../errors.js';
import type { LedgerState } from './ledger-state.js';

/**
 * The refusal for a ledger kept by another campaign (a folder copied for next month's campaign, a wrong --ledger):
 * used as this one's, everyone the other campaign reached would be skipped, and this campaign's earlier recipients
 * sent again. Undefined when the ledger is new or its latest header names this campaign.
 */
export function otherCampaignsLedger(state: LedgerState, name: string, where: string): InputError | undefined {
  const h = otherOwner(state, name);
  if (!h) return undefined;
  return new InputError(`the ledger ${where} belongs to the campaign "${h.campaign}" (${h.campaignId}), not to "${name}": nothing was sent`, {
    code: 'ledger-of-another-campaign',
    hint: `a new campaign needs its own ledger: move that file aside or pass --ledger with a new file; if this is "${h.campaign}" renamed, set "name" back to "${h.campaign}" in the campaign file`,
  });
}

/** The header of a ledger kept by another campaign than `name` (undefined for a new ledger or this campaign's). */
export function otherOwner(state: LedgerState, name: string): { campaign: string; campaignId: string } | undefined {
  const h = state.header;
  return h && h.campaign !== name ? h : undefined;
}
