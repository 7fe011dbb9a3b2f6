/**
 * The session whose advisory lock says a send worker is alive (killed, the server drops the lock with the connection at
 * once), and its heartbeat. A server that drops the session (a restart, a network cut) is reconnected to with backoff and
 * the lock taken again; meanwhile other workers may take this one for dead, but still never take its open claims
 * without --retry-unknown.
 */
import type { PoolClient } from 'pg';
import type { PgConnection } from './connect.js';
import { isConnectionFailure } from './errors.js';
import type { StoreOutage } from './outage.js';
import { DEAD_AFTER_SECONDS, heartbeat } from './tables/workers.js';

const HEARTBEAT_MS = 2000;
// A session that cannot even answer a heartbeat for this long (or the outage's bound, when longer) is lost.
const LOST_AFTER_MS = DEAD_AFTER_SECONDS * 2000;
const LOCK = 'wa-ops:worker';

/** Release a session after dropping its advisory locks. */
export async function release(session: PoolClient): Promise<undefined> {
  await session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
  session.release();
  return undefined;
}

/** One worker's liveness in the store. */
export class WorkerLife {
  private life: PoolClient | undefined;
  private relocking = false;
  private closed = false;
  private lastBeat = Date.now();
  private beat: NodeJS.Timeout | undefined;

  constructor(
    private readonly conn: PgConnection,
    private readonly workerId: string,
    private readonly outage: StoreOutage,
    private readonly campaignId: () => string | undefined,
    private readonly notice: (text: string) => void,
  ) {}

  /** Take the lock (waiting for it) and start the heartbeat, which goes over this session, never queued behind the pool's busy connections. */
  async start(): Promise<void> {
    const s = await this.conn.session();
    await s.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [LOCK, this.workerId]).catch((err: unknown) => {
      s.release(true);
      throw err;
    });
    this.live(s);
    this.beat = setInterval(() => {
      const life = this.life;
      if (!life || this.relocking) return;
      heartbeat(life, this.workerId, this.campaignId()).then(
        () => (this.lastBeat = Date.now()),
        (err: unknown) => isConnectionFailure(err) && this.broken(life),
      );
    }, HEARTBEAT_MS);
    this.beat.unref();
  }

  /** Why this worker must count itself lost: no heartbeat answered for too long. */
  silent(): string | undefined {
    const silent = Date.now() - this.lastBeat;
    return silent > Math.max(LOST_AFTER_MS, this.outage.boundMs + HEARTBEAT_MS) ? `no contact with the store for ${Math.round(silent / 1000)} s (other workers may take this one for dead)` : undefined;
  }

  /** Stop the heartbeat and release the lock. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.beat);
    if (this.life) this.life = await release(this.life);
  }

  private live(session: PoolClient): void {
    this.life = session;
    session.on('error', () => this.broken(session));
  }

  private broken(session: PoolClient): void {
    if (this.life !== session || this.closed) return;
    this.life = undefined;
    session.release(true);
    if (this.relocking) return;
    this.relocking = true;
    this.notice(`lost the connection to the store at ${this.conn.redacted}: reconnecting (for up to ${Math.round(this.outage.boundMs / 1000)} s)`);
    void this.relock();
  }

  /** Take the lock again on a new session, with backoff, until the store is back or the outage outlasts its bound. */
  private async relock(): Promise<void> {
    for (let wait = this.outage.failed(); wait !== undefined && !this.closed; ) {
      await new Promise((r) => setTimeout(r, wait).unref());
      const s = await this.conn.session().catch(() => undefined);
      // Not waiting for the lock: the old session may still hold it, on a server that has not noticed it is gone.
      const got = s && (await s.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [LOCK, this.workerId]).then((r) => r.rows[0]?.ok === true, () => undefined));
      if (!s || got === undefined) {
        s?.release(true);
        wait = this.outage.failed();
        continue;
      }
      if (!got || this.closed) {
        // The store answers; the old session still holds the lock (this worker still counts as alive): try again later.
        if (got) await release(s);
        else s.release();
        this.outage.ok();
        wait = 1000;
        continue;
      }
      this.live(s);
      this.relocking = false;
      this.lastBeat = Date.now();
      this.outage.ok();
      this.notice(`reconnected to the store at ${this.conn.redacted}; sending goes on`);
      return;
    }
    this.relocking = false;
  }
}
