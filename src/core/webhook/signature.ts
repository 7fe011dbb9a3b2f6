/** X-Hub-Signature-256: HMAC-SHA256 of the raw body with the app secret, compared in constant time. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header value Meta sends for a body: "sha256=<hex>". */
export function signBody(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The older header Meta still sends beside it, X-Hub-Signature: "sha1=<hex>" (some receivers check only this one). */
export function signBodySha1(body: string | Uint8Array, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

/** Verify a header against the raw body bytes, in constant time. */
export function verifySignature(body: string | Uint8Array, header: string | undefined, appSecret: string): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(signBody(body, appSecret));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
