/** Wait for a message's status webhooks, as recorded by `webhook serve`, until it settles or time runs out. */
import { foldDelivery, isSettled, type Delivery } from '../../core/send-to/delivery.js';
import { EventsTail } from './events-tail.js';
import { abortableSleep } from '../abortable-sleep.js';

/** How send --to --wait follows a message: the events file and where to start reading it, the wamid and the time limit. */
export interface WaitOptions {
  eventsPath: string;
  /** Byte offset of the events file before the message was sent. */
  offset: number;
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

/** Poll the events file (cheap: only new bytes are read) until delivered, read or failed. */
export async function waitForDelivery(o: WaitOptions): Promise<WaitResult> {
  const tail = new EventsTail(o.eventsPath, o.offset);
  const started = Date.now();
  let d: Delivery = { state: 'accepted', errors: [], seen: [] };
  for (;;) {
    const next = foldDelivery(o.wamid, tail.read(), d);
    if (next.state !== d.state) o.onChange?.(next);
    d = next;
    const waitedMs = Date.now() - started;
    if (isSettled(d.state)) return { delivery: d, timedOut: false, interrupted: false, waitedMs };
    if (o.signal?.aborted) return { delivery: d, timedOut: false, interrupted: true, waitedMs };
    if (waitedMs >= o.timeoutMs) return { delivery: d, timedOut: true, interrupted: false, waitedMs };
    await abortableSleep(Math.min(o.pollMs ?? 200, o.timeoutMs - waitedMs), o.signal);
  }
}
