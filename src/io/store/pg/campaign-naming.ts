/**
 * The first workers of a campaign not stored yet go one at a time, under an advisory lock on its name held
 * until the first batch stores the header: two first workers make one campaign, not two.
 */
import type { PoolClient } from 'pg';
import type { PgConnection } from './connect.js';
import type { CampaignRow } from './tables/campaigns.js';
import { release } from './worker-life.js';

/** The campaign's row; or, while it is not stored yet, the naming lock held (the caller releases it once the header is). */
export async function rowOrNamingLock(conn: PgConnection, name: string, resolve: () => Promise<CampaignRow | undefined>): Promise<{ row?: CampaignRow; naming?: PoolClient }> {
  const row = await resolve();
  if (row) return { row };
  const naming = await conn.session();
  await naming.query('SELECT pg_advisory_lock(hashtext($1))', [`wa-ops:campaign:${name}`]);
  // Another first worker may have stored it while this one waited for the lock.
  const stored = await resolve().catch(async (err) => {
    await release(naming);
    throw err;
  });
  if (stored) {
    await release(naming);
    return { row: stored };
  }
  return { naming };
}
