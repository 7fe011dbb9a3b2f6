/** wa-ops campaigns [--dir <folder> | --store <url>]: every campaign of a folder or a store on one line: state, progress, last activity. */
import { resolve, relative } from 'node:path';
import { emptyState, apply, summarise } from '../core/campaign/ledger-state.js';
import { campaignPhase, overviewRow, type OverviewRow } from '../core/campaign/overview.js';
import { WaOpsError } from '../core/errors.js';
import { loadCampaignFile, type CampaignFile } from '../io/campaign/campaign-file.js';
import { discoverCampaigns, lockHeld, type Found } from '../io/campaign/discover.js';
import { withEvents } from '../io/campaign/campaign-state.js';
import { notStartedCounts, readCampaignList } from '../io/campaign-list-counts.js';
import { loadConfig } from '../io/config.js';
import { FileStore } from '../io/store/file-store.js';
import { chooseStore } from '../io/store/selection.js';
import type { StoreSource } from '../io/store/pg/open.js';
import type { LedgerReader } from '../io/store/types.js';
import { out, outJson } from '../ui/output.js';
import { renderCampaigns } from '../ui/campaigns-report.js';
import { term } from '../ui/term.js';
import { parseFlags, type FlagSchema } from './flags.js';

/** wa-ops campaigns' flags as commander delivers them. */
interface Flags {
  dir?: string;
  config?: string;
  store?: string;
  events?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const CAMPAIGNS_FLAGS: FlagSchema<Flags> = { dir: 'string', config: 'string', store: 'string', events: 'string' };

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<Flags>(flags, CAMPAIGNS_FLAGS);
  const dirFlag = f.dir;
  const loaded = loadConfig({ configPath: f.config, flags: { store: f.store } });
  const choice = chooseStore(loaded);
  // A folder named on the command line wins over a store from the environment or config; --store names one outright.
  if (choice.location.kind === 'postgres' && (dirFlag === undefined || choice.source === 'flag')) return fromStore(choice.location.url, choice.source);
  const dir = resolve(dirFlag ?? '.');
  const events = f.events ?? loaded.settings.events;
  const store = new FileStore();
  const rows: OverviewRow[] = [];
  try {
    for (const found of discoverCampaigns(dir)) rows.push(await fileRow(store, found, events, dir));
  } finally {
    await store.close();
  }
  if (term().json) outJson({ dir, store: null, count: rows.length, campaigns: rows });
  else out(rows.length ? renderCampaigns(rows) : `no campaigns in ${dir} (a campaign file names "recipients" and "template")`);
  return 0;
}

async function fromStore(url: string, source: StoreSource): Promise<number> {
  const [{ openPgStore }, { closePg }, { storedCampaigns }] = await Promise.all([import('../io/store/pg/open.js'), import('../io/store/pg/connect.js'), import('../io/store/pg/stored-campaigns.js')]);
  const conn = await openPgStore(url, source);
  const rows: OverviewRow[] = [];
  try {
    for (const c of await storedCampaigns(conn)) rows.push({ ...(await replayRow(c.reader, c.name, { file: '', ledger: '' }, { running: () => c.running })), campaignId: c.campaignId });
  } finally {
    await closePg();
  }
  if (term().json) outJson({ dir: null, store: conn.redacted, count: rows.length, campaigns: rows });
  else out(rows.length ? renderCampaigns(rows) : `no campaigns in ${conn.redacted}`);
  return 0;
}

/** A campaign that cannot be read (its file, its list, its ledger) is one "invalid" line with the reason, never the end of the listing. */
async function fileRow(store: FileStore, f: Found, eventsPath: string, dir: string): Promise<OverviewRow> {
  const where = { file: f.file ? relative(dir, f.file) : '', ledger: relative(dir, f.ledger) };
  const named = { name: '' };
  try {
    const cf: CampaignFile | undefined = f.file ? loadCampaignFile(f.file) : undefined;
    const name = (named.name = cf?.campaign.name ?? '');
    return await replayRow(await store.reader({ name, ledgerPath: f.ledger }), name, where, { running: (now) => lockHeld(f.ledger, now), eventsPath, campaignFile: cf });
  } catch (err) {
    if (!(err instanceof WaOpsError)) throw err;
    const empty = summarise(emptyState(), named.name || where.file || where.ledger, Date.now());
    return { ...overviewRow(empty, where, 'invalid', null), problem: err.message };
  }
}

/** How to judge one campaign: is it being sent now, the events file to fold (files only), its campaign file (to count a list not yet started). */
interface RowFacts {
  running: (now: number) => boolean;
  eventsPath?: string;
  campaignFile?: CampaignFile;
}

/** Replayed through the store's reader, as status does; the latest event time is the last activity. */
async function replayRow(reader: LedgerReader, name: string, where: { file: string; ledger: string }, facts: RowFacts): Promise<OverviewRow> {
  const state = emptyState();
  let last: string | null = null;
  const replay = await reader.replay((e) => {
    apply(state, e);
    if (e.at && (last === null || e.at > last)) last = e.at;
  });
  // The files fold the events file here; the store's reader has folded its webhook statuses already.
  if (facts.eventsPath !== undefined) await withEvents(state, facts.eventsPath);
  const now = Date.now();
  const summary = summarise(state, name || state.header?.campaign || where.ledger, now);
  // Nothing sent yet: the list says what would be sent (the same counts status shows); a list that cannot be read makes the campaign invalid.
  if (facts.campaignFile && replay.events === 0) Object.assign(summary, notStartedCounts(await readCampaignList(facts.campaignFile)));
  const phase = campaignPhase({ events: replay.events, lockHeld: facts.running(now), cooldownUntil: summary.cooldownUntil, lastRun: state.lastRun, pending: summary.pending }, now);
  const row = overviewRow(summary, where, phase, last);
  return state.header?.campaignId ? { ...row, campaignId: state.header.campaignId } : row;
}
