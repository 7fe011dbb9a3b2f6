/** What the receiver's main thread and its intake thread tell each other (the events file path). */
import type { WebhookRecord } from '../core/webhook/records.js';

/** Start: the events file (already locked and repaired by the main thread) and whether every record is wanted back. */
export interface IntakeInit {
  path: string;
  fd: number;
  /** The live tail is on: send back every record, duplicates too, not only those the opt-outs need. */
  allRecords: boolean;
}

/** One verified POST body. */
export interface IntakeItem {
  id: number;
  body: string;
  receivedAt: string;
}

/** What became of one body: 400 (not JSON), 500 (not written; Meta retries) or 200 once its events are durable. */
export interface IntakeResult {
  id: number;
  status: 200 | 400 | 500;
  fresh: number;
  dups: number;
  /** New records the main thread acts on (opt-outs, tail). */
  records?: WebhookRecord[];
  /** Duplicates, only with allRecords (tail). */
  dupRecords?: WebhookRecord[];
  error?: string;
}

/** Main thread to intake thread. */
export type ToIntake = { t: 'init'; init: IntakeInit } | { t: 'items'; items: IntakeItem[] } | { t: 'drain'; seq: number } | { t: 'close' };

/** Intake thread to main thread. */
export type FromIntake =
  | { t: 'ready' }
  /** `taken`: how many 'items' messages were taken since the last message (the sender's credit back). */
  | { t: 'results'; results: IntakeResult[]; fsyncs: number; taken: number }
  | { t: 'drained'; seq: number; fsyncs: number; taken: number }
  | { t: 'failed'; message: string };
