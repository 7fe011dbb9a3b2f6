/** One send worker's access to a campaign in PostgreSQL: group-committed appends and claims, a heartbeat, the others' events, shared pacing. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AttemptEvent, LedgerEvent } from '../../../core/campaign/events.js';
import type { CampaignRef, LedgerWriter, ReplayInfo, SharedPacing } from '../types.js';
import { Batcher } from './batcher.js';
import { pgReader } from './campaign-store.js';
import type { PgConnection } from './connect.js';
import { createCampaign, type CampaignRow } from './tables/campaigns.js';
import { readEvents } from './tables/ledger-events.js';
import { recordOps, type BatchOp, type OpResult } from './tables/record-ops.js';
import { DEAD_AFTER_SECONDS, endWorker, heartbeat, registerWorker } from './tables/workers.js';
import { EventPoller } from './poller.js';
import { forEachStatusEvent } from './status-events.js';
import { readPgSuppressions } from './suppression-store.js';
import type { PoolClient } from 'pg';

const HEARTBEAT_MS = 2000;
// The session lock says who is alive; a session that cannot even answer a heartbeat for this long is lost.
const LOST_AFTER_MS = DEAD_AFTER_SECONDS * 2000;

/** A registered worker on one campaign. */
export class PgLedgerWriter implements LedgerWriter {
  readonly location: string;
  private readonly batcher: Batcher;
  private readonly poller: EventPoller;
  private campaignId: string | undefined;
  private retryUnknown = false;
  private lastBeat = Date.now();
  private beat: NodeJS.Timeout | undefined;
  /** Held while a new campaign gets its first header, so that two first workers make one campaign. */
  private naming: PoolClient | undefined;
  /** The session whose advisory lock says this worker is alive. */
  private life: PoolClient | undefined;
  private lifeLost: string | undefined;
  /** Per sender, the last claim of this worker waiting for its slot: one in line asks the database at a time. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  private replayed = false;
  readonly sharedPacing: SharedPacing;

  private constructor(
    private readonly conn: PgConnection,
    private readonly ref: CampaignRef,
    private row: CampaignRow | undefined,
    readonly workerId: string,
  ) {
    this.campaignId = row?.campaign_id;
    this.location = `${conn.redacted} (campaign ${row?.campaign_id ?? ref.name})`;
    this.batcher = new Batcher((ops) => this.write(ops));
    this.poller = new EventPoller(conn, workerId);
    this.sharedPacing = { claim: (attempt, intervalMs, giveUp) => this.claimPaced(attempt, intervalMs, giveUp) };
  }

  /** Register a worker on the campaign (a campaign not stored yet is created by its first header). */
  static async open(conn: PgConnection, ref: CampaignRef, resolve: () => Promise<CampaignRow | undefined>, notice: (text: string) => void): Promise<PgLedgerWriter> {
    let row = await resolve();
    let naming: PoolClient | undefined;
    if (!row) {
      naming = await conn.session();
      await naming.query('SELECT pg_advisory_lock(hashtext($1))', [`wa-ops:campaign:${ref.name}`]);
      row = await resolve().catch(async (err) => {
        await release(naming!);
        throw err;
      });
      if (row) naming = await release(naming);
    }
    const w = new PgLedgerWriter(conn, ref, row, `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`);
    w.naming = naming;
    await registerWorker(conn, w.workerId, w.campaignId, hostname(), process.pid);
    // Alive as long as this session holds its lock: killed, the server drops the lock with the connection.
    const life = await conn.session();
    w.life = life;
    life.on('error', (err) => (w.lifeLost = `lost the store connection (${err.message})`));
    await life.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', ['wa-ops:worker', w.workerId]);
    // The heartbeat goes over the worker's own session, never queued behind the pool's busy connections.
    w.beat = setInterval(() => {
      heartbeat(life, w.workerId, w.campaignId).then(
        () => (w.lastBeat = Date.now()),
        () => undefined,
      );
    }, HEARTBEAT_MS);
    w.beat.unref();
    if (row) notice(`campaign ${row.campaign_id} in ${conn.redacted}: this worker is ${w.workerId}`);
    return w;
  }

