/** Open the PostgreSQL store for a command: one pool, one round trip, the schema version checked. */
import { shellQuote } from '../../../core/shell-quote.js';
import { hasPassword } from '../../../core/store/location.js';
import { connectPg, type PgConnection } from './connect.js';
import { requireSchema } from './schema.js';

/** How the store URL reached us: on the command line, or from the environment / .env / config. */
export type StoreSource = 'flag' | 'env' | '.env' | 'config' | 'default' | undefined;

/** The migrate command to print: exactly what the user can run (never with the password in it). */
export function migrateCommand(url: string, source: StoreSource): string {
  if (source !== 'flag') return `wa-ops store migrate (it reads the same ${source === 'config' ? '"store" in the config file' : 'WA_OPS_STORE'}), from this folder`;
  if (!hasPassword(url)) return `wa-ops store migrate --store ${shellQuote(url)}`;
  return "wa-ops store migrate --store '<the same URL as here>' (its password is not shown)";
}

/** Connect and check that the schema is current; refuses with exit 2 and the migrate command otherwise. */
export async function openPgStore(url: string, source: StoreSource): Promise<PgConnection> {
  const conn = await connectPg(url);
  await requireSchema(conn, migrateCommand(url, source));
  return conn;
}
