/** wa-ops send --campaign <file> (CONTRACT §7): plan, confirm, then paced, resumable sends. */
import { EXIT, InterruptedError, UsageError } from '../core/errors.js';
import { parseDuration, parseRate } from '../core/campaign/duration.js';
import { windowFrom } from '../core/campaign/policies.js';
import { summarise } from '../core/campaign/ledger-state.js';
import { resumeCommand, storeForResume } from '../core/campaign/resume.js';
import { loadCampaignFile, type CampaignFile } from '../io/campaign/campaign-file.js';
import { loadState, newCampaignId, withEvents } from '../io/campaign/campaign-state.js';
import { dryRun } from './send-dry-run.js';
import { cooldownEnd, resolveSenders, sendCampaign, type SendResult } from '../io/campaign/send-flow.js';
import { adoptResumed, type SendOptions } from '../io/campaign/send-options.js';
import { checkSuppressionsFile } from '../io/campaign/send-suppressions.js';
import { loadConfig, type Settings } from '../io/config.js';
import { SignalWatch } from '../io/signals.js';
import { campaignRef } from '../io/store/campaign-source.js';
import { openStore } from '../io/store/open-store.js';
import type { LedgerWriter } from '../io/store/types.js';
import { cooldownText, localTimeText, renderSummary } from '../ui/campaign-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { confirmSend, progressReporter } from './send-view.js';
import { term } from '../ui/term.js';
import { csvLimitArgs, csvLimitFlags, filePathFlag, intFlag, parseFlags, type FlagSchema } from './flags.js';