  private async write(ops: readonly BatchOp[]): Promise<OpResult[]> {
    const id = this.campaignId;
    if (!id) throw new Error('a ledger event before the campaign header');
    if (this.row) return recordOps(this.conn, id, this.workerId, ops, this.retryUnknown);
    // The first batch of a new campaign creates it, in the same transaction.
    const header = ops.find((o) => (o.e as LedgerEvent).t === 'header')?.e as Extract<LedgerEvent, { t: 'header' }>;
    const ok = await this.conn.tx(async (c) => {
      await createCampaign(c, id, header.campaign, header);
      return recordOps(c, id, this.workerId, ops, this.retryUnknown);
    });
    this.row = { campaign_id: id, name: header.campaign, header, created_at: new Date() };
    if (this.naming) this.naming = await release(this.naming);
    return ok;
  }

  header = () => pgReader(this.conn, this.row, this.ref).header();

  suppressions = () => readPgSuppressions(this.conn);

  /** Every stored event; the first replay also sets where poll() goes on from (a later one, e.g. the final counts, reads all again). */
  async replay(onEvent: (e: LedgerEvent) => void): Promise<ReplayInfo> {
    let events = 0;
    if (!this.replayed) {
      this.replayed = true;
      events = (await this.poller.replay(this.campaignId, onEvent)).events;
    } else if (this.campaignId) {
      for await (const { event } of readEvents(this.conn, this.campaignId)) {
        events++;
        onEvent(event);
      }
    }
    const statuses = this.campaignId ? await forEachStatusEvent(this.conn, this.campaignId, onEvent) : 0;
    return { events: events + statuses, tornBytes: 0 };
  }

  append(e: LedgerEvent): Promise<void> {
    if (e.t === 'header') this.campaignId ??= e.campaignId;
    if (e.t === 'run') this.retryUnknown = Boolean(e.options?.retryUnknown);
    return this.batcher.push({ op: 'append', e }).then(() => undefined);
  }

  async claim(attempt: AttemptEvent): Promise<boolean> {
    return (await this.batcher.push({ op: 'claim', e: attempt })).ok;
  }

  /** In dispatch order per sender: wait in line, then for the slot, then claim with it. */
  private claimPaced(attempt: AttemptEvent, intervalMs: number, giveUp: () => boolean): Promise<'claimed' | 'elsewhere' | 'abandoned'> {
    const before = this.lanes.get(attempt.sender) ?? Promise.resolve();
    const mine = before.then(() => this.slotAndClaim(attempt, intervalMs, giveUp));
    const tail = mine.catch(() => undefined);
    this.lanes.set(attempt.sender, tail);
    void tail.then(() => this.lanes.get(attempt.sender) === tail && this.lanes.delete(attempt.sender));
    return mine;
  }

  private async slotAndClaim(attempt: AttemptEvent, intervalMs: number, giveUp: () => boolean): Promise<'claimed' | 'elsewhere' | 'abandoned'> {
    const slot = { sender: attempt.sender, interval_ms: Math.max(0, Math.round(intervalMs)) };
    for (;;) {
      if (giveUp()) return 'abandoned';
      // Stamped when stored, just before its request goes out (the slot wait may have been long).
      const r = await this.batcher.push({ op: 'claim', e: { ...attempt, at: new Date().toISOString() }, slot });
      if (r.ok) return 'claimed';
      if (r.waitMs === undefined) return 'elsewhere';
      await pause(r.waitMs, giveUp);
    }
  }

  poll(): Promise<LedgerEvent[]> {
    return this.poller.poll(this.campaignId);
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }

  lost(): string | undefined {
    if (this.lifeLost) return this.lifeLost;
    const silent = Date.now() - this.lastBeat;
    return silent > LOST_AFTER_MS ? `no contact with the store for ${Math.round(silent / 1000)} s (other workers may take this one for dead)` : undefined;
  }

  get stats(): { events: number; commits: number } {
    return { events: this.batcher.applied, commits: this.batcher.commits };
  }

  async close(): Promise<void> {
    clearInterval(this.beat);
    try {
      await this.batcher.drain();
    } finally {
      if (this.naming) this.naming = await release(this.naming);
      await endWorker(this.conn, this.workerId).catch(() => undefined);
      if (this.life) this.life = await release(this.life);
    }
  }
}

async function release(session: PoolClient): Promise<undefined> {
  await session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
  session.release();
  return undefined;
}

/** Sleep ms, in short steps so that giveUp() (a stop, a cooldown under --no-wait) is heard within 50 ms. */
async function pause(ms: number, giveUp: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0 && !giveUp(); left = until - Date.now()) await new Promise((r) => setTimeout(r, Math.min(50, left)));
}
