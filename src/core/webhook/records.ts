/** Flatten a webhook POST into records (statuses, inbound messages, errors, opt-out preferences, account and template events), each with a dedupe key. */
import { createHash } from 'node:crypto';
import type { ErrorRecord, MessageRecord, PreferenceRecord, StatusRecord, WebhookError, WebhookRecord } from './record-types.js';

export type * from './record-types.js';
export { BoundedSet } from './bounded-set.js';


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** A short digest of content, for dedupe keys that tell any two different events apart. */
export function contentKey(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

/** entry.time (seconds, or milliseconds from some senders) as unix seconds. */
function entrySeconds(entry: Obj): number | undefined {
  const t = Number(entry.time);
  if (!Number.isFinite(t) || t <= 0) return undefined;
  return t > 1e12 ? Math.floor(t / 1000) : Math.floor(t);
}

function toError(e: Obj): WebhookError {
  const out: WebhookError = { code: Number(e.code) };
  const title = str(e.title);
  const message = str(e.message);
  const details = isObj(e.error_data) ? str(e.error_data.details) : undefined;
  if (title) out.title = title;
  if (message && message !== title) out.message = message;
  if (details) out.details = details;
  return out;
}

/** Records in a payload (an unknown shape gives none). */
export function toRecords(payload: unknown, receivedAtSec: number): WebhookRecord[] {
  const out: WebhookRecord[] = [];
  if (!isObj(payload)) return out;
  for (const entry of arr(payload.entry)) {
    if (!isObj(entry)) continue;
    const wabaId = str(entry.id);
    const time = entrySeconds(entry);
    for (const change of arr(entry.changes)) {
      if (!isObj(change)) continue;
      const field = str(change.field) ?? 'unknown';
      if (!isObj(change.value)) {
        // A shape nobody documented (a string, a list): kept whole rather than dropped.
        if (change.value !== undefined) out.push({ kind: 'other', key: `o:${field}:${contentKey(wabaId, time, change.value)}`, field, ts: String(time ?? receivedAtSec), wabaId, value: change.value });
        continue;
      }
      const v = change.value;
      const ctx: Ctx = { wabaId, time, field, receivedAtSec, pn: isObj(v.metadata) ? str(v.metadata.phone_number_id) : undefined };
      if (field === 'messages' || field === 'user_preferences') messageRecords(v, ctx, out);
      else out.push({ kind: 'management', key: `g:${field}:${contentKey(wabaId, time, v)}`, field, wabaId, at: new Date((time ?? receivedAtSec) * 1000).toISOString(), value: v });
    }
  }
  return out;
}

interface Ctx {
  wabaId?: string;
  time?: number;
  field: string;
  receivedAtSec: number;
  pn?: string;
}

function messageRecords(v: Obj, c: Ctx, out: WebhookRecord[]): void {
  const before = out.length;
  const contacts = arr(v.contacts).filter(isObj);
  for (const s of arr(v.statuses)) {
    if (isObj(s) && str(s.id) && str(s.status)) out.push(statusRecord(s, c, contacts));
  }
  for (const m of arr(v.messages)) {
    if (isObj(m) && str(m.id)) out.push(messageRecord(m, c, contacts));
  }
  for (const u of arr(v.user_preferences)) {
    if (isObj(u)) out.push(preferenceRecord(u, c, contacts));
  }
  for (const e of arr(v.errors)) {
    if (isObj(e)) out.push(errorRecord(e, c));
  }
  if (out.length === before) {
    // Echoes, calls, history and shapes not known yet: kept whole rather than dropped.
    out.push({ kind: 'other', key: `o:${c.field}:${contentKey(c.wabaId, c.time, v)}`, field: c.field, ts: String(c.time ?? c.receivedAtSec), wabaId: c.wabaId, value: v });
  }
}

// Each record's keys are set in a fixed order: the events file stores them as written.

function statusRecord(s: Obj, c: Ctx, contacts: Obj[]): StatusRecord {
  const errors = arr(s.errors).filter(isObj).map(toError);
  const p = isObj(s.pricing) ? s.pricing : undefined;
  const r: StatusRecord = { kind: 'status', key: `s:${s.id}:${s.status}`, id: str(s.id)!, status: str(s.status)!, ts: str(s.timestamp) ?? String(c.receivedAtSec), recipient: str(s.recipient_id) ?? '' };
  if (c.pn) r.phoneNumberId = c.pn;
  if (str(s.biz_opaque_callback_data)) r.cb = str(s.biz_opaque_callback_data);
  if (errors.length) r.errors = errors;
  if (p && str(p.category)) r.category = str(p.category);
  if (c.wabaId) r.wabaId = c.wabaId;
  const userId = str(s.recipient_user_id) ?? contactFor(contacts, str(s.recipient_id))?.userId;
  if (userId) r.userId = userId;
  if (str(s.recipient_parent_user_id)) r.parentUserId = str(s.recipient_parent_user_id);
  if (p) r.pricing = { billable: typeof p.billable === 'boolean' ? p.billable : undefined, model: str(p.pricing_model), type: str(p.type), category: str(p.category) };
  return r;
}

function messageRecord(m: Obj, c: Ctx, contacts: Obj[]): MessageRecord {
  const type = str(m.type) ?? 'unknown';
  const text = isObj(m.text) ? str(m.text.body) : isObj(m.button) ? (str(m.button.text) ?? str(m.button.payload)) : isObj(m.interactive) ? interactiveText(m.interactive) : undefined;
  const from = str(m.from) ?? '';
  const contact = contactFor(contacts, from) ?? (contacts.length === 1 ? contactFor(contacts, undefined) : undefined);
  // A retry repeats the message object exactly; different messages under one id (Meta's own examples
  // reuse one) are different events. The key holds the id and a digest of the whole message.
  const r: MessageRecord = { kind: 'message', key: `m:${m.id}:${contentKey(m)}`, id: str(m.id)!, from, type, ts: str(m.timestamp) ?? String(c.receivedAtSec) };
  if (text !== undefined) r.text = text;
  if (c.pn) r.phoneNumberId = c.pn;
  if (c.wabaId) r.wabaId = c.wabaId;
  const userId = str(m.from_user_id) ?? contact?.userId;
  if (userId) r.userId = userId;
  if (contact?.waId) r.waId = contact.waId;
  const errors = arr(m.errors).filter(isObj).map(toError);
  if (errors.length) r.errors = errors;
  // The message as Meta sent it (location, media id and caption, order, contacts, reaction, context...).
  r.message = m;
  return r;
}

function preferenceRecord(u: Obj, c: Ctx, contacts: Obj[]): PreferenceRecord {
  const waId = str(u.wa_id);
  const contact = contactFor(contacts, waId);
  const r: PreferenceRecord = { kind: 'preference', key: `p:${contentKey(c.wabaId, c.time, u)}`, category: str(u.category) ?? 'marketing_messages', value: (str(u.value) ?? '').toLowerCase(), ts: str(u.timestamp) ?? String(c.time ?? c.receivedAtSec) };
  if (waId) r.waId = waId;
  const userId = str(u.user_id) ?? contact?.userId;
  if (userId) r.userId = userId;
  if (str(u.parent_user_id)) r.parentUserId = str(u.parent_user_id);
  if (str(u.detail)) r.detail = str(u.detail);
  if (c.wabaId) r.wabaId = c.wabaId;
  if (c.pn) r.phoneNumberId = c.pn;
  return r;
}

function errorRecord(e: Obj, c: Ctx): ErrorRecord {
  // Keyed by the whole error and Meta's time: two different 131000s in one second are two events.
  const r: ErrorRecord = { kind: 'error', key: `e:${contentKey(c.wabaId, c.time, c.pn, e)}`, ...toError(e), ts: String(c.time ?? c.receivedAtSec), field: c.field };
  if (c.wabaId) r.wabaId = c.wabaId;
  if (c.pn) r.phoneNumberId = c.pn;
  return r;
}

function contactFor(contacts: Obj[], id: string | undefined): { waId?: string; userId?: string } | undefined {
  const c = contacts.find((x) => id === undefined || str(x.wa_id) === id || str(x.user_id) === id);
  return c ? { waId: str(c.wa_id), userId: str(c.user_id) } : undefined;
}

function interactiveText(i: Obj): string | undefined {
  for (const k of ['button_reply', 'list_reply']) {
    const reply = i[k];
    if (isObj(reply)) return str(reply.title) ?? str(reply.id);
  }
  // A completed flow: its body ("Sent") or name; the answers are in message.interactive.nfm_reply.
  if (isObj(i.nfm_reply)) return str(i.nfm_reply.body) ?? str(i.nfm_reply.name);
  return undefined;
}
