/** Where a command reads a campaign's ledger from: the local file, or the PostgreSQL store (status, export). */
import { InputError } from '../../core/errors.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import type { LoadedConfig } from '../config.js';
import { readHeader, readLedger } from '../ledger/ledger.js';
import { chooseStore } from './selection.js';
import type { CampaignRef } from './types.js';

export interface StoredCampaign {
  /** Ledger events, then the webhook statuses the store holds for the campaign (PostgreSQL). */
  events: LedgerEvent[];
  /** Where they came from, for messages. */
  location: string;
  kind: 'files' | 'postgres';
}

/** The campaign a campaign file means in a store: its name and hash, and its identity when a local ledger has one. */
export function campaignRef(cf: { campaign: { name: string }; ledgerPath: string; sha256: string }): CampaignRef {
  return { name: cf.campaign.name, ledgerPath: cf.ledgerPath, campaignHash: cf.sha256, campaignId: readHeader(cf.ledgerPath)?.campaignId };
}

/**
 * Read a campaign: the ledger file with files; with PostgreSQL the stored ledger and its statuses,
 * refusing (exit 2) when the store does not hold the campaign.
 */
export async function readCampaign(loaded: LoadedConfig, cf: { path: string; campaign: { name: string }; ledgerPath: string; sha256: string }): Promise<StoredCampaign> {
  const choice = chooseStore(loaded);
  if (choice.location.kind !== 'postgres') return { events: readLedger(cf.ledgerPath).events, location: cf.ledgerPath, kind: 'files' };
  const [{ openPgStore }, { resolveCampaign }, { readEvents }, { forEachStatusEvent }, { closePg }] = await Promise.all([
    import('./pg/open.js'),
    import('./pg/campaign-store.js'),
    import('./pg/tables/ledger-events.js'),
    import('./pg/status-events.js'),
    import('./pg/connect.js'),
  ]);
  try {
    const conn = await openPgStore(choice.location.url, choice.source);
    const row = await resolveCampaign(conn, campaignRef(cf));
    if (!row) {
      throw new InputError(`the store ${conn.redacted} holds no campaign "${cf.campaign.name}"`, {
        code: 'store-no-campaign',
        hint: `send or import it first: wa-ops send --campaign ${cf.path} with the same store, or wa-ops store import --campaign ${cf.path} to move its local ledger in`,
      });
    }
    const events: LedgerEvent[] = [];
    for await (const { event } of readEvents(conn, row.campaign_id)) events.push(event);
    await forEachStatusEvent(conn, row.campaign_id, (e) => events.push(e));
    return { events, location: `${conn.redacted} (campaign ${row.campaign_id})`, kind: 'postgres' };
  } finally {
    await closePg();
  }
}
