/**
 * The campaign store: the one interface the send path uses for a campaign's ledger.
 * Files are the embedded default (src/io/store/file-store.ts); PostgreSQL is a second
 * implementation of the same interface (--store postgres://...). The engine never knows which.
 * Stable: change only additively.
 */
import type { AttemptEvent, HeaderEvent, LedgerEvent } from '../../core/campaign/events.js';
import type { SuppressionList } from '../../core/suppressions/fold.js';
import type { SuppressionRecord } from '../../core/suppressions/record.js';

/** Which campaign. */
export interface CampaignRef {
  /** The campaign's name (campaign file "name"). */
  name: string;
  /** The ledger path of the file store (<campaign-file-base>.ledger.jsonl, or --ledger). */
  ledgerPath: string;
  /** The campaign identity when known (from a ledger header); undefined for a campaign never sent. */
  campaignId?: string;
  /** sha256 of the campaign file, to tell campaigns of one name apart. */
  campaignHash?: string;
  /** The exact `wa-ops store import` command for this campaign file (printed when the store lacks the campaign of its local ledger). */
  importCommand?: string;
  /** No local ledger, but a note beside its path (send --store, store import) naming the store the campaign lives in: campaignId is the note's. */
  noted?: { store: string; path: string };
}

/** What a replay saw. */
export interface ReplayInfo {
  /** Events delivered to the callback. */
  events: number;
  /** Bytes of a torn last record (a write cut short by a crash), skipped. */
  tornBytes: number;
}

/** Read access without a lock (status, --dry-run, doctor --campaign). */
export interface LedgerReader {
  /** Where the ledger lives, for messages (a path, or a URL without its password). */
  readonly location: string;
  /** The first header (the campaign identity), read cheaply; undefined when nothing was stored yet. */
  header(): Promise<HeaderEvent | undefined>;
  /** Every stored event in order, streamed to the callback in bounded memory; a torn last record is skipped. */
  replay(onEvent: (e: LedgerEvent) => void): Promise<ReplayInfo>;
  /** The suppression list kept in the store (PostgreSQL); absent: the local file (suppressionsPath()). */
  suppressions?(): Promise<SuppressionList>;
  /** With suppressions(): a version of the stored list that changes whenever a record is added (cheap to ask often). */
  suppressionsVersion?(): Promise<string>;
  /** With suppressions(): add records to the stored list (one commit). */
  appendSuppressions?(records: SuppressionRecord[]): Promise<void>;
  /** Recipients whose claim a running worker holds right now (PostgreSQL): "unknown" until their answer is stored. */
  inFlight?(): Promise<number>;
}

/** See LedgerWriter.sharedPacing. */
export interface SharedPacing {
  claim(attempt: AttemptEvent, intervalMs: number, giveUp: () => boolean): Promise<'claimed' | 'elsewhere' | 'abandoned'>;
}

/** Write access of one sending process: the file lock (files) or a worker registration (PostgreSQL). */
export interface LedgerWriter extends LedgerReader {
  /** Store an event durably; resolves once stored. */
  append(e: LedgerEvent): Promise<void>;
  /**
   * Store an attempt before its request goes out. Resolves true once durable; false when another
   * worker already holds this recipient (PostgreSQL claims; the file store always answers true).
   * The executor sends the request only after true.
   */
  claim(attempt: AttemptEvent): Promise<boolean>;
  /** Events other writers stored since the last call (another worker's cooldown or attempts); the file store has none. */
  poll(): Promise<LedgerEvent[]>;
  /**
   * Pacing shared by every worker of a sender (PostgreSQL), used instead of claim(): waits for the sender's
   * next slot (nothing stored meanwhile), then claims the recipient and takes the slot in one transaction,
   * so a refused claim spends no slot. "abandoned": giveUp() turned true first and nothing was stored.
   * Absent: claim() and the engine's own per-sender pacing are all there is.
   */
  readonly sharedPacing?: SharedPacing;
  /** Resolve when everything appended so far is stored. */
  drain(): Promise<void>;
  /** Why this writer lost its exclusive right to write (lock deleted, emptied or taken over), or undefined. */
  lost(): string | undefined;
  /** Stop waiting for a store that went away (PostgreSQL reconnects for a while): writes still waiting for it fail now. */
  abandon?(): void;
  /** Stored events and commits (fsyncs) so far. */
  readonly stats: { events: number; commits: number };
  /** Flush, then release the lock or registration. */
  close(): Promise<void>;
}

/** How a writer is opened: interrupted() throws once the command was interrupted (a wait for another worker stops). */
export interface WriterOpenOptions {
  interrupted?: () => void;
}

/** A place campaigns live. */
export interface CampaignStore {
  readonly kind: 'files' | 'postgres';
  /** A reader (no lock). */
  reader(ref: CampaignRef): Promise<LedgerReader>;
  /**
   * A writer: takes the campaign's lock (files: throws PausedError code "ledger-locked" when another
   * live process holds it). notice() receives one-line remarks (a torn tail trimmed, a stale lock taken over).
   */
  writer(ref: CampaignRef, notice: (text: string) => void, opts?: WriterOpenOptions): Promise<LedgerWriter>;
  /** Close connections. */
  close(): Promise<void>;
}
