/** wa-ops campaigns [--dir <folder>] [--store <url>]: every campaign of a folder (or of a store) on one line: state, progress, last activity. */
import { resolve, relative } from 'node:path';
import { emptyState, apply, summarise } from '../core/campaign/ledger-state.js';
import { campaignPhase, overviewRow, type OverviewRow } from '../core/campaign/overview.js';
import { WaOpsError } from '../core/errors.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { discoverCampaigns, lockHeld, type Found } from '../io/campaign/discover.js';
import { withEvents } from '../io/campaign/campaign-state.js';
import { loadConfig } from '../io/config.js';
import { FileStore } from '../io/store/file-store.js';
import { chooseStore } from '../io/store/selection.js';
import type { LedgerReader } from '../io/store/types.js';
import { out, outJson } from '../ui/output.js';
import { renderCampaigns } from '../ui/campaigns-report.js';
import { term } from '../ui/term.js';
import { stringFlag } from './flags.js';

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const dir = resolve(stringFlag(flags, 'dir') ?? '.');
  const loaded = loadConfig({ configPath: stringFlag(flags, 'config'), flags: { store: stringFlag(flags, 'store') } });
  const choice = chooseStore(loaded);
  if (choice.location.kind === 'postgres') return (await import('./campaigns-store.js')).run(choice, dir);
  const events = stringFlag(flags, 'events') ?? loaded.settings.events;
  const store = new FileStore();
  const rows: OverviewRow[] = [];
  try {
    for (const f of discoverCampaigns(dir)) rows.push(await row(store, f, events, dir));
  } finally {
    await store.close();
  }
  if (term().json) outJson({ dir, count: rows.length, campaigns: rows });
  else out(rows.length ? renderCampaigns(rows) : `no campaigns in ${dir} (a campaign file names "recipients" and "template")`);
  return 0;
}

async function row(store: FileStore, f: Found, eventsPath: string, dir: string): Promise<OverviewRow> {
  const where = { file: f.file ? relative(dir, f.file) : '', ledger: relative(dir, f.ledger) };
  let name = '';
  try {
    name = f.file ? loadCampaignFile(f.file).campaign.name : '';
  } catch (err) {
    if (!(err instanceof WaOpsError)) throw err;
    const empty = summarise(emptyState(), where.file);
    return { ...overviewRow(empty, where, 'invalid', null), problem: err.message };
  }
  return overviewOf(await store.reader({ name, ledgerPath: f.ledger }), name, where, (now) => lockHeld(f.ledger, now), eventsPath);
}

/** One campaign's line from its reader (files or a store): replayed as status does; the latest event time is the last activity. */
export async function overviewOf(reader: LedgerReader, name: string, where: { file: string; ledger: string }, running: (now: number) => boolean, eventsPath?: string): Promise<OverviewRow> {
  const state = emptyState();
  let last: string | null = null;
  const replay = await reader.replay((e) => {
    apply(state, e);
    if (e.at && (last === null || e.at > last)) last = e.at;
  });
  if (eventsPath) await withEvents(state, eventsPath);
  const now = Date.now();
  const summary = summarise(state, name || state.header?.campaign || where.ledger, now);
  const phase = campaignPhase({ events: replay.events, lockHeld: running(now), cooldownUntil: summary.cooldownUntil, lastRun: state.lastRun, pending: summary.pending }, now);
  return overviewRow(summary, where, phase, last);
}
