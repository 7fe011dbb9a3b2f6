/** Where the suppressions command reads and writes the list: the JSON Lines file, or the PostgreSQL store's table (--store). */
import type { SuppressionRecord } from '../core/suppressions/plan.js';
import type { LoadedConfig } from './config.js';
import type { StoreSource } from './store/pg/open.js';
import { chooseStore } from './store/selection.js';
import { appendList, readList } from './suppression-file.js';
import { suppressionsPath, type SuppressionList } from './suppressions.js';

/** The list's place, as chosen from the flags and settings. */
export type SuppressionPlace = { kind: 'file'; file: string } | { kind: 'store'; url: string; redacted: string; source: StoreSource };

/** The list every sender honours: the store's when a PostgreSQL store is set (--store, WA_OPS_STORE, config), else the file. */
export function defaultSuppressionPlace(loaded: LoadedConfig): SuppressionPlace {
  const choice = chooseStore(loaded);
  if (choice.location.kind === 'postgres') return { kind: 'store', url: choice.location.url, redacted: choice.location.redacted, source: choice.source };
  return { kind: 'file', file: suppressionsPath() };
}

/** An open list: read it, append records (one durable write or one commit), close. */
export interface SuppressionTarget {
  /** For JSON output: `{file}` or `{store}` (the URL without its password). */
  readonly where: { file: string } | { store: string };
  /** For messages: the path, or the store URL without its password. */
  readonly label: string;
  read(): Promise<SuppressionList>;
  append(records: SuppressionRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Open the list (a store is checked for its schema: exit 2 with the migrate command when it is missing). */
export async function openSuppressionTarget(place: SuppressionPlace): Promise<SuppressionTarget> {
  if (place.kind === 'file') {
    return {
      where: { file: place.file },
      label: place.file,
      read: async () => readList(place.file),
      append: async (records) => appendList(place.file, records),
      close: async () => undefined,
    };
  }
  const [{ openPgStore }, { closePg }, { readPgSuppressions, appendPgSuppressions }] = await Promise.all([
    import('./store/pg/open.js'),
    import('./store/pg/connect.js'),
    import('./store/pg/suppression-store.js'),
  ]);
  try {
    const conn = await openPgStore(place.url, place.source);
    return {
      where: { store: place.redacted },
      label: place.redacted,
      read: () => readPgSuppressions(conn),
      append: (records) => appendPgSuppressions(conn, records),
      close: () => closePg(),
    };
  } catch (err) {
    await closePg();
    throw err;
  }
}

/** Read the list at a place once (opened and closed). */
export async function readSuppressionPlace(place: SuppressionPlace): Promise<SuppressionList> {
  const list = await openSuppressionTarget(place);
  try {
    return await list.read();
  } finally {
    await list.close();
  }
}
