/** What goes into the events file's intake and what comes out of it. */
import type { BoundedSet, WebhookRecord } from '../core/webhook/records.js';

/** Start: the events file (already locked and repaired) and whether every record is wanted back. */
export interface IntakeInit {
  path: string;
  fd: number;
  /** The live tail is on: send back every record, duplicates too, not only those the opt-outs need. */
  allRecords: boolean;
  /** The keys already known (of the file this one replaces, when the events file was moved away): the new file's are added. */
  keys?: BoundedSet;
  /** Asked once per batch: is the path still this file's, and is it still there after the sync. */
  guard?: FileGuard;
}

/** The events file's path no longer names the open file (moved away, removed): a body is refused (503) until a new one is open. */
export class EventsFileMoved extends Error {}

/** What became of one body: 400 (not JSON), 500 (not written; Meta retries), 503 (the file moved) or 200 once its events are durable. */
export interface IntakeResult {
  status: 200 | 400 | 500 | 503;
  fresh: number;
  dups: number;
  /** New records the receiver acts on (opt-outs, tail). */
  records?: WebhookRecord[];
  /** Duplicates, only with allRecords (tail). */
  dupRecords?: WebhookRecord[];
  error?: string;
}

/** Where the appends land, asked once per batch: an error refuses the batch (nothing of it written, or not acknowledged). */
export interface FileGuard {
  /** Before a batch is written: is this still the file to write to (its path names it)? */
  beforeWrite(): Error | null;
  /** After its sync, before its answers: does the file still have a name (not removed meanwhile)? */
  afterSync(): Error | null;
}
