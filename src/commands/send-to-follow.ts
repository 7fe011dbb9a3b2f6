/** send --to --wait: follow one message's status webhooks (the events file, or the store), then say how it ended (exit 0 delivered/read, 1 otherwise). */
import { formatDuration } from '../core/campaign/duration.js';
import { EXIT, signalExit } from '../core/errors.js';
import { explainFailure, type Delivery } from '../core/send-to/delivery.js';
import { waitForDelivery, type StatusFeed, type WaitResult } from '../io/send-to/wait-delivery.js';
import { SignalWatch, type StopSignal } from '../io/signals.js';
import { info, outJson, paint } from '../ui/output.js';
import { term } from '../ui/term.js';

/** Where to look and for how long. */
export interface FollowOptions {
  /** Where webhook serve records the statuses: the events file (from its size before the send) or the PostgreSQL store. */
  feed: StatusFeed;
  wamid: string;
  timeoutMs: number;
  /** The command's signal watch (a signal during the send stops the wait at once); else the wait makes its own. */
  signals?: SignalWatch;
}

/** Wait (Ctrl-C or SIGTERM stops the wait: exit 130 or 143), then report on stderr, or as the --json document with `delivery`. */
export async function followDelivery(doc: Record<string, unknown>, o: FollowOptions): Promise<number> {
  const stop = new AbortController();
  // Listening (to both signals) before saying "waiting": a stop right after the line is a clean one, not a kill.
  const signals = o.signals ?? new SignalWatch();
  const off = signals.on(() => stop.abort());
  info(paint('gray', `waiting up to ${formatDuration(o.timeoutMs)} for status webhooks in ${o.feed.where} (written by wa-ops webhook serve)`));
  let waited: WaitResult;
  try {
    waited = await waitForDelivery({ feed: o.feed, wamid: o.wamid, timeoutMs: o.timeoutMs, signal: stop.signal, onChange: (d) => d.state === 'sent' && info('sent (waiting for delivered or read)') });
  } finally {
    off();
    if (!o.signals) signals.dispose();
  }
  return report(doc, waited, o, signals.signal);
}

/** The note when the wait ended without an answer: nothing arrived, still in a state, or stopped by Ctrl-C. */
function noteFor(w: WaitResult, o: FollowOptions, signal: StopSignal | undefined): string | undefined {
  const d = w.delivery;
  if (w.interrupted) return `stopped waiting after ${formatDuration(w.waitedMs)} (${signal === undefined || signal === 'SIGINT' ? 'Ctrl-C' : signal}): ${d.seen.length ? `still ${d.state}` : 'no status webhook yet'} (the message itself was accepted)`;
  if (w.timedOut && d.seen.length === 0) return `no status webhook arrived within ${formatDuration(o.timeoutMs)}: is wa-ops webhook serve running and writing ${o.feed.where}? (the message itself was accepted)`;
  if (w.timedOut) return `still ${d.state} after ${formatDuration(o.timeoutMs)}`;
  return undefined;
}

function report(doc: Record<string, unknown>, w: WaitResult, o: FollowOptions, signal: StopSignal | undefined): number {
  const d: Delivery = w.delivery;
  const failure = d.state === 'failed' ? explainFailure(d.errors) : undefined;
  const note = noteFor(w, o, signal);
  if (term().json) {
    outJson({ ...doc, delivery: { state: d.state, seen: d.seen, errors: d.errors, timedOut: w.timedOut, waitedMs: w.waitedMs, ...(failure ? { explanation: failure } : {}), ...(note ? { note } : {}) } });
  } else if (failure) info(paint('red', `failed: ${failure}`));
  else if (note) info(paint('yellow', note));
  else {
    // Delivered and read can arrive together: each is said, so "delivered" is printed whenever it happened.
    const reached = (['delivered', 'read'] as const).filter((s) => d.seen.includes(s) || d.state === s);
    for (const s of reached) info(paint('green', `${s} after ${(w.waitedMs / 1000).toFixed(1)}s`));
  }
  if (w.interrupted) return signalExit(signal ?? 'SIGINT');
  return d.state === 'delivered' || d.state === 'read' ? EXIT.ok : EXIT.findings;
}
