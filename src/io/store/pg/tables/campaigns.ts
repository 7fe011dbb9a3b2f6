/** Table wa_ops.campaigns: one row per campaign identity (the ledger header's campaignId), with its first header. */
import type { Queryable } from '../connect.js';

/** DDL by schema version. */
export const DDL: Record<number, string[]> = {
  1: [
    `CREATE TABLE IF NOT EXISTS wa_ops.campaigns (
       campaign_id text PRIMARY KEY,
       name text NOT NULL,
       header json NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  ],
};

/** A row of wa_ops.campaigns. */
export interface CampaignRow {
  campaign_id: string;
  name: string;
  header: Record<string, unknown>;
  created_at: Date;
}

type Q = Queryable;

/** The campaign with this identity, if the store holds it. */
export async function findCampaign(q: Q, campaignId: string): Promise<CampaignRow | undefined> {
  return (await q.query<CampaignRow>('SELECT campaign_id, name, header, created_at FROM wa_ops.campaigns WHERE campaign_id = $1', [campaignId])).rows[0];
}

/** Create the campaign unless it exists; true when this call created it. */
export async function createCampaign(q: Q, campaignId: string, name: string, header: object): Promise<boolean> {
  const res = await q.query('INSERT INTO wa_ops.campaigns (campaign_id, name, header) VALUES ($1, $2, $3) ON CONFLICT (campaign_id) DO NOTHING', [campaignId, name, JSON.stringify(header)]);
  return res.rowCount === 1;
}

/** Every campaign, newest first. */
export async function listCampaigns(q: Q): Promise<CampaignRow[]> {
  return (await q.query<CampaignRow>('SELECT campaign_id, name, header, created_at FROM wa_ops.campaigns ORDER BY created_at DESC')).rows;
}

/** Campaigns of a name (a campaign file's "name"), oldest first. */
export async function campaignsNamed(q: Q, name: string): Promise<CampaignRow[]> {
  return (await q.query<CampaignRow>('SELECT campaign_id, name, header, created_at FROM wa_ops.campaigns WHERE name = $1 ORDER BY created_at', [name])).rows;
}
