/** wa-ops campaigns [--dir <folder>]: every campaign of a folder on one line: state, progress, last activity. */
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

/** A campaign that cannot be read (its file, its list, its ledger) is one "invalid" line with the reason, never the end of the listing. */
async function row(store: FileStore, f: Found, eventsPath: string, dir: string): Promise<OverviewRow> {
  const where = { file: f.file ? relative(dir, f.file) : '', ledger: relative(dir, f.ledger) };
  const named = { name: '' };
  try {
    return await readRow(store, f, eventsPath, where, named);
  } catch (err) {
    if (!(err instanceof WaOpsError)) throw err;
    const empty = summarise(emptyState(), named.name || where.file || where.ledger);
    return { ...overviewRow(empty, where, 'invalid', null), problem: err.message };
  }
}

async function readRow(store: FileStore, f: Found, eventsPath: string, where: { file: string; ledger: string }, named: { name: string }): Promise<OverviewRow> {
  const cf: CampaignFile | undefined = f.file ? loadCampaignFile(f.file) : undefined;
  const name = (named.name = cf?.campaign.name ?? '');
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
  // Nothing sent yet: the list says what would be sent (the same counts status shows); a list that cannot be read makes the campaign invalid.
  if (cf && replay.events === 0) Object.assign(summary, notStartedCounts(await readCampaignList(cf)));
  const phase = campaignPhase({ events: replay.events, lockHeld: lockHeld(f.ledger, now), cooldownUntil: summary.cooldownUntil, lastRun: state.lastRun, pending: summary.pending }, now);
  return overviewRow(summary, where, phase, last);
}
