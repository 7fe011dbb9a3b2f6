/** The campaign a campaign file means in a store: the one reference every command builds (send, status, status --watch, doctor, store export). */
import { importCommand, type GivenCampaignArgs } from '../../core/store/import-command.js';
import { readHeader } from '../ledger/ledger.js';
import { markerPath, readMarker } from './store-marker.js';
import type { CampaignRef } from './types.js';

export type { GivenCampaignArgs } from '../../core/store/import-command.js';

/**
 * Its name and file hash, its identity when a local ledger has one (so a store finds that campaign and
 * no other), and the import command to print when the store lacks the campaign that local ledger holds.
 */
export function campaignRef(cf: { campaign: { name: string }; ledgerPath: string; sha256: string }, given: GivenCampaignArgs): CampaignRef {
  const command = importCommand({ ...given, storeVariable: given.store ? variableHolding(given.store) : undefined });
  const header = readHeader(cf.ledgerPath);
  // No local ledger: the note a store send left names the campaign, so this folder always means that one.
  const note = header ? undefined : readMarker(cf.ledgerPath);
  const noted = note && { store: note.store, path: markerPath(cf.ledgerPath) };
  return { name: cf.campaign.name, ledgerPath: cf.ledgerPath, campaignHash: cf.sha256, campaignId: header?.campaignId ?? note?.campaignId, importCommand: command, noted };
}

/**
 * The environment variable the --store URL came from (`--store "$DB_URL"`: the shell expanded it, the variable is still
 * exported): its name lets a printed command carry a URL with a password without printing it. WA_OPS_STORE first.
 */
function variableHolding(url: string): string | undefined {
  if (process.env.WA_OPS_STORE === url) return 'WA_OPS_STORE';
  return Object.keys(process.env)
    .sort()
    .find((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && process.env[k] === url);
}
