/** Flatten a webhook POST into one record per status, inbound message or error, each with a dedupe key. */

export interface StatusRecord {
  kind: 'status';
  key: string;
  id: string;
  status: string;
  /** Unix seconds, as the string Meta sends. */
  ts: string;
  recipient: string;
  phoneNumberId?: string;
  cb?: string;
  errors?: { code: number; title?: string; details?: string }[];
  category?: string;
}

export interface MessageRecord {
  kind: 'message';
  key: string;
  id: string;
  from: string;
  type: string;
  text?: string;
  ts: string;
  phoneNumberId?: string;
}

export interface ErrorRecord {
  kind: 'error';
  key: string;
  code: number;
  title?: string;
  ts: string;
}

export interface OtherRecord {
  kind: 'other';
  key: string;
  field: string;
  ts: string;
}

export type WebhookRecord = StatusRecord | MessageRecord | ErrorRecord | OtherRecord;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Records in a payload (an unknown shape gives none). */
export function toRecords(payload: unknown, receivedAtSec: number): WebhookRecord[] {
  const out: WebhookRecord[] = [];
  if (!isObj(payload)) return out;
  for (const entry of arr(payload.entry)) {
    if (!isObj(entry)) continue;
    for (const change of arr(entry.changes)) {
      if (!isObj(change) || !isObj(change.value)) continue;
      const v = change.value;
      const field = str(change.field) ?? 'unknown';
      const pn = isObj(v.metadata) ? str(v.metadata.phone_number_id) : undefined;
      if (field !== 'messages') {
        out.push({ kind: 'other', key: `o:${field}:${JSON.stringify(v).slice(0, 200)}`, field, ts: String(receivedAtSec) });
        continue;
      }
      for (const s of arr(v.statuses)) {
        if (!isObj(s) || !str(s.id) || !str(s.status)) continue;
        const errors = arr(s.errors).filter(isObj).map((e) => ({ code: Number(e.code), title: str(e.title), details: isObj(e.error_data) ? str(e.error_data.details) : undefined }));
        out.push({
          kind: 'status',
          key: `s:${s.id}:${s.status}`,
          id: str(s.id)!,
          status: str(s.status)!,
          ts: str(s.timestamp) ?? String(receivedAtSec),
          recipient: str(s.recipient_id) ?? '',
          phoneNumberId: pn,
          cb: str(s.biz_opaque_callback_data),
          errors: errors.length ? errors : undefined,
          category: isObj(s.pricing) ? str(s.pricing.category) : undefined,
        });
      }
      for (const m of arr(v.messages)) {
        if (!isObj(m) || !str(m.id)) continue;
        const type = str(m.type) ?? 'unknown';
        const text = isObj(m.text) ? str(m.text.body) : isObj(m.button) ? (str(m.button.text) ?? str(m.button.payload)) : isObj(m.interactive) ? interactiveText(m.interactive) : undefined;
        out.push({ kind: 'message', key: `m:${m.id}`, id: str(m.id)!, from: str(m.from) ?? '', type, text, ts: str(m.timestamp) ?? String(receivedAtSec), phoneNumberId: pn });
      }
      for (const e of arr(v.errors)) {
        if (!isObj(e)) continue;
        out.push({ kind: 'error', key: `e:${e.code}:${receivedAtSec}:${str(e.title) ?? ''}`, code: Number(e.code), title: str(e.title), ts: String(receivedAtSec) });
      }
    }
  }
  return out;
}

function interactiveText(i: Obj): string | undefined {
  for (const k of ['button_reply', 'list_reply']) if (isObj(i[k])) return str((i[k] as Obj).title) ?? str((i[k] as Obj).id);
  return undefined;
}

/** A set that forgets its oldest keys past a size, for dedupe in bounded memory. */
export class BoundedSet {
  private readonly set = new Set<string>();
  constructor(private readonly max = 1_000_000) {}

  /** Add a key; false when it was there already. */
  add(key: string): boolean {
    if (this.set.has(key)) return false;
    this.set.add(key);
    if (this.set.size > this.max) this.set.delete(this.set.values().next().value as string);
    return true;
  }

  get size(): number {
    return this.set.size;
  }
}
