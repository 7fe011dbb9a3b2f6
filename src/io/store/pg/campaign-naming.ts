/**
 * The first workers of a campaign not stored yet go one at a time, under an advisory lock on its name held
 * until the first batch stores the header: two first workers make one campaign, not two.
 */
import type { PoolClient } from 'pg';
import type { PgConnection } from './connect.js';
import type { CampaignRow } from './tables/campaigns.js';
import { storeFailure } from './errors.js';
import { release } from './worker-life.js';

/** How often a worker waiting for another to store the campaign looks again (and whether it was interrupted). */
const RETRY_MS = 250;

/** What a waiting worker tells its user, and how it learns that the command was interrupted (the callback throws). */
export interface NamingWait {
  notice: (text: string) => void;
  interrupted?: () => void;
}

/**
 * The campaign's row; or, while it is not stored yet, the naming lock held (the caller releases it once the header is).
 * The lock is tried, never waited for in the server: another first worker holds it from its start until it stores the
 * campaign (for as long as its confirmation prompt waits), and this one says so and stays interruptible meanwhile.
 */
export async function rowOrNamingLock(conn: PgConnection, name: string, resolve: () => Promise<CampaignRow | undefined>, wait: NamingWait = { notice: () => undefined }): Promise<{ row?: CampaignRow; naming?: PoolClient }> {
  const row = await resolve();
  if (row) return { row };
  const naming = await conn.session();
  try {
    for (let told = false; ; told = true) {
      const got = await naming.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`wa-ops:campaign:${name}`]);
      if (got.rows[0]?.ok) break;
      if (!told) wait.notice(`waiting for another worker that is starting campaign "${name}" in ${conn.redacted} (it stores the campaign when it begins to send)`);
      wait.interrupted?.();
      await new Promise((r) => setTimeout(r, RETRY_MS));
      wait.interrupted?.();
    }
    // Another first worker may have stored it while this one waited for the lock.
    const stored = await resolve();
    if (stored) {
      await release(naming);
      return { row: stored };
    }
  } catch (err) {
    await release(naming);
    // The session's own statements are not mapped by the connection: a store gone while waiting is a store error, not a bug.
    throw storeFailure(err, conn.url) ?? err;
  }
  return { naming };
}
