/** The send loop: paced, bounded concurrency, every attempt fsynced before its POST, errors acted on by the table. */
import { UpstreamError } from '../../core/errors.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { recipientBackoffMs } from '../../core/graph/actions.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { apply, rollingWindow, type LedgerState } from '../../core/campaign/ledger-state.js';
import { escalatedCooldown, nextPacer, Pacer } from '../../core/campaign/pacer.js';
import { isOpen, nextOpen, type SendWindow } from '../../core/campaign/window.js';
import type { GraphClient } from '../graph/client.js';
import type { Ledger } from '../ledger/ledger.js';
import { Waker } from './waker.js';

export interface Sendable {
  e164: string;
  /** The recipient's time zone, for the send window. */
  zone?: string;
  /** Values of the campaign's mapped columns: the payload is rendered from them at send time. */
  values: string[];
  callbackData: string;
}

export interface RunControl {
  stopped?: 'SIGINT' | 'SIGTERM';
}

export interface RunProgress {
  sent: number;
  failed: number;
  remaining: number;
  nextAt?: number;
  cooldownUntil?: number;
  inFlight: number;
}

export interface RunOptions {
  ledger: Ledger;
  state: LedgerState;
  client: Pick<GraphClient, 'sendMessage'>;
  queue: Sendable[];
  senders: string[];
  intervalMs: number;
  concurrency: number;
  cooldownMs: number;
  noWait: boolean;
  limit?: number;
  /** Unique recipients per rolling 24 h: warn at warnAt, pause at pauseAt. */
  budget?: { limit: number; warnAt: number; pauseAt: number; source: string };
  /** Recipients outside their local window wait; the run sends to those inside. */
  window?: { w: SendWindow; seed: number };
  /** The request body of a recipient for the sender that sends it (rendered late: payloads are not kept in memory). */
  payloadOf: (item: Sendable, sender: string) => Record<string, unknown>;
  control: RunControl;
  waker: Waker;
  maxTransientRetries?: number;
  onProgress?: (p: RunProgress) => void;
  onNotice?: (text: string) => void;
}

export interface RunResult {
  outcome: 'done' | 'paused' | 'aborted' | 'interrupted';
  thisRun: { sent: number; failed: number; unknown: number };
  abort?: GraphError | Error;
  pausedUntil?: string;
}

