/** wa-ops store migrate | import | export: the PostgreSQL store's schema, and campaigns in and out of it. */
import { loadConfig } from '../io/config.js';
import { closePg, connectPg } from '../io/store/pg/connect.js';
import { migrate as migrateSchema } from '../io/store/pg/schema.js';
import { chooseStore, requirePostgres } from '../io/store/selection.js';
import { info, out, outJson } from '../ui/output.js';
import { term } from '../ui/term.js';

interface StoreFlags {
  store?: string;
  config?: string;
}

function pgFrom(f: StoreFlags, command: string) {
  return requirePostgres(chooseStore(loadConfig({ configPath: f.config, flags: { store: f.store } })), command);
}

/** store migrate: create or upgrade the schema (idempotent; concurrent runs wait for each other). */
export async function migrate(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const pg = pgFrom(flags as StoreFlags, 'wa-ops store migrate');
  try {
    const conn = await connectPg(pg.url);
    const res = await migrateSchema(conn);
    if (term().json) outJson({ store: pg.redacted, from: res.from, version: res.version, applied: res.applied });
    else if (res.applied.length === 0) out(`store ${pg.redacted}: schema already at version ${res.version}, nothing to do`);
    else {
      for (const m of res.applied) info(`applied migration ${m.version}: ${m.name}`);
      out(`store ${pg.redacted}: schema at version ${res.version} (was ${res.from === 0 ? 'empty' : res.from})`);
    }
    return 0;
  } finally {
    await closePg();
  }
}
