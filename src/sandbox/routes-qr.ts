/** QR codes with a prefilled message (message_qrdls): create, list, read, update, delete, as whatsapp-api-js and Meta's examples use them. */
import { randomBytes } from 'node:crypto';
import { pickFields } from './account.js';
import { graphError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import type { SandboxState } from './state.js';
import type { Obj } from './validate-content.js';

/** One QR code of a phone number. */
export interface QrCode {
  code: string;
  phoneNumberId: string;
  prefilled_message: string;
  creation_time: number;
}

const FORMATS = new Set(['PNG', 'SVG']);

/** /{pnid}/message_qrdls[/{code}]: the prefilled message may come in the body or the query string, as the clients send it. */
export function routeQrCodes(method: string, pn: string, code: string | undefined, url: URL, body: Obj, state: SandboxState): Answer {
  const codes = state.account.qrCodes;
  const q = (k: string): unknown => body[k] ?? url.searchParams.get(k) ?? undefined;
  const mine = [...codes.values()].filter((c) => c.phoneNumberId === pn);
  const target = code ?? (typeof q('code') === 'string' ? String(q('code')) : undefined);
  const found = target === undefined ? undefined : codes.get(target);
  if (target !== undefined && (!found || found.phoneNumberId !== pn)) return graphError(100, `QR code ${target} does not exist for this phone number.`, 404);
  if (method === 'GET') {
    const fields = url.searchParams.get('fields');
    return ok({ data: (found ? [found] : mine).map((c) => view(c, fields)) });
  }
  if (method === 'DELETE') {
    if (!found) return graphError(100, 'Give the code of the QR code to delete.');
    codes.delete(found.code);
    return ok({ success: true });
  }
  if (method !== 'POST') return graphError(100, `Unsupported ${method.toLowerCase()} request on message_qrdls.`);
  const message = q('prefilled_message');
  if (typeof message !== 'string' || message.trim() === '') return graphError(100, 'The parameter prefilled_message is required.');
  if ([...message].length > 140) return graphError(100, 'Invalid prefilled_message length. Maximum 140 characters allowed');
  const format = q('generate_qr_image');
  if (format !== undefined && !FORMATS.has(String(format).toUpperCase())) return graphError(100, 'generate_qr_image must be PNG or SVG.');
  const qr = found ?? { code: qrCode(), phoneNumberId: pn, prefilled_message: message, creation_time: Math.floor(Date.now() / 1000) };
  qr.prefilled_message = message;
  codes.set(qr.code, qr);
  const out = view(qr, null);
  if (format !== undefined) out.qr_image_url = `${state.baseUrl}/whatsapp_business/qr/${qr.code}.${String(format).toLowerCase()}`;
  return ok(out);
}

function view(c: QrCode, fields: string | null): Record<string, unknown> {
  const all = { code: c.code, prefilled_message: c.prefilled_message, deep_link_url: `https://wa.me/message/${c.code}`, creation_time: c.creation_time };
  if (!fields) return { code: all.code, prefilled_message: all.prefilled_message, deep_link_url: all.deep_link_url };
  const picked = pickFields({ id: c.code, ...all }, fields);
  delete picked.id;
  return { code: c.code, ...picked };
}

/** A QR code's id as Meta writes them: 14 characters of the base32 alphabet (A-Z, 2-7). */
function qrCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(14)].map((b) => alphabet[b % 32]).join('');
}
