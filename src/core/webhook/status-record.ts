/** A message status (sent, delivered, read, failed, played) as a record. */
import { arr, contactFor, isObj, otherFields, str, toError, type Ctx, type Obj } from './record-parts.js';
import type { StatusRecord } from './record-types.js';

/** The status fields a record has its own keys for; any other (conversation, recipient_type, new ones) goes to `extra`. */
const STATUS_FIELDS = new Set(['id', 'status', 'timestamp', 'recipient_id', 'biz_opaque_callback_data', 'errors', 'pricing', 'recipient_user_id', 'recipient_parent_user_id']);

/**
 * A status's dedupe key: wamid and status, and the participant in a group (each participant's status is its own event).
 * A failure also by its error codes: Meta reporting a message failed again with another code is a second reason, not a
 * retry (a retry repeats the codes), so both are stored; one without codes keeps the key older files hold.
 */
export function statusKey(id: string, status: string, participant?: string, codes: readonly (number | string)[] = []): string {
  const base = participant ? `s:${id}:${status}:${participant}` : `s:${id}:${status}`;
  if (status !== 'failed' || !codes.length) return base;
  return `${base}:codes=${[...new Set(codes.map(String))].sort().join(',')}`;
}

/** One status of a change, keyed by `statusKey`. */
export function statusRecord(s: Obj, c: Ctx, contacts: Obj[]): StatusRecord {
  const errors = arr(s.errors).filter(isObj).map(toError);
  const p = isObj(s.pricing) ? s.pricing : undefined;
  const participant = str(s.recipient_participant_id);
  const key = statusKey(str(s.id)!, str(s.status)!, participant, errors.map((e) => e.code));
  const r: StatusRecord = { kind: 'status', key, id: str(s.id)!, status: str(s.status)!, ts: str(s.timestamp) ?? String(c.receivedAtSec), recipient: str(s.recipient_id) ?? '' };
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
