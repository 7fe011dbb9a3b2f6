/** One send worker's access to a campaign in PostgreSQL: group-committed appends and claims, a heartbeat, the others' events, shared pacing. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AttemptEvent, HeaderEvent, LedgerEvent } from '../../../core/campaign/events.js';
import type { CampaignRef, LedgerWriter, ReplayInfo, SharedPacing } from '../types.js';
import { Batcher } from './batcher.js';
import { rowOrNamingLock } from './campaign-naming.js';
import { pgReader } from './campaign-store.js';
import type { PgConnection } from './connect.js';
import { createCampaign, type CampaignRow } from './tables/campaigns.js';
import { readEvents } from './tables/ledger-events.js';
import { recordOps, type BatchOp, type OpResult } from './tables/record-ops.js';
import { PacedClaims, SenderCooldowns } from './paced-claims.js';
import { endWorker, registerWorker } from './tables/workers.js';
import { EventPoller } from './poller.js';
import { StoreOutage } from './outage.js';
import { release, WorkerLife } from './worker-life.js';
import { attemptsStored } from './tables/ledger-events.js';
import { forEachStatusEvent } from './status-events.js';
import { claimsInFlight } from './tables/claims.js';
import { appendPgSuppressions, readPgSuppressions } from './suppression-store.js';
import type { SuppressionRecord } from '../../suppressions.js';
import { latestSuppression } from './tables/suppressions.js';
import type { PoolClient } from 'pg';

/** Per worker: how long it keeps trying to reach a store that went away (tests shorten it). */
export interface WriterOptions {
  reconnectForMs?: number;
  /** Throws when the command was interrupted (checked while waiting for another worker to store the campaign). */
  interrupted?: () => void;
}

/** A registered worker on one campaign. */
export class PgLedgerWriter implements LedgerWriter {
  readonly location: string;
  private readonly batcher: Batcher;
  private readonly poller: EventPoller;
  private campaignId: string | undefined;
  private retryUnknown = false;
  /** Held while a new campaign gets its first header, so that two first workers make one campaign. */
  private naming: PoolClient | undefined;
  /** The session whose advisory lock says this worker is alive. */
  private life: WorkerLife | undefined;
  /** Whether the store is reachable, shared by the writes and the session lock. */
  private readonly outage: StoreOutage;
  private replayed = false;
  private notice: (text: string) => void = () => undefined;
  /**
   * A cooldown found holding the sender's slots back (another campaign's, or a worker's not polled yet) is
   * stored in this campaign's ledger (status shows it, the next run waits before any request) and handed to
   * the engine by the next poll(), so that --no-wait stops with exit 75.
   */
  private readonly cooldowns = new SenderCooldowns((e) => {
    this.append(e).catch(() => undefined); // a failed write is seen by the next append and drain
    this.notice(`sender ${e.sender}: no message before ${e.until} (a cooldown recorded for it in the store by another worker or campaign)`);
  });
  readonly sharedPacing: SharedPacing;

  private constructor(
    private readonly conn: PgConnection,
    private readonly ref: CampaignRef,
    private row: CampaignRow | undefined,
    readonly workerId: string,
    opts: WriterOptions,
  ) {
    this.campaignId = row?.campaign_id;
    this.location = `${conn.redacted} (campaign ${row?.campaign_id ?? ref.name})`;
    this.outage = new StoreOutage(opts.reconnectForMs);
    this.batcher = new Batcher(
      (ops) => this.write(ops),
      this.outage,
      (claims) => attemptsStored(this.conn, this.campaignId!, this.workerId, claims),
    );
    this.poller = new EventPoller(conn, workerId);
    this.sharedPacing = new PacedClaims((op) => this.batcher.push(op), this.cooldowns);
  }

