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
}

/** What became of one body: 400 (not JSON), 500 (not written; Meta retries) or 200 once its events are durable. */
export interface IntakeResult {
  status: 200 | 400 | 500;
  fresh: number;
  dups: number;
  /** New records the receiver acts on (opt-outs, tail). */
  records?: WebhookRecord[];
  /** Duplicates, only with allRecords (tail). */
  dupRecords?: WebhookRecord[];
  error?: string;
}
