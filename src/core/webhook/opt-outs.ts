/** Which records are opt-outs or resumes, and for which number: the decisions behind the suppression list. */
import { parseCallbackData } from '../campaign/render.js';
import { oneOffCallbackData } from '../send-to/message.js';
import type { WebhookRecord } from './records.js';
import { isOptOutButton, isStopMessage } from './stop-words.js';

/** A suppression to add or lift; `e164` is unset when the event does not say the number (resolve it, or report it). */
export interface OptOutIntent {
  op: 'add' | 'lift';
  e164?: string;
  waId?: string;
  userId?: string;
  reason: 'stop-word' | 'marketing-opt-out' | '131050';
  scope: 'all' | 'marketing';
  /** The wamid or message id it came from. */
  ref: string;
  /** When it happened (Meta's timestamp, ISO), when the event says. */
  at?: string;
}

const digits = (v: string | undefined) => (v && /^\+?[1-9]\d{5,14}$/.test(v) ? v.replace(/^\+/, '') : undefined);
const iso = (ts: string): string | undefined => {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 && n < 1e11 ? new Date(n * 1000).toISOString() : undefined;
};

/**
 * Meta does not deliver in order: a stop that happened before the resume already recorded (or the other way round)
 * must not undo it. Stale when an opt-out event of the same number and scope that happened later is on the list.
 */
export function isStaleOptOut(intentAt: string | undefined, latestEventAt: string | undefined): boolean {
  return intentAt !== undefined && latestEventAt !== undefined && intentAt < latestEventAt;
}

const ONE_OFF = oneOffCallbackData('');

/** The number wa-ops sent to, from its callback data: a campaign's ("wa-ops:<id>:+49...") or send --to's ("wa-ops-to:+49..."). */
export function numberFromCallbackData(cb: string | undefined): string | undefined {
  const campaign = parseCallbackData(cb)?.e164;
  if (campaign) return campaign;
  const rest = cb?.startsWith(ONE_OFF) ? cb.slice(ONE_OFF.length) : undefined;
  return rest && /^\+[1-9]\d{5,14}$/.test(rest) ? rest : undefined;
}

/** The opt-out a record carries, if any. Stop words count only in typed text; a tapped button only when it is a marketing opt-out button. */
export function optOutOf(r: WebhookRecord): OptOutIntent | null {
  if (r.kind === 'status') {
    if (r.status !== 'failed' || !r.errors?.some((e) => e.code === 131050)) return null;
    // The number the business sent to: our callback data says it; else the recipient id when it is a number.
    const e164 = numberFromCallbackData(r.cb) ?? (digits(r.recipient) ? `+${digits(r.recipient)}` : undefined);
    return { op: 'add', e164, waId: digits(r.recipient), userId: r.userId, reason: '131050', scope: 'marketing', ref: r.id, at: iso(r.ts) };
  }
  if (r.kind === 'message') {
    // A typed stop word opts out of everything; a template's marketing opt-out button ("Stop promotions") of marketing.
    const typed = r.type === 'text' && isStopMessage(r.text);
    if (!typed && !((r.type === 'button' || r.type === 'interactive') && isOptOutButton(r.text))) return null;
    const wa = digits(r.waId) ?? digits(r.from);
    return { op: 'add', e164: wa ? `+${wa}` : undefined, waId: wa, userId: r.userId, reason: typed ? 'stop-word' : 'marketing-opt-out', scope: typed ? 'all' : 'marketing', ref: r.id, at: iso(r.ts) };
  }
  if (r.kind === 'preference') {
    if (!/marketing/i.test(r.category) || (r.value !== 'stop' && r.value !== 'resume')) return null;
    const wa = digits(r.waId);
    return { op: r.value === 'stop' ? 'add' : 'lift', e164: wa ? `+${wa}` : undefined, waId: wa, userId: r.userId ?? r.parentUserId, reason: 'marketing-opt-out', scope: 'marketing', ref: r.key, at: iso(r.ts) };
  }
  return null;
}

/**
 * Whether the opt-out writer needs to see a record: a possible opt-out, or a status that ties a user id to a number
 * (learned for later opt-outs known only by user id). A plain status does not, so the hot path need not pass it on.
 */
export function mattersToOptOuts(r: WebhookRecord): boolean {
  return r.kind !== 'status' || r.userId !== undefined || r.errors !== undefined;
}
