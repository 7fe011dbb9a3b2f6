/** Fold the status webhooks of one message into where it stands, and say what a failure means. */
import { actionFor } from '../graph/actions.js';

/** How far one message got, as send --to --wait reports it. */
export type DeliveryState = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** A status record as the delivery fold reads it. */
export interface StatusLike {
  id: string;
  status: string;
  ts: string;
  errors?: { code: number; title?: string; details?: string }[];
}

/** One message's delivery so far: its state, times and failure. */
export interface Delivery {
  state: DeliveryState;
  /** Unix seconds of the status that decided the state. */
  ts?: string;
  errors: { code: number; title?: string; details?: string }[];
  /** Every status seen, in arrival order. */
  seen: string[];
}

// The same precedence as the campaign counts: read > delivered > failed > sent.
const RANK: Record<DeliveryState, number> = { accepted: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

/** Is this status one a delivery can be in? */
function isDeliveryState(s: string): s is DeliveryState {
  return Object.hasOwn(RANK, s);
}

/** The state of message `wamid` after these records (others are ignored; out-of-order arrivals are fine). */
export function foldDelivery(wamid: string, records: Iterable<StatusLike>, start: Delivery = { state: 'accepted', errors: [], seen: [] }): Delivery {
  const d: Delivery = { ...start, errors: [...start.errors], seen: [...start.seen] };
  for (const r of records) {
    if (r.id !== wamid || !isDeliveryState(r.status)) continue;
    d.seen.push(r.status);
    if (r.status === 'failed') d.errors.push(...(r.errors ?? []));
    if (RANK[r.status] > RANK[d.state]) {
      d.state = r.status;
      d.ts = r.ts;
    }
  }
  return d;
}

/** Delivered, read and failed end the wait. */
export function isSettled(state: DeliveryState): boolean {
  return state === 'delivered' || state === 'read' || state === 'failed';
}

/** One line on why a message failed and what to do, from the error table (131047 spelled out). */
export function explainFailure(errors: Delivery['errors']): string {
  if (errors.length === 0) return 'failed without an error code';
  return errors
    .map((e) => {
      if (e.code === 131047) {
        return '(#131047) the 24 h customer service window is closed: a free-form --text only reaches someone who wrote to you in the last 24 h; send an approved template with --template instead';
      }
      const same = (a?: string, b?: string) => (a ?? '').toLowerCase().replace(/\W/g, '') === (b ?? '').toLowerCase().replace(/\W/g, '');
      const what = e.details && !same(e.title, e.details) ? `${e.title ?? 'failed'} (${e.details})` : (e.title ?? 'failed');
      return `(#${e.code}) ${what}; what to do: ${actionFor(e.code, 200).todo}`;
    })
    .join('; ');
}

/** Is the customer's 24 h service window open at `nowSec`, judging by their inbound messages (unix-second timestamps)? */
export function windowOpenFrom(inbound: Iterable<{ from: string; ts: string }>, e164: string, nowSec: number): boolean {
  const digits = e164.replace(/^\+/, '');
  for (const m of inbound) if (m.from.replace(/^\+/, '') === digits && nowSec - Number(m.ts) < 24 * 3600) return true;
  return false;
}
