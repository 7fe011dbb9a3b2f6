/** One node-postgres pool per process and store URL; TLS as the URL's sslmode asks; failures mapped to clear errors. */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { redactUrl } from '../../../core/store/location.js';
import { storeFailure } from './errors.js';
import { poolConfigs, worthAnotherTry } from './tls.js';

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

/** The pool of the first TLS try that connects (one round trip each); the last failure when none does. */
async function firstPool(url: string): Promise<Pool> {
  const { default: pg } = await import('pg');
  const configs = poolConfigs(url);
  for (let i = 0; ; i++) {
    const pool: Pool = new pg.Pool(configs[i]);
    // An idle client whose server went away: the next query reports it; do not crash the process.
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
      return pool;
    } catch (err) {
      await pool.end().catch(() => undefined);
      if (i + 1 >= configs.length || !worthAnotherTry(err)) throw storeFailure(err, url) ?? err;
    }
  }
}

async function open(url: string): Promise<OpenConnection> {
  const pool = await firstPool(url);
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
  return conn;
}