  /** Register a worker on the campaign (a campaign not stored yet is created by its first header). */
  static async open(conn: PgConnection, ref: CampaignRef, resolve: () => Promise<CampaignRow | undefined>, notice: (text: string) => void, opts: WriterOptions = {}): Promise<PgLedgerWriter> {
    const { row, naming } = await rowOrNamingLock(conn, ref.name, resolve, { notice, interrupted: opts.interrupted });
    const w = new PgLedgerWriter(conn, ref, row, `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`, opts);
    w.naming = naming;
    w.notice = notice;
    await registerWorker(conn, w.workerId, w.campaignId, hostname(), process.pid);
    // Alive as long as this session holds its lock: killed, the server drops the lock with the connection.
    w.life = new WorkerLife(conn, w.workerId, w.outage, () => w.campaignId, notice);
    await w.life.start();
    if (row) notice(`campaign ${row.campaign_id} in ${conn.redacted}: this worker is ${w.workerId}`);
    return w;
  }

  private async write(ops: readonly BatchOp[]): Promise<OpResult[]> {
    const id = this.campaignId;
    if (!id) throw new Error('a ledger event before the campaign header');
    if (this.row) return recordOps(this.conn, id, this.workerId, ops, this.retryUnknown);
    // The first batch of a new campaign creates it, in the same transaction.
    const header = ops.map((o) => o.e).find((e): e is HeaderEvent => e.t === 'header');
    if (!header) throw new Error('the first batch of a new campaign without its header');
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

  suppressionsVersion = async () => String(await latestSuppression(this.conn));

  appendSuppressions = (records: SuppressionRecord[]) => appendPgSuppressions(this.conn, records);

  /** Claims other running workers hold now (this worker's own open ones got no answer: they are not in flight). */
  inFlight = async () => (this.campaignId ? claimsInFlight(this.conn, this.campaignId, this.workerId) : 0);

  /** Every stored event; the first replay also sets where poll() goes on from (a later one, e.g. the final counts, reads all again). */
  async replay(deliver: (e: LedgerEvent) => void): Promise<ReplayInfo> {
    const onEvent = (e: LedgerEvent) => {
      this.cooldowns.know(e);
      deliver(e);
    };
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

  /** Store an event (group-committed with others); resolves once it is durable. */
  append(e: LedgerEvent): Promise<void> {
    this.cooldowns.know(e);
    if (e.t === 'header') this.campaignId ??= e.campaignId;
    if (e.t === 'run') this.retryUnknown = Boolean(e.options?.retryUnknown);
    return this.batcher.push({ op: 'append', e }).then(() => undefined);
  }

  /** Claim the recipient with its attempt; false when it is not ours to send (another worker holds it, or it is settled). */
  async claim(attempt: AttemptEvent): Promise<boolean> {
    return (await this.batcher.push({ op: 'claim', e: attempt })).ok;
  }

  /** The events other workers stored since the last poll, and cooldowns found holding our senders. */
  async poll(): Promise<LedgerEvent[]> {
    const events = await this.poller.poll(this.campaignId);
    for (const e of events) this.cooldowns.know(e);
    const found = this.cooldowns.take();
    return found.length > 0 ? [...events, ...found] : events;
  }

  /** Resolve once every write handed over is stored or failed. */
  drain(): Promise<void> {
    return this.batcher.drain();
  }

  /** Why this worker may no longer write (the store gone past its bound, its session lock lost), or undefined. */
  lost(): string | undefined {
    if (this.outage.spent()) return `the store at ${this.conn.redacted} stayed unreachable for ${Math.round(this.outage.boundMs / 1000)} s`;
    return this.life?.silent();
  }

  /** Stop waiting for a store that went away (the run was interrupted): writes still waiting for it fail now. */
  abandon(): void {
    this.batcher.abandon();
  }

  /** Events stored and the transactions they took. */
  get stats(): { events: number; commits: number } {
    return { events: this.batcher.applied, commits: this.batcher.commits };
  }

  /** Store what is pending, then end this worker and its session lock. */
  async close(): Promise<void> {
    try {
      await this.batcher.drain();
    } finally {
      if (this.naming) this.naming = await release(this.naming);
      await endWorker(this.conn, this.workerId).catch(() => undefined);
      await this.life?.close();
    }
  }
}
