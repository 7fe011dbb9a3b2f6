/** What the engine does with an answer: outcomes by evidence (never sent: pending; maybe sent: unknown; refused for this recipient: failed). */
import { cooldownFloorMs } from '../graph/actions.js';
import { escalatedCooldown, latestCooldownAt, recentCooldowns } from './cooldown-escalation.js';
import type { EngineAction, EngineState, ErrorFacts } from './engine-types.js';
import { beginStop, record, retryAt } from './engine-primitives.js';
import { onMediaRefused, onPairRate, PAIR_GAP_MS } from './engine-recipient-refusals.js';
import { isParamRefusal, onParamRefused, settleParamRefusals } from './engine-param-refusals.js';

/** The longest wait a failing server's Retry-After (a 503's) sets between two tries during an outage. */
const OUTAGE_WAIT_CAP_MS = 300_000;
/** The shortest cooldown a throughput limit starts, whatever `--cooldown` or Retry-After say: `--cooldown 0s` would otherwise retry at once, again and again. */
export const MIN_COOLDOWN_MS = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Record a cooldown unless a longer one is already in force. */
export function startCooldown(st: EngineState, acts: EngineAction[], now: number, ms: number, code: number | string, reason: string, sender?: string): void {
  const until = now + ms;
  const current = st.ledger.cooldownUntil ? Date.parse(st.ledger.cooldownUntil) : 0;
  if (until <= current) return;
  // Written before anything else: the next run (or another worker) must see it.
  record(st, acts, { t: 'cooldown-until', until: iso(until), code, reason, at: iso(now), ...(sender ? { sender } : {}) });
}

/** A successful answer. */
export function onSent(st: EngineState, acts: EngineAction[], now: number, item: number, wamid: string): void {
  st.streak = 0;
  st.mediaFailures = 0;
  settleParamRefusals(st, acts, now);
  st.thisRun.sent++;
  st.settled++;
  record(st, acts, { t: 'sent', r: st.cfg.items[item].e164, wamid, at: iso(now) });
}

/** A failed request; dispatchedAt tells whether it counts toward the outage streak (one burst counts once). */
export function onError(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts, dispatchedAt: number, sender: string): void {
  const r = st.cfg.items[item].e164;
  // A request refused before it was taken for a reason that will not pass (a redirect: the URL is wrong) stops the run at
  // once; trying it again six times and calling it an outage would only hide why.
  const unreachable = (e.notSent && e.action !== 'abort-run') || e.action === 'transient' || e.action === 'ambiguous';
  countOutage(st, now, e, unreachable, dispatchedAt);
  if (e.action === 'ambiguous' && !e.notSent) {
    // No outcome is written: the attempt stays "unknown" and is not resent without --retry-unknown.
    st.thisRun.unknown++;
    st.settled++;
    acts.push({ t: 'notice', text: `${r}: ${e.message}; the message may have been sent, recorded as unknown` });
    return;
  }
  if (unreachable && e.notSent) {
    retryAt(st, acts, now, item, e, st.outageUntil); // never left: no harm in trying again; the outage streak bounds the run
    return;
  }
  if (unreachable) onTransient(st, acts, now, item, e);
  else onRefused(st, acts, now, item, e, sender, dispatchedAt);
}

/** The outage streak: reset by an answer, grown by a failure to reach the API (one burst counts once), stopping the run at its bound. */
function countOutage(st: EngineState, now: number, e: ErrorFacts, unreachable: boolean, dispatchedAt: number): void {
  if (!unreachable) st.streak = 0;
  else if (dispatchedAt >= st.lastFailureAt) {
    st.streak++;
    st.lastFailureAt = now;
    // A 503 that says when to come back (Retry-After) is believed, up to 5 minutes a try: nobody is sent to before then,
    // and the run still stops after its bounded number of tries instead of sleeping through a long outage.
    const asked = e.waitFromResponse ? Math.min(e.retryAfterMs ?? 0, OUTAGE_WAIT_CAP_MS) : 0;
    st.outageUntil = now + Math.max(Math.min(8000, 500 * 2 ** (st.streak - 1)), asked);
    if (st.streak >= st.cfg.maxNotSent) {
      beginStop(st, now, { outcome: 'aborted', code: 'api-unreachable', message: `API unreachable after ${st.streak} tries (${e.message})`, hint: 'nobody was marked failed: check the network or metastatus.com, then run the same command again', exit: 3 }, st.cfg.drainMs);
    }
  }
}


