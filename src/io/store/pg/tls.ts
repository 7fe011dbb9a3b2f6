/** TLS for the store connection: the URL's sslmode with libpq's meanings, and the pool settings to try in turn. */
import type { ConnectionOptions } from 'node:tls';
import { errnoCode } from '../../../core/caught.js';
import type { PoolConfig } from 'pg';
import { UsageError } from '../../../core/errors.js';
import { readTextFile } from '../../read-text-file.js';

const SSL_KEYS = ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat', 'sslnegotiation'];

function readPem(path: string, key: string): string {
  return readTextFile(path, { what: `${key} file (in the store URL)`, maxBytes: 1024 * 1024, code: 'file-not-found', hint: `fix ${key}=<file> in the store URL` });
}

function sslMode(params: URLSearchParams): string {
  const ssl = params.get('ssl');
  return params.get('sslmode') ?? (ssl === 'true' || ssl === '1' ? 'require' : 'disable');
}

/**
 * The TLS settings to try in turn, with libpq's meanings (node-postgres reads sslmode its own way: prefer and require
 * become verify-full there). prefer: TLS (not verified, as require), then plain when that fails (the server refuses TLS);
 * allow: plain, then TLS when the server refuses a plain connection. Every other mode is one try.
 */
export function tlsAttempts(params: URLSearchParams): (false | ConnectionOptions)[] {
  const mode = sslMode(params);
  if (mode !== 'prefer' && mode !== 'allow') return [tlsFor(params)];
  const encrypted = new URLSearchParams(params);
  encrypted.set('sslmode', 'require');
  return mode === 'prefer' ? [tlsFor(encrypted), false] : [false, tlsFor(encrypted)];
}

/** libpq's sslmode meanings on top of Node's TLS, for one try (prefer and allow: see tlsAttempts). */
export function tlsFor(params: URLSearchParams): false | ConnectionOptions {
  const mode = sslMode(params);
  const ca = params.get('sslrootcert') ? readPem(params.get('sslrootcert')!, 'sslrootcert') : undefined;
  const cert = params.get('sslcert') ? readPem(params.get('sslcert')!, 'sslcert') : undefined;
  const key = params.get('sslkey') ? readPem(params.get('sslkey')!, 'sslkey') : undefined;
  const base: ConnectionOptions = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  switch (mode) {
    case 'disable':
    case 'allow': // one try of allow / prefer: tlsAttempts gives each its order
    case 'prefer':
      return false;
    case 'require':
      return ca ? { ...base, checkServerIdentity: () => undefined } : { ...base, rejectUnauthorized: false };
    case 'verify-ca':
      return { ...base, checkServerIdentity: () => undefined };
    case 'verify-full':
      return base;
    default:
      throw new UsageError(`unknown sslmode "${mode}" in the store URL`, { code: 'bad-store', hint: 'use disable, allow, prefer, require, verify-ca or verify-full' });
  }
}

/** The pool settings for a URL, one per TLS try (see tlsAttempts): TLS options taken out of the connection string and given explicitly. */
export function poolConfigs(url: string): PoolConfig[] {
  const u = new URL(url);
  const attempts = tlsAttempts(u.searchParams);
  for (const k of SSL_KEYS) u.searchParams.delete(k);
  return attempts.map((ssl) => ({ connectionString: u.toString(), ssl, max: 8, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 10_000, application_name: 'wa-ops' }));
}

/** A failed try that another TLS setting may get past (not a server that cannot be reached at all). */
export function worthAnotherTry(err: unknown): boolean {
  return !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(errnoCode(err) ?? '');
}
