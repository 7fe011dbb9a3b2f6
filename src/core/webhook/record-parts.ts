/** Small readers of Meta's payload objects shared by the record builders, and the content digest of dedupe keys. */
import { createHash } from 'node:crypto';
import type { WebhookError } from './record-types.js';
import { isObject } from '../is-object.js';

/** A JSON object as Meta sent it. */
export type Obj = Record<string, unknown>;
/** Is this a JSON object (the one check, is-object.ts)? */
export const isObj: (v: unknown) => v is Obj = isObject;
/** The value as a list (anything else: empty). */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The value as a non-empty string (a number as its text), else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** A short digest of content, for dedupe keys that tell any two different events apart. */
export function contentKey(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}

/** The fields of `o` not in `known`, as sent (a "__proto__" among them stays a field), or undefined when there are none. */
export function otherFields(o: Obj, known: Set<string>): Obj | undefined {
  let out: Obj | undefined;
  for (const k in o) if (!known.has(k)) Object.defineProperty((out ??= {}), k, { value: o[k], enumerable: true, writable: true, configurable: true });
  return out;
}

/** Where a change came from: its WABA, Meta's time, its field, the receive time and the business number. */
export interface Ctx {
  wabaId?: string;
  time?: number;
  field: string;
  receivedAtSec: number;
  pn?: string;
}

/** An error object as a record keeps it: code, title, message when it says more, Meta's details. */
export function toError(e: Obj): WebhookError {
  const out: WebhookError = { code: Number(e.code) };
  const title = str(e.title);
  const message = str(e.message);
  const details = isObj(e.error_data) ? str(e.error_data.details) : undefined;
  if (title) out.title = title;
  if (message && message !== title) out.message = message;
  if (details) out.details = details;
  return out;
}

/** The sender or recipient in a change's contacts (any one when `id` is undefined). */
export function contactFor(contacts: Obj[], id: string | undefined): { waId?: string; userId?: string } | undefined {
  const c = contacts.find((x) => id === undefined || str(x.wa_id) === id || str(x.user_id) === id);
  return c ? { waId: str(c.wa_id), userId: str(c.user_id) } : undefined;
}