/** A transient failure that was sent: retried with a growing gap, then left pending for a later run. */
function onTransient(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts): void {
  const r = st.cfg.items[item].e164;
  const n = (st.transientTries.get(r) ?? 0) + 1;
  st.transientTries.set(r, n);
  if (n > st.cfg.maxTransientRetries) {
    // Never provably sent: pending for a later run, not burnt.
    record(st, acts, { t: 'retry-at', r, until: iso(now), code: e.code, at: iso(now) });
    st.thisRun.deferred++;
    st.settled++;
    acts.push({ t: 'notice', text: `${r}: ${e.message}; tried ${n} times, left pending for the next run` });
    return;
  }
  retryAt(st, acts, now, item, e, Math.max(st.outageUntil, now + Math.max(PAIR_GAP_MS, 2000 * 2 ** (n - 1))));
}

/** An answer refusing the message: a cooldown, a backoff for this recipient, a stop of the run, or failed. */
function onRefused(st: EngineState, acts: EngineAction[], now: number, item: number, e: ErrorFacts, sender: string, dispatchedAt: number): void {
  const r = st.cfg.items[item].e164;
  switch (e.action) {
    case 'cooldown':
    case 'retry-after': {
      const current = st.ledger.cooldownUntil ? Date.parse(st.ledger.cooldownUntil) : 0;
      // An answer to a request sent before the cooldown in force began is of the burst that started it: it waits that
      // cooldown out (longer only if the answer itself asks), never doubling it once per request that was in flight.
      if (current > now && dispatchedAt <= latestCooldownAt(st.ledger.cooldowns) && !(e.waitFromResponse && now + (e.retryAfterMs ?? 0) > current)) {
        retryAt(st, acts, now, item, e, current);
        return;
      }
      const recent = recentCooldowns(st.ledger.cooldowns, now);
      const base = e.action === 'cooldown' ? escalatedCooldown(Math.max(MIN_COOLDOWN_MS, st.cfg.cooldownMs, cooldownFloorMs(e.code)), recent) : (e.retryAfterMs ?? st.cfg.cooldownMs);
      const ms = Math.max(MIN_COOLDOWN_MS, base, e.waitFromResponse ? (e.retryAfterMs ?? 0) : 0);
      startCooldown(st, acts, now, ms, e.code, `${e.code}: ${e.hint ?? e.message}`, sender);
      retryAt(st, acts, now, item, e, Date.parse(st.ledger.cooldownUntil!));
      return;
    }
    case 'recipient-backoff': {
      onPairRate(st, acts, now, item, e);
      return;
    }
    case 'abort-run':
      // Not the recipient's fault: it stays pending for the run after the fix.
      record(st, acts, { t: 'retry-at', r, until: iso(now), code: e.code, at: iso(now) });
      st.settled++;
      beginStop(st, now, { outcome: 'aborted', code: e.errorCode, message: e.message, hint: e.hint, exit: 3 }, st.cfg.drainMs);
      return;
    default:
      if (e.code === 131053) onMediaRefused(st, acts, now, r, e);
      else if (isParamRefusal(e)) onParamRefused(st, acts, now, item, e);
      else {
        settleParamRefusals(st, acts, now);
        onFailed(st, acts, now, r, e);
      }
  }
}

/** Refused for this recipient: failed for good. */
function onFailed(st: EngineState, acts: EngineAction[], now: number, r: string, e: ErrorFacts): void {
  record(st, acts, { t: 'failed', r, code: e.code, details: e.details ?? e.message, action: e.action, at: iso(now) });
  st.thisRun.failed++;
  st.settled++;
}
