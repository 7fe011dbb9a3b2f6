/** wa-ops campaigns --store <url>: every campaign the PostgreSQL store holds, on one line each (running: a live worker sends it). */
import { relative } from 'node:path';
import type { OverviewRow } from '../core/campaign/overview.js';
import { WaOpsError } from '../core/errors.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { discoverCampaigns } from '../io/campaign/discover.js';
import { pgReader } from '../io/store/pg/campaign-store.js';
import { closePg } from '../io/store/pg/connect.js';
import { openPgStore } from '../io/store/pg/open.js';
import { listCampaigns } from '../io/store/pg/tables/campaigns.js';
import { campaignsBeingSent } from '../io/store/pg/tables/workers.js';
import type { StoreChoice } from '../io/store/selection.js';
import { renderCampaigns } from '../ui/campaigns-report.js';
import { out, outJson } from '../ui/output.js';
import { term } from '../ui/term.js';
import { overviewOf } from './campaigns.js';

/** Campaign files of the folder by campaign name and file hash, to name the file of a stored campaign (best effort). */
function localFiles(dir: string): { name: string; sha256: string; file: string }[] {
  const files: { name: string; sha256: string; file: string }[] = [];
  let found: ReturnType<typeof discoverCampaigns> = [];
  try {
    found = discoverCampaigns(dir);
  } catch (err) {
    if (!(err instanceof WaOpsError)) throw err;
  }
  for (const f of found) {
    if (!f.file) continue;
    try {
      const cf = loadCampaignFile(f.file);
      files.push({ name: cf.campaign.name, sha256: cf.sha256, file: relative(dir, f.file) });
    } catch (err) {
      if (!(err instanceof WaOpsError)) throw err;
    }
  }
  return files;
}

/** Run the store listing; returns the exit code. */
export async function run(choice: StoreChoice, dir: string): Promise<number> {
  if (choice.location.kind !== 'postgres') throw new Error('campaigns-store needs a PostgreSQL store');
  const { url, redacted } = choice.location;
  try {
    const conn = await openPgStore(url, choice.source);
    const [stored, sending] = await Promise.all([listCampaigns(conn), campaignsBeingSent(conn)]);
    const local = localFiles(dir);
    const rows: OverviewRow[] = [];
    for (const c of stored) {
      const named = local.filter((l) => l.name === c.name);
      const file = (named.length === 1 ? named[0] : named.find((l) => l.sha256 === c.header.campaignHash))?.file ?? '';
      const where = { file, ledger: `${redacted} (campaign ${c.campaign_id})` };
      const ref = { name: c.name, ledgerPath: '', campaignId: c.campaign_id };
      rows.push({ ...(await overviewOf(pgReader(conn, c, ref), c.name, where, () => sending.has(c.campaign_id))), campaignId: c.campaign_id });
    }
    if (term().json) outJson({ store: redacted, count: rows.length, campaigns: rows });
    else out(rows.length ? renderCampaigns(rows) : `no campaigns in ${redacted} (send one with --store, or move one in with wa-ops store import)`);
    return 0;
  } finally {
    await closePg();
  }
}
