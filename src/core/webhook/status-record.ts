/** A message status (sent, delivered, read, failed, played) as a record. */
import { arr, contactFor, isObj, otherFields, str, toError, type Ctx, type Obj } from './record-parts.js';
import type { StatusRecord } from './record-types.js';

/** The status fields a record has its own keys for; any other (conversation, recipient_type, new ones) goes to `extra`. */
const STATUS_FIELDS = new Set(['id', 'status', 'timestamp', 'recipient_id', 'biz_opaque_callback_data', 'errors', 'pricing', 'recipient_user_id', 'recipient_parent_user_id']);

/** One status of a change, keyed by wamid and status (and participant, in a group). */
export function statusRecord(s: Obj, c: Ctx, contacts: Obj[]): StatusRecord {
  const errors = arr(s.errors).filter(isObj).map(toError);
  const p = isObj(s.pricing) ? s.pricing : undefined;
  // A message to a group gets a status per participant under one wamid: each is its own event.
  const participant = str(s.recipient_participant_id);
  const r: StatusRecord = { kind: 'status', key: participant ? `s:${s.id}:${s.status}:${participant}` : `s:${s.id}:${s.status}`, id: str(s.id)!, status: str(s.status)!, ts: str(s.timestamp) ?? String(c.receivedAtSec), recipient: str(s.recipient_id) ?? '' };
  if (c.pn) r.phoneNumberId = c.pn;
  if (str(s.biz_opaque_callback_data)) r.cb = str(s.biz_opaque_callback_data);
  if (errors.length) r.errors = errors;
  if (p && str(p.category)) r.category = str(p.category);
  if (c.wabaId) r.wabaId = c.wabaId;
  const userId = str(s.recipient_user_id) ?? contactFor(contacts, str(s.recipient_id))?.userId;
  if (userId) r.userId = userId;
  if (str(s.recipient_parent_user_id)) r.parentUserId = str(s.recipient_parent_user_id);
  if (p) r.pricing = { billable: typeof p.billable === 'boolean' ? p.billable : undefined, model: str(p.pricing_model), type: str(p.type), category: str(p.category) };
  const extra = otherFields(s, STATUS_FIELDS);
  if (extra) r.extra = extra;
  return r;
}