interface Flags {
  campaign: string;
  dryRun?: boolean;
  yes?: boolean;
  interval?: string;
  rate?: string;
  limit?: string;
  sample?: boolean;
  wait?: boolean;
  cooldown?: string;
  retryUnknown?: boolean;
  ledger?: string;
  config?: string;
  window?: string | false;
  graphUrl?: string[];
  allowFullBudget?: boolean;
  events?: string;
  store?: string;
  maxDuration?: string;
  maxLineLength?: string;
  maxFieldLength?: string;
  suppressions?: string;
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const SEND_FLAGS: FlagSchema<Flags> = {
  campaign: 'required',
  dryRun: 'boolean',
  yes: 'boolean',
  interval: 'string',
  rate: 'string',
  limit: 'string',
  sample: 'boolean',
  wait: 'boolean',
  cooldown: 'string',
  retryUnknown: 'boolean',
  ledger: 'string',
  config: 'string',
  window: 'string-or-false',
  graphUrl: 'list',
  allowFullBudget: 'boolean',
  events: 'string',
  store: 'string',
  maxDuration: 'string',
  maxLineLength: 'string',
  maxFieldLength: 'string',
  suppressions: 'string',
};

function badFlag(flag: string, value: string, expected: string): never {
  throw new UsageError(`${flag} takes ${expected}, got "${value}"`, { code: 'bad-flag' });
}

/** Flags -> typed options, once. */
function parseOptions(f: Flags, events: string, store: string | undefined): SendOptions {
  if (f.interval && f.rate) throw new UsageError('pass --interval or --rate, not both', { code: 'bad-flag' });
  let intervalMs: number | undefined;
  if (f.interval !== undefined) intervalMs = parseDuration(f.interval) ?? badFlag('--interval', f.interval, 'a duration such as 6s, 250ms, 1m');
  if (f.rate !== undefined) intervalMs = parseRate(f.rate) ?? badFlag('--rate', f.rate, 'a rate such as 10/s, 30/min, 500/h');
  if (intervalMs !== undefined && intervalMs <= 0) badFlag('--interval', String(f.interval), 'a duration above zero');
  // A bad --window is a usage error at once, before a paused ledger or the network is consulted.
  if (typeof f.window === 'string') {
    try {
      windowFrom(f.window, undefined);
    } catch (err) {
      throw new UsageError((err as Error).message, { code: 'bad-flag' });
    }
  }
  const maxDurationMs = f.maxDuration === undefined ? undefined : (parseDuration(f.maxDuration) ?? badFlag('--max-duration', f.maxDuration, 'a duration such as 50m or 5h'));
  return {
    campaign: f.campaign,
    dryRun: Boolean(f.dryRun),
    yes: Boolean(f.yes),
    intervalMs,
    limit: f.limit === undefined ? undefined : intFlag('--limit', f.limit, 1),
    sample: Boolean(f.sample),
    noWait: f.wait === false,
    cooldownMs: f.cooldown === undefined ? 300_000 : (parseDuration(f.cooldown) ?? badFlag('--cooldown', f.cooldown, 'a duration such as 5m')),
    retryUnknown: Boolean(f.retryUnknown),
    ledger: f.ledger,
    config: f.config,
    window: f.window,
    graphUrls: f.graphUrl,
    allowFullBudget: Boolean(f.allowFullBudget),
    events,
    store,
    maxDurationMs,
    maxDuration: f.maxDuration,
    csvLimits: csvLimitFlags(f),
    // Checked now: a mistyped path is refused before a lock, a cooldown wait or the network.
    suppressions: f.suppressions === undefined ? undefined : checkSuppressionsFile(f.suppressions),
  };
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  // One message now (send --to) lives in its own module, which also checks --campaign versus --to.
  const oneMessage = await (await import('./send-to.js')).dispatch(_args, flags);
  if (oneMessage !== undefined) return oneMessage;
  const f = parseFlags<Flags>(flags, SEND_FLAGS);
  // From the first moment: Ctrl-C during the replay, a cooldown wait, pre-flight or the prompt stops within a second.
  const signals = new SignalWatch();
  try {
    const cf = loadCampaignFile(f.campaign, filePathFlag('--ledger', f.ledger));
    const { settings, file: configFile, sources } = loadConfig({ configPath: f.config, flags: { store: f.store } });
    const events = f.events ?? settings.events;
    const o = parseOptions(f, events, settings.store);
    const store = await openStore(o.store, sources.store);
    // The identity travels: a local ledger's header names it, so the store finds the same campaign from any folder.
    const ref = campaignRef(cf);
    try {
      if (o.dryRun) return await dryRun(o, cf, settings, await store.reader(ref), configFile?.data.pricing, signals);
      if (!settings.token) throw new UsageError('no access token: set WA_OPS_TOKEN (environment or .env)', { code: 'missing-config' });
      const writer = await store.writer(ref, warn);
      try {
        return await sendWithWriter(f, o, cf, settings, configFile?.data.pricing, writer, signals);
      } finally {
        await writer.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    signals.dispose();
  }
}

/** Locked and open: replay, adopt the unfinished run's options, the cooldown gate (before any request), then the run. */
async function sendWithWriter(f: Flags, options: SendOptions, cf: CampaignFile, settings: Settings, pricing: unknown, writer: LedgerWriter, signals: SignalWatch): Promise<number> {
  let o = options;
    const loaded = await signals.race(loadState(writer), 'nothing was sent');
    const state = loaded.state;
    const kept = state.lastRun && state.lastRun.ended !== 'done' ? state.lastRun.options : undefined;
    const adopted = adoptResumed(o, kept, { interval: f.interval !== undefined || f.rate !== undefined, limit: f.limit !== undefined, cooldown: f.cooldown !== undefined });
    o = adopted.options;
    if (adopted.adopted.length) warn(`resuming the unfinished run as it was: ${adopted.adopted.join(', ')} (kept in the ledger; flags given here win)`);
    const senders = resolveSenders(cf, settings, kept?.senders);
    const resume = resumeCommand({ yes: o.yes, campaign: o.campaign, ledger: o.ledger, config: o.config, events: f.events, store: storeForResume(f.store), sample: o.sample, intervalMs: o.intervalMs, limit: o.limit, retryUnknown: o.retryUnknown, cooldownMs: o.cooldownMs, window: o.window, graphUrls: o.graphUrls, maxDuration: o.maxDuration, csvLimitArgs: csvLimitArgs(o.csvLimits), allowFullBudget: o.allowFullBudget, noWait: o.noWait, suppressions: o.suppressions });
    // Cooldowns before the network: nothing (not even a template check) is asked of the API during one.
    const cd = cooldownEnd(state, Date.now(), warn);
    if (cd > Date.now()) {
      const c = { until: new Date(cd).toISOString(), code: state.cooldownCode, sender: state.cooldownSender, reason: state.cooldownReason };
      if (o.noWait) {
        await withEvents(state, o.events);
        return finish({ stop: { outcome: 'paused', until: cd }, summary: summarise(state, cf.campaign.name), thisRun: { sent: 0, failed: 0, unknown: 0, deferred: 0 }, stats: writer.stats, location: writer.location }, resume, `cooldown in force (${cooldownText(c)}); nothing was sent`);
      }
      warn(`cooldown in force: ${cooldownText(c)}; waiting (Ctrl-C stops; the same command resumes)`);
      await signals.sleepUntil(cd).catch((err: unknown) => {
        throw interruptedBeforeSending(err, resume);
      });
    }
    const campaignId = loaded.campaignId ?? newCampaignId(cf.campaign.name);
    const progress = await progressReporter();
    let result: SendResult;
    try {
      result = await sendCampaign(o, cf, settings, writer, state, campaignId, senders, signals, {
        warn,
        info,
        confirm: (p, queue, toSend, before) => confirmSend(o, cf, p, queue, toSend, before, state, senders, signals),
        onProgress: progress.update,
        onNotice: progress.log,
      }, pricing);
    } catch (err) {
      throw interruptedBeforeSending(err, resume);
    } finally {
      progress.stop();
    }
    const resumeNow = resumeCommand({ yes: o.yes, campaign: o.campaign, ledger: o.ledger, config: o.config, events: f.events, store: storeForResume(f.store), sample: o.sample, intervalMs: o.intervalMs, limit: result.limitLeft, retryUnknown: o.retryUnknown, cooldownMs: o.cooldownMs, window: o.window, graphUrls: o.graphUrls, maxDuration: o.maxDuration, csvLimitArgs: csvLimitArgs(o.csvLimits), allowFullBudget: o.allowFullBudget, noWait: o.noWait, suppressions: o.suppressions });
    const code = finish(result, resumeNow);
    // A run that used up its --limit ends "done" with recipients left: say how to send the rest (the plain command, the limit used up).
    if (!term().json && result.stop.outcome === 'done' && result.summary.pending > 0 && o.limit !== undefined && !o.sample) {
      info(`--limit ${o.limit} reached: ${plural(result.summary.pending, 'recipient')} still pending; send them with: ${resumeNow}`);
    }
    return code;
}

/** An interruption before the first request (a cooldown wait, the pre-flight, the prompt): one message, saying so and how to go on. */
function interruptedBeforeSending(err: unknown, resume: string): unknown {
  if (!(err instanceof InterruptedError)) return err;
  return new InterruptedError(err.exitCode === EXIT.sigterm ? 'SIGTERM' : 'SIGINT', { hint: `nothing was sent; resume with: ${resume}` });
}

/** Print the summary (folded with the webhook events) and return the exit code. */
function finish(r: SendResult, resume: string, note?: string): number {
  const { stop } = r;
  // When a paused run can go on: a cooldown's end, or a wait worked out from this run's options (windows, daily budget), which the ledger does not keep.
  const pausedUntil = stop.outcome === 'paused' && stop.until && stop.code !== 'max-duration' ? new Date(stop.until).toISOString() : null;
  const summary = { ...r.summary, outcome: stop.outcome, ...(stop.outcome === 'paused' ? { pausedUntil } : {}), thisRun: { sent: r.thisRun.sent, failed: r.thisRun.failed }, ledger: { path: r.location, events: r.stats.events, fsyncs: r.stats.commits } };
  const error = stop.outcome === 'aborted' ? { code: stop.code ?? 'aborted', message: stop.message ?? 'stopped', hint: stop.hint ?? '' } : undefined;
  const resumable = stop.outcome !== 'done' || summary.pending > 0;
  if (term().json) outJson({ ...summary, ...(error ? { error } : {}), ...(resumable ? { resume } : {}) });
  else {
    out(renderSummary(summary, summary));
    if (r.thisRun.unknown > 0) info(paint('yellow', `${plural(r.thisRun.unknown, 'send')} without an answer: recorded as unknown, not resent without --retry-unknown`));
    if (r.thisRun.deferred > 0) info(paint('yellow', `${plural(r.thisRun.deferred, 'recipient')} failed temporarily several times: left pending for the next run`));
  }
  if (note) warn(note);
  if (error) warn(paint('red', `stopped: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`));
  if (stop.outcome === 'paused') {
    const until = `paused until ${stop.until ? localTimeText(stop.until) : 'later'}`;
    const why = stop.code === 'max-duration' ? '--max-duration reached' : stop.message ? `${stop.message}; ${until}` : until;
    warn(paint('yellow', `${why}; state saved; resume with: ${resume}`));
  } else if (stop.outcome === 'interrupted') warn(`${stop.message === 'nothing was sent' ? 'nothing was sent; ' : ''}state saved; resume with: ${resume}`);
  else if (error) warn(`resume with: ${resume}`);
  if (resumable && resume.includes('"$WA_OPS_STORE"') && !process.env.WA_OPS_STORE) {
    warn('that command reads the store URL from WA_OPS_STORE (its password is never printed): export WA_OPS_STORE=<the --store URL> first');
  }
  if (stop.outcome === 'aborted') return stop.exit ?? EXIT.upstream;
  if (stop.outcome === 'paused') return EXIT.paused;
  if (stop.outcome === 'interrupted') return new InterruptedError(stop.signal ?? 'SIGINT').exitCode;
  return EXIT.ok;
}
