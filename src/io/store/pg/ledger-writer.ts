/** One send worker's access to a campaign in PostgreSQL: group-committed appends and claims, a heartbeat, the others' events, shared pacing. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AttemptEvent, LedgerEvent } from '../../../core/campaign/events.js';
import type { CampaignRef, LedgerWriter, ReplayInfo } from '../types.js';
import { Batcher } from './batcher.js';
import { pgReader } from './campaign-store.js';
import type { PgConnection } from './connect.js';
import { recordBatch, type BatchOp } from './tables/claims.js';
import { createCampaign, type CampaignRow } from './tables/campaigns.js';
import { cooldownUntil, reserveSlot } from './tables/sender-slots.js';
import { DEAD_AFTER_SECONDS, endWorker, heartbeat, registerWorker } from './tables/workers.js';
import { EventPoller } from './poller.js';
import { forEachStatusEvent } from './status-events.js';
import { readPgSuppressions } from './suppression-store.js';
import type { PoolClient } from 'pg';

const HEARTBEAT_MS = 2000;
// Stop writing well before the others may take us for dead.
const LOST_AFTER_MS = (DEAD_AFTER_SECONDS * 1000) / 2;

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
  readonly sharedPacing: { reserve(sender: string, notBefore: number, intervalMs: number): Promise<number> };

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
    this.sharedPacing = { reserve: (sender, notBefore, intervalMs) => reserveChecked(conn, sender, notBefore, intervalMs) };
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
    w.life = await conn.session();
    w.life.on('error', (err) => (w.lifeLost = `lost the store connection (${err.message})`));
    await w.life.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', ['wa-ops:worker', w.workerId]);
    w.beat = setInterval(() => {
      heartbeat(conn, w.workerId, w.campaignId).then(
        () => (w.lastBeat = Date.now()),
        () => undefined,
      );
    }, HEARTBEAT_MS);
    w.beat.unref();
    if (row) notice(`campaign ${row.campaign_id} in ${conn.redacted}: this worker is ${w.workerId}`);
    return w;
  }

  private async write(ops: readonly BatchOp[]): Promise<boolean[]> {
    const id = this.campaignId;
    if (!id) throw new Error('a ledger event before the campaign header');
    if (this.row) return recordBatch(this.conn, id, this.workerId, ops, this.retryUnknown);
    // The first batch of a new campaign creates it, in the same transaction.
    const header = ops.find((o) => (o.e as LedgerEvent).t === 'header')?.e as Extract<LedgerEvent, { t: 'header' }>;
    const ok = await this.conn.tx(async (c) => {
      await createCampaign(c, id, header.campaign, header);
      return recordBatch(c, id, this.workerId, ops, this.retryUnknown);
    });
    this.row = { campaign_id: id, name: header.campaign, header, created_at: new Date() };
    if (this.naming) this.naming = await release(this.naming);
    return ok;
  }

  header = () => pgReader(this.conn, this.row, this.ref).header();

  suppressions = () => readPgSuppressions(this.conn);

  async replay(onEvent: (e: LedgerEvent) => void): Promise<ReplayInfo> {
    const r = await this.poller.replay(this.campaignId, onEvent);
    const statuses = this.campaignId ? await forEachStatusEvent(this.conn, this.campaignId, onEvent) : 0;
    return { events: r.events + statuses, tornBytes: 0 };
  }

  append(e: LedgerEvent): Promise<void> {
    if (e.t === 'header') this.campaignId ??= e.campaignId;
    if (e.t === 'run') this.retryUnknown = Boolean(e.options?.retryUnknown);
    return this.batcher.push({ op: 'append', e }).then(() => undefined);
  }

  claim(attempt: AttemptEvent): Promise<boolean> {
    return this.batcher.push({ op: 'claim', e: attempt });
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

/**
 * Take the sender's next slot, wait until just before it, and check the sender's cooldown again: a
 * 130429 that another worker met meanwhile moves this message to a slot after the cooldown, so
 * nobody sends during it.
 */
async function reserveChecked(conn: PgConnection, sender: string, notBefore: number, intervalMs: number): Promise<number> {
  let slot = await reserveSlot(conn, sender, notBefore, intervalMs);
  for (;;) {
    // The reservation already lies after any cooldown recorded so far; only a wait lets a new one begin.
    if (slot - Date.now() <= 20) return slot;
    const early = slot - Date.now() - 5;
    await new Promise((r) => setTimeout(r, early));
    const cd = await cooldownUntil(conn, sender);
    if (cd <= Date.now()) return slot;
    slot = await reserveSlot(conn, sender, cd, intervalMs);
  }
}
