/** wa-ops status --campaign <file> --watch: the campaign's table refreshed in place (NDJSON, one line per interval, with --json). */
import { notStartedCounts, readCampaignList } from '../io/campaign-list-counts.js';
import { parseDuration } from '../core/campaign/duration.js';
import { EXIT, signalExit, UsageError } from '../core/errors.js';
import { summarise } from '../core/campaign/ledger-state.js';
import { watchFigures } from '../core/campaign/watch-figures.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadState, withEvents } from '../io/campaign/campaign-state.js';
import { checkEventsPath } from '../webhook/events-file-check.js';
import { loadConfig } from '../io/config.js';
import { SignalWatch } from '../io/signals.js';
import { campaignRef } from '../io/store/campaign-source.js';
import { openStore } from '../io/store/open-store.js';
import { readerStore } from '../io/store/selection.js';
import { createLiveView } from '../ui/live-view.js';
import { renderWatchFrame, renderWatchLine } from '../ui/status-watch-view.js';
import { info, warn } from '../ui/output.js';
import { isConnectionFailure } from '../io/store/pg/errors.js';
import { RECONNECT_FOR_MS, StoreOutage } from '../io/store/pg/outage.js';
import { term } from '../ui/term.js';
import { csvLimitFlags, parseFlags, type FlagSchema } from './flags.js';
import type { CsvLimits } from '../io/csv/record-splitter.js';

/** status --watch's options, parsed once from the flags. */
export interface WatchOptions {
  campaign: string;
  ledger?: string;
  events?: string;
  store?: string;
  config?: string;
  intervalMs: number;
  limits: CsvLimits;
}

/** The flags status --watch reads, as commander delivers them (--export only to refuse it). */
interface WatchFlags {
  campaign?: string;
  ledger?: string;
  events?: string;
  store?: string;
  config?: string;
  interval?: string;
  export?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
}

/** Their kinds, checked once when they are read (parseFlags). */
const WATCH_FLAGS: FlagSchema<WatchFlags> = {
  campaign: 'string',
  ledger: 'string',
  events: 'string',
  store: 'string',
  config: 'string',
  interval: 'string',
  export: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
};

/** Flags to options (exit 2 on a bad --interval or a flag that makes no sense with --watch). */
export function toOptions(flags: Record<string, unknown>): WatchOptions {
  const f = parseFlags<WatchFlags>(flags, WATCH_FLAGS);
  if (f.export !== undefined) throw new UsageError('--export writes a file once; run it without --watch', { code: 'bad-flag' });
  const interval = f.interval;
  const intervalMs = interval === undefined ? 2000 : parseDuration(interval);
  if (!intervalMs || intervalMs < 100) throw new UsageError(`--interval takes a duration of at least 100ms, such as 2s or 1m, got "${interval}"`, { code: 'bad-flag' });
  return { campaign: f.campaign ?? '', ledger: f.ledger, events: f.events, store: f.store, config: f.config, intervalMs, limits: csvLimitFlags(f) };
}

/** Run until Ctrl-C (exit 130) or SIGTERM (143); each interval re-reads the ledger and the events file. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = toOptions(flags);
  const limits = o.limits;
  const cf = loadCampaignFile(o.campaign, o.ledger);
  const { settings, sources } = loadConfig({ configPath: o.config, flags: { store: o.store } });
  checkEventsPath(o.events ?? settings.events, o.events === undefined ? undefined : '--events');
  const store = await openStore(readerStore(settings.store, sources.store, o.ledger, 'status --watch', warn), sources.store);
  const signals = new SignalWatch();
  const t = term();
  // In place on a terminal; a pipe or a log gets one line per interval.
  const view = createLiveView(process.stdout, Boolean(process.stdout.isTTY) && !t.json);
  // The reader went away (| head): stop quietly, like any Unix filter.
  let readerGone = false;
  const onPipeError = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    readerGone = true;
    wake();
  };
  let wake = () => {};
  process.stdout.on('error', onPipeError);
  try {
    const ref = campaignRef(cf, { campaign: o.campaign, ledger: o.ledger, config: o.config, events: o.events, store: o.store });
    let listCounts: { total: number; skipped: number; pending: number } | undefined;
    const outage = new StoreOutage();
    while (!signals.signal && !readerGone) {
      const loaded = await readThroughOutage(() => store.reader(ref).then(loadState), outage);
      if (!loaded) {
        await sleepUnlessSignalled(o.intervalMs, signals, (w) => (wake = w));
        continue;
      }
      const state = loaded.state;
      await withEvents(state, o.events ?? settings.events);
      const now = Date.now();
      const summary = summarise(state, cf.campaign.name, now);
      if (loaded.events === 0) {
        // Nothing sent yet: the list says how many are waiting (read once, not every interval).
        listCounts ??= await countList(cf, limits);
        Object.assign(summary, listCounts);
      }
      const figures = watchFigures(state.recipients.values(), summary.pending, now);
      if (t.json) {
        process.stdout.write(JSON.stringify({ at: new Date(now).toISOString(), ...summary, ratePerSec: Number(figures.ratePerSec.toFixed(3)), etaSeconds: figures.etaMs === null ? null : Math.round(figures.etaMs / 1000), latestFailures: figures.latestFailures }) + '\n');
      } else if (process.stdout.isTTY) view.update(renderWatchFrame(summary, figures, now, o.intervalMs));
      else view.update(renderWatchLine(summary, figures, now));
      await sleepUnlessSignalled(o.intervalMs, signals, (w) => (wake = w));
    }
    view.close();
    if (!signals.signal) return EXIT.ok;
    return signalExit(signals.signal ?? 'SIGINT');
  } finally {
    process.stdout.off('error', onPipeError);
    signals.dispose();
    await store.close();
  }
}

/**
 * One read of the campaign; undefined while the store is briefly away (a PostgreSQL restart, a cut network): the
 * watch says so once and keeps its last frame, as a send rides out the same outage, and gives up (the error) only
 * once the store has stayed away for as long as a send waits for it.
 */
async function readThroughOutage<T>(read: () => Promise<T>, outage: StoreOutage): Promise<T | undefined> {
  try {
    const out = await read();
    if (outage.downFor() !== undefined) info('the store is reachable again: counts refreshed');
    outage.ok();
    return out;
  } catch (err) {
    const first = outage.downFor() === undefined;
    if (!isConnectionFailure(err) || outage.failed() === undefined) throw err;
    if (first) warn(`${err instanceof Error ? err.message : String(err)}: counts not refreshed until it is back (trying again each interval for up to ${RECONNECT_FOR_MS / 1000} s)`);
    return undefined;
  }
}

async function countList(cf: ReturnType<typeof loadCampaignFile>, limits: CsvLimits): Promise<{ total: number; skipped: number; pending: number }> {
  // The list as send reads it (countryColumn included, unusable values set aside), so the waiting count matches the plan.
  return notStartedCounts(await readCampaignList(cf, limits));
}

function sleepUnlessSignalled(ms: number, signals: SignalWatch, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let off = () => {};
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ms);
    off = signals.on(done);
    setWake(done);
  });
}
