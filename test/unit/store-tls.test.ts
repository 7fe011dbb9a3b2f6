// sslmode in a store URL, with libpq's meanings: which TLS settings are tried, in which order (the tries themselves run
// against real servers in test/pg: a TLS cluster and one without TLS).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolConfigs, tlsAttempts, worthAnotherTry } from '../../src/io/store/pg/tls.js';
import { fixtures } from '../helpers.js';

const attempts = (query: string) => tlsAttempts(new URLSearchParams(query));
const ca = join(fixtures, 'tls', 'self-signed.crt');

describe('sslmode: the TLS tries', () => {
  it('disable (and no sslmode at all): plain only', () => {
    expect(attempts('sslmode=disable')).toEqual([false]);
    expect(attempts('')).toEqual([false]);
  });

  it('prefer: TLS without verification first, then plain', () => {
    expect(attempts('sslmode=prefer')).toEqual([{ rejectUnauthorized: false }, false]);
  });

  it('allow: plain first, then TLS without verification', () => {
    expect(attempts('sslmode=allow')).toEqual([false, { rejectUnauthorized: false }]);
  });

  it('require: encrypted, server not verified; never plain', () => {
    expect(attempts('sslmode=require')).toEqual([{ rejectUnauthorized: false }]);
    expect(attempts('ssl=true')).toEqual([{ rejectUnauthorized: false }]);
  });

  it('verify-ca checks the chain but not the name; verify-full checks both; never plain', () => {
    const [vca] = attempts(`sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca)}`) as [Record<string, unknown>];
    expect(vca.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(vca.rejectUnauthorized).toBeUndefined();
    expect(typeof vca.checkServerIdentity).toBe('function');
    const full = attempts('sslmode=verify-full');
    expect(full).toHaveLength(1);
    expect(full[0]).toEqual({});
  });

  it('an unknown sslmode is refused with the modes there are', () => {
    expect(() => attempts('sslmode=sometimes')).toThrow(/unknown sslmode "sometimes"/);
  });

  it('node-postgres never parses sslmode itself (it would read prefer and require as verify-full)', () => {
    const configs = poolConfigs('postgres://u@db.example:5432/app?sslmode=prefer&application_name=x');
    expect(configs).toHaveLength(2);
    for (const c of configs) {
      expect(c.connectionString).not.toMatch(/ssl/);
      expect(c.connectionString).toMatch(/application_name=x/);
    }
    expect(configs.map((c) => c.ssl)).toEqual([{ rejectUnauthorized: false }, false]);
  });

  it('falls back only when another TLS setting may help, not for a server that cannot be reached', () => {
    expect(worthAnotherTry(new Error('The server does not support SSL connections'))).toBe(true);
    expect(worthAnotherTry(Object.assign(new Error('no pg_hba.conf entry for host "127.0.0.1", user "u", database "d", no encryption'), { code: '28000' }))).toBe(true);
    expect(worthAnotherTry(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(worthAnotherTry(Object.assign(new Error('getaddrinfo ENOTFOUND db.example'), { code: 'ENOTFOUND' }))).toBe(false);
  });
});
