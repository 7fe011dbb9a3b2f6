/** The engine's scheduling helpers: the next pacer slot (and giving one back), the next recipient to look at, a zone's window, --limit. */
import type { EngineState } from './engine-types.js';
import { apply } from './ledger-state.js';
import { isOpen, nextOpen } from './window.js';

/** The sender whose next slot comes first (round-robin on ties); a schedule far behind restarts at now. */
export function nextPacer(st: EngineState, now: number): { p: EngineState['pacers'][number]; at: number } {
  let best = st.pacers[0];
  let bestAt = Infinity;
  for (const p of st.pacers) {
    let at = p.anchor + p.k * st.cfg.intervalMs;
    if (now - at > st.cfg.intervalMs * 2 && now - at > 1000) [p.anchor, p.k, at] = [now, 0, now];
    if (at < bestAt) [best, bestAt] = [p, at];
  }
  return { p: best, at: bestAt };
}

/** When the window next opens for a zone (now when open), cached per zone and minute: O(1) per recipient. */
export function windowOpensAt(st: EngineState, now: number, zone: string): number {
  const w = st.cfg.window!;
  const minute = Math.floor(now / 60_000);
  const c = st.zones.get(zone);
  if (c && c.minute === minute) return c.next;
  const next = isOpen(w.w, now, zone, w.seed) ? now : nextOpen(w.w, now, zone, w.seed);
  st.zones.set(zone, { minute, next });
  return next;
}

/** Recipients counted against --limit: those started, less those given back without a request (claimed elsewhere, abandoned). */
export function limitUsed(st: EngineState): number {
  return st.started - st.released;
}

/** The next recipient: one put back, a waiting one now due, else the next fresh one within --limit. */
export function pick(st: EngineState, now: number): number | undefined {
  if (st.front !== undefined) {
    const i = st.front;
    st.front = undefined;
    return i;
  }
  const due = st.heap.peekDue();
  if (due !== undefined && due <= now) {
    const i = st.heap.pop()!.item;
    if (st.startedFlags[i]) st.waitingStarted--;
    return i;
  }
  while (st.next < st.cfg.items.length) {
    const i = st.next++;
    // --limit: recipients beyond it are not part of this run.
    if (st.cfg.limit === undefined || limitUsed(st) < st.cfg.limit) return i;
  }
  return undefined;
}


/**
 * A refused claim (nothing went out) gives its pace slot back, but only when no real send can end up closer than the
 * interval to another: the pacer's invariant is that the sends of a sender hold distinct slots anchor + k * interval,
 * each sent at or after its time. Only the latest slot taken can be given back (an earlier one would be taken twice),
 * and the schedule restarts from now rather than from that slot's time (a slot reused late would crowd the next one).
 */
export function handBack(st: EngineState, now: number, f: { sender: string; anchor: number; k: number }): void {
  const p = st.pacers.find((x) => x.sender === f.sender);
  if (!p || p.anchor !== f.anchor || p.k !== f.k + 1) return;
  [p.anchor, p.k] = [Math.max(now, f.anchor + f.k * st.cfg.intervalMs), 0];
}

/**
 * A claim that did not go through (nothing went out): it does not count against --limit, and its pace slot may be
 * handed back. notStored: the attempt recorded at dispatch never reached the store either, so the run's own view says
 * pending, as the store does (the summary shows that view when the store cannot be read again after an outage).
 */
export function released(st: EngineState, now: number, f: { sender: string; anchor: number; k: number }, item: number, notStored: boolean): void {
  st.settled++;
  st.released++;
  handBack(st, now, f);
  if (notStored) apply(st.ledger, { t: 'retry-at', r: st.cfg.items[item].e164, until: new Date(now).toISOString(), code: 'not-stored', at: new Date(now).toISOString() });
}
