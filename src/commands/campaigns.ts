/** wa-ops campaigns [--dir <folder>]: every campaign of a folder on one line: state, progress, last activity. */
import { resolve, relative } from 'node:path';
import { emptyState, apply, summarise } from '../core/campaign/ledger-state.js';
import { campaignPhase, overviewRow, type OverviewRow } from '../core/campaign/overview.js';
import { WaOpsError } from '../core/errors.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { discoverCampaigns, lockHeld, type Found } from '../io/campaign/discover.js';
import { withEvents } from '../io/campaign/campaign-state.js';
import { loadConfig } from '../io/config.js';
import { FileStore } from '../io/store/file-store.js';
import { out, outJson } from '../ui/output.js';
import { renderCampaigns } from '../ui/campaigns-report.js';
import { term } from '../ui/term.js';
import { stringFlag } from './flags.js';

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const dir = resolve(stringFlag(flags, 'dir') ?? '.');
  const { settings } = loadConfig({ configPath: stringFlag(flags, 'config') });
  const events = stringFlag(flags, 'events') ?? settings.events;
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
  // Replayed through the store's reader, as status does; the latest event time is the last activity.
  const state = emptyState();
  let last: string | null = null;
  const reader = await store.reader({ name, ledgerPath: f.ledger });
  const replay = await reader.replay((e) => {
    apply(state, e);
    if (e.at && (last === null || e.at > last)) last = e.at;
  });
  await withEvents(state, eventsPath);
  const now = Date.now();
  const summary = summarise(state, name || state.header?.campaign || where.ledger, now);
  const phase = campaignPhase({ events: replay.events, lockHeld: lockHeld(f.ledger, now), cooldownUntil: summary.cooldownUntil, lastRun: state.lastRun, pending: summary.pending }, now);
  return overviewRow(summary, where, phase, last);
}
