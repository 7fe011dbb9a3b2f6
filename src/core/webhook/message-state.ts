/** One message as the delivery report follows it: the first time it reached each stage, its failure and its pricing. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseCallbackData } from '../campaign/render.js';
import { numberFromCallbackData } from './opt-outs.js';
import type { WebhookRecord } from './records.js';

/** A status record, the only kind that moves a message along. */
export type StatusRecord = Extract<WebhookRecord, { kind: 'status' }>;

/** What the analyzer keeps per message until it is folded into the totals. */
export interface MessageState {
  campaign: string;
  /** The number the business sent to (callback data, else a recipient id that is a number): a BSUID has no country. */
  number?: string;
  sent?: number;
  delivered?: number;
  read?: number;
  /** The code of the last failure reported (the reason the message counts under); an earlier code stays in `codes`. */
  failed?: number | string;
  /** Every distinct error code the message's statuses carried: each reason counted once per message, however often Meta repeats it. */
  codes?: string[];
  last: number;
  /** The first pricing Meta reported for the message (it comes on sent and again on delivered or read). */
  pricing?: { category: string; billable: boolean };
}

/** A message first seen in this status: its campaign from the callback data, its number where one is known. */
export function newMessageState(r: StatusRecord, ts: number): MessageState {
  const campaign = parseCallbackData(r.cb)?.campaignId ?? '(no campaign)';
  const number = numberFromCallbackData(r.cb) ?? (/^\+?\d{6,15}$/.test(r.recipient) ? `+${r.recipient.replace(/^\+/, '')}` : undefined);
  return { campaign, number, last: ts };
}

/** The earlier of two times; an unreadable one (0) only marks that the stage was reached. */
const earliest = (known: number | undefined, ts: number): number => (known === undefined || known <= 0 ? ts : ts <= 0 ? known : Math.min(known, ts));

/** Fold one status in: each stage keeps its earliest time (a group's participants each send one), a failure its code; returns the error codes new to this message. */
export function applyMessageStatus(m: MessageState, r: StatusRecord, ts: number): string[] {
  m.last = Math.max(m.last, ts);
  if (r.status === 'sent') m.sent = earliest(m.sent, ts);
  else if (r.status === 'delivered') m.delivered = earliest(m.delivered, ts);
  else if (r.status === 'read' || r.status === 'played') m.read = earliest(m.read, ts);
  // A later failure without a code keeps the code already known, as the campaign ledger does (status prints the same).
  else if (r.status === 'failed') m.failed = r.errors?.[0]?.code ?? m.failed ?? 'unknown';
  const cat = r.pricing?.category ?? r.category;
  if (!m.pricing && cat) m.pricing = { category: cat.toLowerCase(), billable: r.pricing?.billable ?? !/^free/.test(r.pricing?.type ?? '') };
  const fresh: string[] = [];
  for (const e of r.errors ?? []) {
    const code = String(e.code);
    if ((m.codes ??= []).includes(code)) continue;
    m.codes.push(code);
    fresh.push(code);
  }
  return fresh;
}

/** The country of the number a message went to ("unknown" for a user known only by a BSUID). */
export function regionOf(m: MessageState): string {
  return regionOfNumber(m.number);
}

/** The country of a number in E.164 ("unknown" without one, or for a number no country has). */
export function regionOfNumber(n: string | undefined): string {
  return (n && parsePhoneNumberFromString(n)?.country) || 'unknown';
}
