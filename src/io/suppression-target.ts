/** The suppression list a command reads and appends to: a file, or the PostgreSQL store's list when a store is configured. */
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import { loadConfig } from './config.js';
import { chooseStore } from './store/selection.js';
import { appendList, readList, type ImportAs } from './suppression-file.js';
import type { StoreSource } from './store/pg/open.js';
import { suppressionsPath } from './suppressions.js';
import type { SuppressionList } from '../core/suppressions/fold.js';

/** One list, wherever it lives. */
export interface SuppressionTarget {
  /** The file path, or the store URL without its password, for messages and the `file` key of --json. */
  readonly location: string;
  readonly kind: 'file' | 'postgres';
  read(): Promise<SuppressionList>;
  /** One durable append (a file: one write and fsync; the store: one commit). */
  append(records: SuppressionRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Which list: an explicit --suppressions file; else the store (--store, WA_OPS_STORE, config "store") when it is PostgreSQL,
 * where `webhook serve --store` writes opt-outs and `send --store` reads them; else WA_OPS_SUPPRESSIONS or ./wa-ops.suppressions.jsonl. */
export async function openSuppressionTarget(o: { file?: string; store?: string; config?: string; importAs?: ImportAs }): Promise<SuppressionTarget> {
  if (o.file === undefined) {
    const choice = chooseStore(loadConfig({ configPath: o.config, flags: { store: o.store } }));
    if (choice.location.kind === 'postgres') return pgTarget(choice.location.url, choice.source);
  }
  return fileTarget(o.file ?? suppressionsPath(), o.importAs);
}

function fileTarget(file: string, importAs?: ImportAs): SuppressionTarget {
  return {
    location: file,
    kind: 'file',
    read: async () => readList(file, importAs),
    append: async (records) => appendList(file, records),
    close: async () => {},
  };
}

async function pgTarget(url: string, source: StoreSource): Promise<SuppressionTarget> {
  // Loaded only here: pg stays out of every command that runs on files.
  const [{ openPgStore }, { closePg }, { readPgSuppressions, appendPgSuppressions }] = await Promise.all([import('./store/pg/open.js'), import('./store/pg/connect.js'), import('./store/pg/suppression-store.js')]);
  const conn = await openPgStore(url, source);
  return {
    location: conn.redacted,
    kind: 'postgres',
    read: () => readPgSuppressions(conn),
    append: (records) => (records.length ? appendPgSuppressions(conn, records) : Promise.resolve()),
    close: () => closePg(),
  };
}
