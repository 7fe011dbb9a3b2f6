/** Flatten a webhook POST into records (statuses, inbound messages, errors, opt-out preferences, account and template events), each with a dedupe key. */
import type { ErrorRecord, MessageRecord, PreferenceRecord, WebhookRecord } from './record-types.js';
import { arr, contactFor, contentKey, isObj, otherFields, str, toError, type Ctx, type Obj } from './record-parts.js';
import { statusRecord } from './status-record.js';

export type * from './record-types.js';
export { BoundedSet } from './bounded-set.js';
export { contentKey } from './record-parts.js';

/** entry.time (seconds, or milliseconds from some senders) as unix seconds. */
function entrySeconds(entry: Obj): number | undefined {
  const t = Number(entry.time);
  if (!Number.isFinite(t) || t <= 0) return undefined;
  return t > 1e12 ? Math.floor(t / 1000) : Math.floor(t);
}

/** Records in a payload; a body with nothing known in it gives one `other` record holding it whole. */
export function toRecords(payload: unknown, receivedAtSec: number): WebhookRecord[] {
  const out: WebhookRecord[] = [];
  if (isObj(payload)) entryRecords(payload, receivedAtSec, out);
  // A signed body with nothing we know in it (no entry, no changes, a new envelope): kept whole, never acknowledged and lost.
  if (!out.length) out.push({ kind: 'other', key: `o:body:${contentKey(payload)}`, field: 'body', ts: String(receivedAtSec), value: payload });
  return out;
}

function entryRecords(payload: Obj, receivedAtSec: number, out: WebhookRecord[]): void {
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
  // Echoes, calls, history and shapes not known yet: kept whole rather than dropped; beside known events, what is left.
  const rest = out.length === before ? v : leftovers(v);
  if (rest) out.push({ kind: 'other', key: `o:${c.field}:${contentKey(c.wabaId, c.time, rest)}`, field: c.field, ts: String(c.time ?? c.receivedAtSec), wabaId: c.wabaId, value: rest });
}

const VALUE_FIELDS = new Set(['messaging_product', 'metadata', 'contacts', 'statuses', 'messages', 'user_preferences', 'errors']);

/** What a change's value holds beside the events read from it (a new list, a status without id), with its metadata; undefined when nothing. */
function leftovers(v: Obj): Obj | undefined {
  let rest = otherFields(v, VALUE_FIELDS);
  const statuses = arr(v.statuses).filter((s) => !(isObj(s) && str(s.id) && str(s.status)));
  const messages = arr(v.messages).filter((m) => !(isObj(m) && str(m.id)));
  if (statuses.length) (rest ??= {}).statuses = statuses;
  if (messages.length) (rest ??= {}).messages = messages;
  return rest && { metadata: v.metadata, ...rest };
}

// Each record's keys are set in a fixed order: the events file stores them as written.

function messageRecord(m: Obj, c: Ctx, contacts: Obj[]): MessageRecord {
  const type = str(m.type) ?? 'unknown';
  const text = isObj(m.text) ? str(m.text.body) : isObj(m.button) ? (str(m.button.text) ?? str(m.button.payload)) : isObj(m.interactive) ? interactiveText(m.interactive) : undefined;
  const from = str(m.from) ?? '';
  const raw = contacts.find((x) => str(x.wa_id) === from || str(x.user_id) === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
  const contact = raw && { waId: str(raw.wa_id), userId: str(raw.user_id) };
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
  // The sender as Meta named them: profile name, username.
  if (raw) r.contact = raw;
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
  const extra = otherFields(u, PREFERENCE_FIELDS);
  if (extra) r.extra = extra;
  return r;
}

const PREFERENCE_FIELDS = new Set(['wa_id', 'user_id', 'parent_user_id', 'detail', 'category', 'value', 'timestamp']);

function errorRecord(e: Obj, c: Ctx): ErrorRecord {
  // Keyed by the whole error and Meta's time: two different 131000s in one second are two events.
  const r: ErrorRecord = { kind: 'error', key: `e:${contentKey(c.wabaId, c.time, c.pn, e)}`, ...toError(e), ts: String(c.time ?? c.receivedAtSec), field: c.field };
  if (c.wabaId) r.wabaId = c.wabaId;
  if (c.pn) r.phoneNumberId = c.pn;
  return r;
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
