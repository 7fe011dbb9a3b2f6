/** wa-ops send --campaign <file> (CONTRACT §7): plan, confirm, then paced, resumable sends. */
import { summarise, type LedgerState } from '../core/campaign/ledger-state.js';
import { unfinishedRunOptions } from '../core/campaign/run-limit.js';
import { unknownAdvice } from '../core/campaign/unknown-advice.js';
import { otherCampaignsLedger } from '../core/campaign/ledger-owner.js';
import { loadCampaignFile, type CampaignFile } from '../io/campaign/campaign-file.js';
import { loadState, newCampaignId, withEvents } from '../io/campaign/campaign-state.js';
import { dryRun } from './send-dry-run.js';
import { sendCampaign } from '../io/campaign/send-flow.js';
import type { SendResult } from '../io/campaign/run-end.js';
import { cooldownEnd } from '../io/campaign/cooldown-cap.js';
import { resolveSenders } from '../io/campaign/resolve-senders.js';
import { adoptResumed, type SendOptions } from '../io/campaign/send-options.js';
import { loadConfig, type Settings } from '../io/config.js';
import { checkEventsPath } from '../webhook/events-file-check.js';
import { SignalWatch } from '../io/signals.js';
import { campaignRef } from '../io/store/campaign-source.js';
import { openStore } from '../io/store/open-store.js';
import { refuseLedgerWithStore } from '../io/store/selection.js';
import { refuseLocalSend, writeMarker } from '../io/store/store-marker.js';
import { storeLocation } from '../core/store/location.js';
import type { LedgerWriter } from '../io/store/types.js';
import { cooldownText, localTimeText } from '../ui/campaign-report.js';
import { info, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { confirmSend, progressReporter } from './send-view.js';
import { term } from '../ui/term.js';
import { filePathFlag, parseFlags } from './flags.js';
import { finish, interruptedBeforeSending, resumeInput, resumeLine } from './send-finish.js';
import { flagValues, parseOptions, SEND_FLAGS, type SendFlags } from './send-flags.js';
import { adoptSiblingCooldown, siblingCooldown } from '../io/campaign/sibling-cooldowns.js';
import { missingConfig } from '../core/missing-config.js';

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  // One message now (send --to) lives in its own module, which also checks --campaign versus --to.
  const oneMessage = await (await import('./send-to.js')).dispatch(_args, flags);
  if (oneMessage !== undefined) return oneMessage;
  const f = parseFlags<SendFlags>(flags, SEND_FLAGS);
  flagValues(f);
  // From the first moment: Ctrl-C during the replay, a cooldown wait, pre-flight or the prompt stops within a second.
  const signals = new SignalWatch();
  try {
    const cf = loadCampaignFile(f.campaign, filePathFlag('--ledger', f.ledger));
    const { settings, file: configFile, sources } = loadConfig({ configPath: f.config, flags: { store: f.store } });
    const events = f.events ?? settings.events;
    checkEventsPath(events, f.events === undefined ? undefined : '--events');
    refuseLedgerWithStore(settings.store, sources.store, f.ledger);
    const o = parseOptions(f, events, settings.store, cf.campaign.defaultCountry);
    const store = await openStore(o.store, sources.store);
    // The identity travels: a local ledger's header names it, so the store finds the same campaign from any folder.
    const ref = campaignRef(cf, { campaign: f.campaign, ledger: f.ledger, config: f.config, events: f.events, store: f.store });
    // Whom a store sent leaves no trace here but the note beside the ledger: local files then refuse to send them again.
    if (store.kind === 'files') refuseLocalSend(cf.ledgerPath, f.campaign, o.dryRun ? 'warn' : 'send', warn);
    const location = storeLocation(o.store);
    const mark = location.kind === 'postgres' ? (id: string) => writeMarker(cf.ledgerPath, location.redacted, id, warn) : undefined;
    try {
      if (o.dryRun) return await dryRun(o, cf, settings, await store.reader(ref), configFile?.data.pricing, signals);
      if (!settings.token) throw missingConfig('token', 'no access token: set WA_OPS_TOKEN (environment or .env)');
      // The store's remarks (a lost connection, a cooldown found) go above the progress line while it shows.
      const notices = { to: warn };
      const writer = await store.writer(ref, (text) => notices.to(text), { interrupted: () => signals.check('nothing was sent') });
      try {
        return await sendWithWriter(f, o, cf, settings, configFile?.data.pricing, writer, signals, notices, mark, store.kind === 'files' ? cf.ledgerPath : undefined);
      } finally {
        // Only a campaign the store holds is noted: a note naming one it lacks would refuse the next send.
        const stored = mark && (await writer.header().catch(() => undefined));
        if (stored) mark?.(stored.campaignId);
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
async function sendWithWriter(f: SendFlags, options: SendOptions, cf: CampaignFile, settings: Settings, pricing: unknown, writer: LedgerWriter, signals: SignalWatch, notices: { to: (text: string) => void }, mark?: (campaignId: string) => void, localLedger?: string): Promise<number> {
  const loaded = await signals.race(loadState(writer), 'nothing was sent');
  const state = loaded.state;
  const foreign = otherCampaignsLedger(state, cf.campaign.name, writer.location);
  if (foreign) throw foreign;
  // An unfinished run (interrupted, paused, killed without an end) is resumed with what is left of its --limit.
  const kept = unfinishedRunOptions(state);
  const adopted = adoptResumed(options, kept, { interval: f.interval !== undefined || f.rate !== undefined, limit: f.limit !== undefined, cooldown: f.cooldown !== undefined });
  const o = adopted.options;
  if (adopted.adopted.length) warn(`resuming the unfinished run as it was: ${adopted.adopted.join(', ')} (kept in the ledger; flags given here win)`);
  const senders = resolveSenders(cf, settings, kept?.senders);
  const resume = resumeLine(o, f, o.limit);
  // Local files: a cooldown another campaign of this folder met on one of these senders binds this run too.
  if (localLedger) adoptSiblingCooldown(state, await signals.race(siblingCooldown(localLedger, senders, Date.now()), 'nothing was sent'));
  const paused = await cooldownGate(o, cf, state, writer, signals, resume);
  if (paused !== undefined) return paused;
  const campaignId = loaded.campaignId ?? newCampaignId(cf.campaign.name);
  // A campaign the store holds already is noted at once; a new one once its header is stored (see run).
  if (loaded.campaignId) mark?.(loaded.campaignId);
  const progress = await progressReporter();
  notices.to = progress.log;
  let result: SendResult;
  try {
    result = await sendCampaign(o, cf, settings, writer, state, campaignId, senders, signals, {
      warn,
      info,
      confirm: (p, queue, toSend, before) => confirmSend(o, cf, p, queue, toSend, before, state, senders, signals),
      onProgress: progress.update,
      onNotice: progress.log,
      timeText: localTimeText,
    }, pricing);
  } catch (err) {
    throw interruptedBeforeSending(err, resume);
  } finally {
    notices.to = warn;
    progress.stop();
  }
  const resumeNow = resumeLine(o, f, result.limitLeft);
  // A finished pilot has nothing left to resume: its command again sends nothing (the rest is a decision, not a resume).
  const code = finish(result, result.stop.outcome === 'done' && o.sample ? undefined : resumeNow);
  // A run that used up its --limit ends "done" with recipients left: say how to send the rest (the plain command, the limit used up).
  if (!term().json && result.stop.outcome === 'done' && result.summary.pending > 0 && o.limit !== undefined && !o.sample) {
    info(`--limit ${o.limit} reached: ${plural(result.summary.pending, 'recipient')} still pending; send them with: ${resumeNow}`);
  }
  // A finished run with recipients left unknown: say how they are settled, and print the command that resends to them.
  const advice = result.stop.outcome === 'done' ? unknownAdvice(result.summary.unknown, result.summary.pending, resumeInput(o, f, undefined)) : undefined;
  if (advice && !term().json) info(paint('yellow', advice));
  return code;
}

/**
 * Cooldowns before the network: nothing (not even a template check) is asked of the API during one.
 * With --no-wait the run ends paused (its exit code returned); else the wait, which Ctrl-C cuts short.
 */
async function cooldownGate(o: SendOptions, cf: CampaignFile, state: LedgerState, writer: LedgerWriter, signals: SignalWatch, resume: string): Promise<number | undefined> {
  const cd = cooldownEnd(state, Date.now(), warn, localTimeText);
  if (cd <= Date.now()) return undefined;
  const c = { until: new Date(cd).toISOString(), code: state.cooldownCode, sender: state.cooldownSender, reason: state.cooldownReason };
  if (o.noWait) {
    await withEvents(state, o.events);
    return finish({ stop: { outcome: 'paused', until: cd }, summary: summarise(state, cf.campaign.name, Date.now()), thisRun: { sent: 0, failed: 0, unknown: 0, deferred: 0 }, stats: writer.stats, location: writer.location }, resume, `cooldown in force (${cooldownText(c)}); nothing was sent`);
  }
  warn(`cooldown in force: ${cooldownText(c)}; waiting (Ctrl-C stops; the same command resumes)`);
  await signals.sleepUntil(cd).catch((err: unknown) => {
    throw interruptedBeforeSending(err, resume);
  });
  return undefined;
}
