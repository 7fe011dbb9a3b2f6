/** Versioned migrations of schema wa_ops: applied in order under an advisory lock (safe from several machines at once). */
import { hostname } from 'node:os';
import { errnoCode } from '../../../core/caught.js';
import { isObject } from '../../../core/is-object.js';
import { InputError } from '../../../core/errors.js';
import type { PgConnection } from './connect.js';
import { storeFailure } from './errors.js';
import * as campaigns from './tables/campaigns.js';
import * as campaignSlots from './tables/campaign-slots.js';
import * as claims from './tables/claims.js';
import * as ledgerEvents from './tables/ledger-events.js';
import * as senderSlots from './tables/sender-slots.js';
import * as suppressions from './tables/suppressions.js';
import * as webhookEvents from './tables/webhook-events.js';
import * as workers from './tables/workers.js';

interface Migration {
  version: number;
  name: string;
  sql: string[];
}

// In dependency order: a table's DDL of one version may refer to the tables before it.
/** Each table module's DDL by schema version (most tables change in few versions). */
const TABLES: { DDL: Partial<Record<number, string[]>> }[] = [campaigns, ledgerEvents, webhookEvents, suppressions, workers, senderSlots, campaignSlots, claims];
const NAMES: Record<number, string> = {
  1: 'campaigns, ledger events, webhook events, suppressions',
  2: 'workers, claims and shared sender slots (several send workers on one campaign)',
  3: 'claims that never wait for another worker',
  4: 'a worker is alive while it holds its session lock (kill -9 frees its claims for --retry-unknown at once)',
  5: "a sender's slot is taken with the claim, only when due (a refused claim spends no slot; a waiting worker stores nothing)",
  6: "each campaign keeps its own pace on a sender (two campaigns on one number no longer share one interval); cooldowns stay the sender's",
};

/** Every migration, oldest first; each table module holds its own DDL per version. */
export const MIGRATIONS: Migration[] = Object.keys(NAMES)
  .map(Number)
  .sort((a, b) => a - b)
  .map((version) => ({ version, name: NAMES[version], sql: TABLES.flatMap((t) => t.DDL[version] ?? []) }));

/** The schema version this wa-ops needs. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

// pg_advisory_lock(int, int): "wa" and 1, held by the migrating session only.
const LOCK = [0x7761, 1];

/** The schema version before and after, and the migrations applied. */
export interface MigrateResult {
  from: number;
  version: number;
  applied: { version: number; name: string }[];
}

/** Create or upgrade the schema; idempotent, and concurrent callers wait for each other. */
export async function migrate(conn: PgConnection): Promise<MigrateResult> {
  try {
    return await migrateOnSession(conn);
  } catch (err) {
    // The session's statements are not mapped by the connection (a missing CREATE right, a dropped connection).
    throw storeFailure(err, conn.url) ?? err;
  }
}

async function migrateOnSession(conn: PgConnection): Promise<MigrateResult> {
  const s = await conn.session();
  try {
    await s.query('SELECT pg_advisory_lock($1, $2)', LOCK);
    await s.query('CREATE SCHEMA IF NOT EXISTS wa_ops');
    await s.query(`CREATE TABLE IF NOT EXISTS wa_ops.schema_migrations (
       version int PRIMARY KEY,
       name text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now(),
       applied_by text
     )`);
    const from = Number((await s.query<{ v: number | null }>('SELECT max(version) AS v FROM wa_ops.schema_migrations')).rows[0].v ?? 0);
    if (from > SCHEMA_VERSION) throw newerSchema(from, conn.redacted);
    const applied: MigrateResult['applied'] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      await s.query('BEGIN');
      try {
        for (const sql of m.sql) await s.query(sql);
        await s.query('INSERT INTO wa_ops.schema_migrations (version, name, applied_by) VALUES ($1, $2, $3)', [m.version, m.name, `wa-ops on ${hostname()}`]);
        await s.query('COMMIT');
      } catch (err) {
        await s.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      applied.push({ version: m.version, name: m.name });
    }
    return { from, version: Math.max(from, SCHEMA_VERSION), applied };
  } finally {
    await s.query('SELECT pg_advisory_unlock($1, $2)', LOCK).catch(() => undefined);
    s.release();
  }
}

/** The schema version the store holds (0 when it has none). */
export async function schemaVersion(conn: PgConnection): Promise<number> {
  try {
    const { rows } = await conn.query<{ v: number | null }>('SELECT max(version) AS v FROM wa_ops.schema_migrations');
    return Number(rows[0].v ?? 0);
  } catch (err) {
    const code = errnoCode(err) ?? (isObject(err) ? errnoCode(err.cause) : undefined);
    if (code === '42P01' || code === '3F000') return 0;
    throw err;
  }
}

function newerSchema(version: number, redacted: string): InputError {
  return new InputError(`the store ${redacted} has schema version ${version}, newer than this wa-ops knows (${SCHEMA_VERSION})`, {
    code: 'store-schema-newer',
    hint: 'upgrade wa-ops on this machine (npm install -g wa-ops@latest) to use this store',
  });
}

/** Refuse (exit 2) unless the store's schema is exactly the one this wa-ops needs. */
export async function requireSchema(conn: PgConnection, migrateCommand: string): Promise<void> {
  const version = await schemaVersion(conn);
  if (version === SCHEMA_VERSION) return;
  if (version > SCHEMA_VERSION) throw newerSchema(version, conn.redacted);
  const what = version === 0 ? 'has no wa-ops schema yet' : `has schema version ${version}, older than this wa-ops needs (${SCHEMA_VERSION})`;
  throw new InputError(`the store ${conn.redacted} ${what}`, { code: 'store-schema', hint: `run ${migrateCommand}` });
}
