/** Wait for a message's status webhooks, as recorded by `webhook serve` (events file or store), until it settles or time runs out. */
import { foldDelivery, isSettled, type Delivery } from '../../core/send-to/delivery.js';
import type { StatusRecord } from '../../core/webhook/records.js';
import { EventsTail } from './events-tail.js';
import { abortableSleep } from '../abortable-sleep.js';

/** Where webhook serve records statuses: each read() returns the status records stored since the previous one. */
export interface StatusFeed {
  /** The place, for messages (a path, or a store URL without its password). */
  readonly where: string;
  read(): Promise<StatusRecord[]>;
}

/** The events file, read from a byte offset taken before the message was sent (only new bytes are read). */
export function fileStatusFeed(eventsPath: string, offset: number): StatusFeed {
  const tail = new EventsTail(eventsPath, offset);
  return { where: eventsPath, read: async () => tail.read() };
}

/** How send --to --wait follows a message: where the statuses are recorded, the wamid and the time limit. */
export interface WaitOptions {
  feed: StatusFeed;
  wamid: string;
  timeoutMs: number;
  pollMs?: number;
  /** Told of each new state (for a progress line). */
  onChange?: (d: Delivery) => void;
  /** Set by a signal handler to stop early. */
  signal?: AbortSignal;
}

/** Where the message got before the wait ended, and whether it timed out or was interrupted. */
export interface WaitResult {
  delivery: Delivery;
  timedOut: boolean;
  interrupted: boolean;
  waitedMs: number;
}

/** Poll the feed (cheap: only new records are read) until delivered, read or failed. */
export async function waitForDelivery(o: WaitOptions): Promise<WaitResult> {
  const started = Date.now();
  let d: Delivery = { state: 'accepted', errors: [], seen: [] };
  for (;;) {
    const next = foldDelivery(o.wamid, await o.feed.read(), d);
    if (next.state !== d.state) o.onChange?.(next);
    d = next;
    const waitedMs = Date.now() - started;
    if (isSettled(d.state)) return { delivery: d, timedOut: false, interrupted: false, waitedMs };
    if (o.signal?.aborted) return { delivery: d, timedOut: false, interrupted: true, waitedMs };
    if (waitedMs >= o.timeoutMs) return { delivery: d, timedOut: true, interrupted: false, waitedMs };
    await abortableSleep(Math.min(o.pollMs ?? 200, o.timeoutMs - waitedMs), o.signal);
  }
}
