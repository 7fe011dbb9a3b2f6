/** One node-postgres pool per process and store URL; TLS as the URL's sslmode asks; failures mapped to clear errors. */
import { readTextFile } from '../../read-text-file.js';
import type { ConnectionOptions } from 'node:tls';
import type { Pool, PoolClient, PoolConfig, QueryResultRow } from 'pg';
import { UsageError } from '../../../core/errors.js';
import { redactUrl } from '../../../core/store/location.js';
import { storeFailure } from './errors.js';

/** Something that runs a statement: the pool (autocommit), a transaction's client, a session. */
export interface Queryable {
  query<T extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: T[]; rowCount: number | null }>;
}

/** A queryable store connection; every failure comes out as a mapped WaOpsError when we know it. */
export interface PgConnection extends Queryable {
  readonly url: string;
  readonly redacted: string;
  /** Run fn in one transaction (BEGIN ... COMMIT; ROLLBACK on a throw). */
  tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T>;
  /** A dedicated session (advisory locks live as long as it does); release it when done. */
  session(): Promise<PoolClient>;
  /** Transactions committed by this process (the bench reports commits per message). */
  readonly commits: number;
}

const SSL_KEYS = ['sslmode', 'ssl', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat', 'sslnegotiation'];

function readPem(path: string, key: string): string {
  return readTextFile(path, { what: `${key} file (in the store URL)`, maxBytes: 1024 * 1024, code: 'file-not-found', hint: `fix ${key}=<file> in the store URL` });
}

/** libpq's sslmode meanings on top of Node's TLS (node-postgres alone treats require as verify-full). */
export function tlsFor(params: URLSearchParams): false | ConnectionOptions {
  const ssl = params.get('ssl');
  const mode = params.get('sslmode') ?? (ssl === 'true' || ssl === '1' ? 'require' : 'disable');
  const ca = params.get('sslrootcert') ? readPem(params.get('sslrootcert')!, 'sslrootcert') : undefined;
  const cert = params.get('sslcert') ? readPem(params.get('sslcert')!, 'sslcert') : undefined;
  const key = params.get('sslkey') ? readPem(params.get('sslkey')!, 'sslkey') : undefined;
  const base: ConnectionOptions = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  switch (mode) {
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
      return ca ? { ...base, checkServerIdentity: () => undefined } : { ...base, rejectUnauthorized: false };
    case 'verify-ca':
      return { ...base, checkServerIdentity: () => undefined };
    case 'verify-full':
      return base;
    default:
      throw new UsageError(`unknown sslmode "${mode}" in the store URL`, { code: 'bad-store', hint: 'use disable, require, verify-ca or verify-full' });
  }
}

/** The pool settings for a URL: TLS options taken out of the connection string and given explicitly. */
export function poolConfig(url: string): PoolConfig {
  const u = new URL(url);
  const ssl = tlsFor(u.searchParams);
  for (const k of SSL_KEYS) u.searchParams.delete(k);
  return { connectionString: u.toString(), ssl, max: 8, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 10_000, application_name: 'wa-ops' };
}

type OpenConnection = PgConnection & { close(): Promise<void> };

const pools = new Map<string, Promise<OpenConnection>>();

/** The process's connection to a store URL (created, and checked with one round trip, on first use). */
export function connectPg(url: string): Promise<PgConnection> {
  let p = pools.get(url);
  if (!p) {
    p = open(url);
    pools.set(url, p);
    p.catch(() => pools.delete(url));
  }
  return p;
}

/** Close every pool (end of a command; pending queries finish first). */
export async function closePg(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
}

async function open(url: string): Promise<OpenConnection> {
  const config = poolConfig(url);
  const { default: pg } = await import('pg');
  const pool: Pool = new pg.Pool(config);
  // An idle client whose server went away: the next query reports it; do not crash the process.
  pool.on('error', () => undefined);
  const mapped = (err: unknown): never => {
    throw storeFailure(err, url) ?? err;
  };
  let commits = 0;
  const guarded = new WeakSet<PoolClient>();
  const conn = {
    url,
    redacted: redactUrl(url),
    get commits() {
      return commits;
    },
    async query<T extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: T[]; rowCount: number | null }> {
      try {
        const res = await pool.query<T>(text, values);
        if (!/^\s*select/i.test(text)) commits++;
        return res;
      } catch (err) {
        return mapped(err);
      }
    },
    async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch(mapped);
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(client);
        await client.query('COMMIT');
        commits++;
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        return mapped(err);
      } finally {
        client.release(broken);
      }
    },
    session: async () => {
      const client = await pool.connect().catch(mapped);
      // A session held across awaits (locks): a server that goes away must not crash the process.
      if (!guarded.has(client)) {
        guarded.add(client);
        client.on('error', () => undefined);
      }
      return client;
    },
    close: () => pool.end(),
  };
  await conn.query('SELECT 1');
  return conn;
}
