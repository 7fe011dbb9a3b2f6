/** Every campaign the PostgreSQL store holds, with a reader and whether a live worker is sending it (for `wa-ops campaigns --store`). */
import type { LedgerReader } from '../types.js';
import { pgReader } from './campaign-store.js';
import type { PgConnection } from './connect.js';
import { listCampaigns } from './tables/campaigns.js';
import { liveWorkers } from './tables/workers.js';

/** One stored campaign. */
export interface StoredCampaign {
  campaignId: string;
  name: string;
  reader: LedgerReader;
  /** A worker with a recent heartbeat is registered on it. */
  running: boolean;
}

/** The stored campaigns, by name. */
export async function storedCampaigns(conn: PgConnection): Promise<StoredCampaign[]> {
  const rows = (await listCampaigns(conn)).sort((a, b) => a.name.localeCompare(b.name) || a.campaign_id.localeCompare(b.campaign_id));
  const out: StoredCampaign[] = [];
  for (const row of rows) {
    out.push({ campaignId: row.campaign_id, name: row.name, reader: pgReader(conn, row, { name: row.name, ledgerPath: '' }), running: (await liveWorkers(conn, row.campaign_id)) > 0 });
  }
  return out;
}