const PAIR_GAP_MS = 6000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Send the queue; resolves when done, paused, aborted or interrupted, with the ledger flushed. */
export async function runCampaign(o: RunOptions): Promise<RunResult> {
  const now = () => Date.now();
  const result: RunResult = { outcome: 'done', thisRun: { sent: 0, failed: 0, unknown: 0 } };
  const pacers = o.senders.map((s) => new Pacer(s, o.intervalMs, now()));
  const inFlight = new Set<Promise<void>>();
  const retries: { item: Sendable; due: number }[] = [];
  const transientTries = new Map<string, number>();
  const pairHits = new Map<string, number>();
  let next = 0;
  let started = 0;
  let abort: GraphError | Error | undefined;
  let budgetWarned = false;
  let mediaFailures = 0;

  const record = async (e: LedgerEvent) => {
    await o.ledger.append(e);
    apply(o.state, e);
  };
  const cooldownUntil = () => (o.state.cooldownUntil ? Date.parse(o.state.cooldownUntil) : 0);
  const remaining = () => o.queue.length - next + retries.length;
  const progress = (nextAt?: number) =>
    o.onProgress?.({ sent: result.thisRun.sent, failed: result.thisRun.failed, remaining: remaining(), nextAt, cooldownUntil: cooldownUntil() > now() ? cooldownUntil() : undefined, inFlight: inFlight.size });

  const startCooldown = async (ms: number, code: number | string, reason: string) => {
    const until = now() + ms;
    if (until <= cooldownUntil()) return;
    // Written before anything else: a second process, or the next run, must see it.
    await record({ t: 'cooldown-until', until: iso(until), code, reason, at: iso(now()) });
    o.waker.wake();
  };

  const dispatch = async (item: Sendable, sender: string) => {
    const x = o.state.recipients.get(item.e164);
    await record({ t: 'attempt', r: item.e164, n: (x?.attempts ?? 0) + 1, sender, cb: item.callbackData, at: iso(now()) });
    try {
      const res = await o.client.sendMessage(sender, o.payloadOf(item, sender));
      await record({ t: 'sent', r: item.e164, wamid: res.messages?.[0]?.id ?? '', at: iso(now()) });
      result.thisRun.sent++;
      mediaFailures = 0;
    } catch (err) {
      if (!(err instanceof GraphError)) {
        abort ??= err as Error;
        return;
      }
      await onError(item, err);
    }
  };

  const retryAt = async (item: Sendable, dueMs: number, code: number | string) => {
    await record({ t: 'retry-at', r: item.e164, until: iso(dueMs), code, at: iso(now()) });
    retries.push({ item, due: dueMs });
    retries.sort((a, b) => a.due - b.due);
  };

  const onError = async (item: Sendable, e: GraphError) => {
    const code = e.graphCode ?? (e.httpStatus ? `http-${e.httpStatus}` : 'network');
    switch (e.action) {
      case 'cooldown':
      case 'retry-after': {
        const recent = o.state.cooldowns.filter((c) => now() - c.at < 3_600_000).length;
        const base = e.action === 'cooldown' ? escalatedCooldown(o.cooldownMs, recent) : (e.retryAfterMs ?? o.cooldownMs);
        const ms = Math.max(base, e.waitFromResponse ? (e.retryAfterMs ?? 0) : 0);
        await startCooldown(ms, code, `${code}: ${e.todo}`);
        await retryAt(item, cooldownUntil(), code);
        return;
      }
      case 'recipient-backoff': {
        const x = pairHits.get(item.e164) ?? 0;
        pairHits.set(item.e164, x + 1);
        await retryAt(item, now() + Math.max(PAIR_GAP_MS, recipientBackoffMs(x)), code);
        return;
      }
      case 'transient': {
        const n = transientTries.get(item.e164) ?? 0;
        if (n < (o.maxTransientRetries ?? 3)) {
          transientTries.set(item.e164, n + 1);
          await retryAt(item, now() + Math.max(PAIR_GAP_MS, 2000 * 2 ** n), code);
          return;
        }
        await record({ t: 'failed', r: item.e164, code, details: e.message, action: 'transient-exhausted', at: iso(now()) });
        result.thisRun.failed++;
        return;
      }
      case 'ambiguous':
        // No outcome is written: the attempt stays "unknown" and is not resent without --retry-unknown.
        result.thisRun.unknown++;
        o.onNotice?.(`${item.e164}: ${e.message}; the message may have been sent, recorded as unknown`);
        return;
      case 'abort-run':
        // Not the recipient's fault: it stays pending for the run after the fix.
        await record({ t: 'retry-at', r: item.e164, until: iso(now()), code, at: iso(now()) });
        abort ??= e;
        o.waker.wake();
        return;
      default:
        await record({ t: 'failed', r: item.e164, code, details: e.details ?? e.message, action: e.action, at: iso(now()) });
        result.thisRun.failed++;
        if (e.graphCode === 131053 && ++mediaFailures >= 5) {
          abort ??= new UpstreamError(`5 media failures in a row (131053: ${e.details ?? e.message})`, {
            code: 'media-failures',
            hint: 'the header medium cannot be used: check its type and size (wa-ops doctor --campaign), or that the URL is reachable from the internet',
          });
          o.waker.wake();
        }
    }
  };

  const launch = (item: Sendable, sender: string) => {
    started++;
    const p: Promise<void> = dispatch(item, sender)
      .catch((err) => {
        abort ??= err as Error;
      })
      .finally(() => {
        inFlight.delete(p);
        o.waker.wake();
      });
    inFlight.add(p);
  };

  const putBack = (item: Sendable, due: number) => {
    if (next > 0 && o.queue[next - 1] === item) next--;
    else retries.unshift({ item, due });
  };

  const take = (): Sendable | undefined => {
    if (retries.length > 0 && retries[0].due <= now()) return retries.shift()!.item;
    while (next < o.queue.length) return o.queue[next++];
    return undefined;
  };

  while (true) {
    if (o.control.stopped) {
      result.outcome = 'interrupted';
      break;
    }
    if (abort) {
      result.outcome = 'aborted';
      break;
    }
    const cd = cooldownUntil();
    if (cd > now()) {
      if (inFlight.size > 0) {
        await o.waker.sleep(1000);
        continue;
      }
      if (o.noWait) {
        result.outcome = 'paused';
        result.pausedUntil = iso(cd);
        break;
      }
      progress();
      await o.waker.sleep(Math.min(cd - now(), 1000));
      if (cooldownUntil() <= now()) for (const p of pacers) p.reanchor(now());
      continue;
    }
    if (o.limit !== undefined && started >= o.limit) break;
    if (inFlight.size >= o.concurrency) {
      await o.waker.sleep(1000);
      continue;
    }
    const item = take();
    if (!item) {
      if (retries.length > 0) {
        const wait = retries[0].due - now();
        if (o.noWait && inFlight.size === 0 && wait > 60_000) {
          // Everything left waits (send windows, backoffs): record why, stop, and let a later run go on.
          await startCooldown(wait, 'waiting', o.window ? `every remaining recipient is outside the send window ${o.window.w.text}` : 'every remaining recipient is backing off');
          continue;
        }
        await o.waker.sleep(Math.min(wait, 1000));
        continue;
      }
      if (inFlight.size > 0) {
        await o.waker.sleep(1000);
        continue;
      }
      break;
    }
    if (o.window && item.zone && !isOpen(o.window.w, now(), item.zone, o.window.seed)) {
      retries.push({ item, due: nextOpen(o.window.w, now(), item.zone, o.window.seed) });
      retries.sort((a, b) => a.due - b.due);
      continue;
    }
    const x = o.state.recipients.get(item.e164);
    if (o.budget && (x?.attempts ?? 0) === 0) {
      const w = rollingWindow(o.state, now());
      if (w.used >= o.budget.pauseAt) {
        putBack(item, now());
        await startCooldown((w.oldest ?? now()) + 86_400_000 - now(), 'budget', `${w.used} of ${o.budget.limit} unique recipients in the last 24 h (${o.budget.source})`);
        continue;
      }
      if (w.used >= o.budget.warnAt && !budgetWarned) {
        budgetWarned = true;
        o.onNotice?.(`warning: ${w.used} of ${o.budget.limit} unique recipients used in the last 24 h (${o.budget.source}); the run pauses at ${o.budget.pauseAt}`);
      }
    }
    const pacer = nextPacer(pacers, now());
    const pairReady = x?.lastAttemptAt ? Date.parse(x.lastAttemptAt) + PAIR_GAP_MS : 0;
    const at = Math.max(pacer.peek(now()), pairReady);
    if (at > now()) {
      // Not due yet: put it back and wait (a cooldown or a stop may come in the meantime).
      putBack(item, pairReady);
      progress(at);
      await o.waker.sleep(Math.min(at - now(), 1000));
      continue;
    }
    pacer.take();
    launch(item, pacer.sender);
    progress();
  }
  // Let in-flight requests finish (bounded), then make sure everything is on disk.
  const drained = Promise.allSettled([...inFlight]);
  await Promise.race([drained, new Promise((r) => setTimeout(r, 15_000))]);
  await o.ledger.drain();
  if (abort) {
    result.outcome = 'aborted';
    result.abort = abort;
  }
  return result;
}
