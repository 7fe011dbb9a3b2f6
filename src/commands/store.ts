/** wa-ops store migrate | import | export: the PostgreSQL store's schema, and campaigns in and out of it. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { shellQuote } from '../core/shell-quote.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadConfig } from '../io/config.js';
import { campaignRef } from '../io/store/campaign-source.js';
import { closePg, connectPg } from '../io/store/pg/connect.js';
import { openPgStore } from '../io/store/pg/open.js';
import { migrate as migrateSchema } from '../io/store/pg/schema.js';
import { chooseStore, requirePostgres } from '../io/store/selection.js';
import { info, out, outJson, warn } from '../ui/output.js';
import { writeMarker } from '../io/store/store-marker.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';
import { parseFlags, type FlagSchema } from './flags.js';

interface StoreFlags {
  store?: string;
  config?: string;
  campaign?: string;
  ledger?: string;
  events?: string;
  out?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags); each subcommand takes a subset. */
const STORE_FLAGS: FlagSchema<StoreFlags> = { store: 'string', config: 'string', campaign: 'string', ledger: 'string', events: 'string', out: 'string' };

function settingsFor(f: StoreFlags, command: string) {
  const loaded = loadConfig({ configPath: f.config, flags: { store: f.store, events: f.events } });
  return { loaded, pg: requirePostgres(chooseStore(loaded), command) };
}

/** store migrate: create or upgrade the schema (idempotent; concurrent runs wait for each other). */
export async function migrate(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const { pg } = settingsFor(parseFlags<StoreFlags>(flags, STORE_FLAGS), 'wa-ops store migrate');
  try {
    const res = await migrateSchema(await connectPg(pg.url));
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

/** store import --campaign <file>: the local ledger and its webhook events, into the store. */
export async function importCommand(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<StoreFlags>(flags, STORE_FLAGS);
  const { loaded, pg } = settingsFor(f, 'wa-ops store import');
  const cf = loadCampaignFile(String(f.campaign), f.ledger);
  const [{ importCampaign }, { acquireLock }] = await Promise.all([import('../io/store/pg/import-campaign.js'), import('../io/ledger/lock.js')]);
  // The ledger's lock, held until the note is written: a local send still running would go on after the import (its
  // sends missing from the store), and one started meanwhile would not see the note yet.
  const lock = existsSync(cf.ledgerPath) ? acquireLock(`${cf.ledgerPath}.lock`) : undefined;
  try {
    const conn = await openPgStore(pg.url, pg.source);
    const events = resolve(loaded.settings.events);
    const res = await importCampaign(conn, cf.ledgerPath, events);
    if (term().json) outJson({ store: pg.redacted, campaign: res.name, campaignId: res.campaignId, events: res.events, webhookEvents: res.webhookEvents, alreadyImported: res.already });
    else if (res.already && res.webhookEvents === 0) out(`campaign ${res.campaignId} is already in ${pg.redacted} with the same ${plural(res.events, 'ledger event')}; nothing to do`);
    else if (res.already) out(`campaign ${res.campaignId} is already in ${pg.redacted} with the same ${plural(res.events, 'ledger event')}; added ${plural(res.webhookEvents, 'webhook event')} it lacked`);
    else {
      // An exported ledger carries the campaign's webhook statuses too (store export wrote them after its events).
      const exported = res.exportedStatuses > 0 ? ` and ${plural(res.exportedStatuses, 'webhook status', 'webhook statuses')} (exported with it)` : '';
      out(`imported campaign ${res.campaignId} ("${res.name}") into ${pg.redacted}: ${plural(res.events, 'ledger event')}${exported} from ${cf.ledgerPath}, ${plural(res.webhookEvents - res.exportedStatuses, 'webhook event')} from ${events}`);
    }
    writeMarker(cf.ledgerPath, pg.redacted, res.campaignId, warn);
    if (!res.already) info(`from now on send and status it with --store; the local ledger is no longer updated (keep it as a backup; a send from local files now refuses)`);
    return 0;
  } finally {
    lock?.release();
    await closePg();
  }
}

/** store export --campaign <file> --out <ledger.jsonl>: the stored ledger (and statuses) as a JSON Lines ledger. */
export async function exportCommand(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<StoreFlags>(flags, STORE_FLAGS);
  const { pg } = settingsFor(f, 'wa-ops store export');
  if (!f.out) throw new UsageError('store export needs --out <ledger.jsonl> (- for standard output)', { code: 'bad-flag' });
  const toStdout = f.out === '-';
  if (toStdout && term().json) throw new UsageError('--out - writes the ledger to standard output, where --json prints the summary', { code: 'bad-flag', hint: 'drop --json, or export to a file' });
  const cf = loadCampaignFile(String(f.campaign), f.ledger);
  const [{ exportCampaign }, { resolveCampaign }] = await Promise.all([import('../io/store/pg/export-campaign.js'), import('../io/store/pg/campaign-store.js')]);
  try {
    const conn = await openPgStore(pg.url, pg.source);
    const row = await resolveCampaign(conn, campaignRef(cf, { campaign: String(f.campaign), ledger: f.ledger, config: f.config, events: f.events, store: f.store }));
    if (!row) throw new UsageError(`the store ${pg.redacted} holds no campaign "${cf.campaign.name}"`, { code: 'store-no-campaign', hint: 'send or import it first' });
    const outPath = toStdout ? '-' : resolve(f.out);
    const res = await exportCampaign(conn, row.campaign_id, outPath);
    const what = `${plural(res.events, 'ledger event')} and ${plural(res.statuses, 'webhook status', 'webhook statuses')} of campaign ${row.campaign_id}`;
    // Standard output holds the ledger itself: the summary goes to stderr.
    if (toStdout) info(`wrote ${what} to standard output`);
    else if (term().json) outJson({ store: pg.redacted, campaign: row.name, campaignId: row.campaign_id, events: res.events, statuses: res.statuses, out: outPath });
    else out(`wrote ${outPath}: ${what}; read it with wa-ops status --campaign ${shellQuote(cf.path)} --ledger ${shellQuote(outPath)}`);
    return 0;
  } finally {
    await closePg();
  }
}
