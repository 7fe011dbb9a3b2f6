/** The whole of a send, in order: lock, replay, cooldown gate (before any request), pre-flight, plan, confirm, run, summary. */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createEngine } from '../../core/campaign/engine.js';
import type { EngineState, StopReason } from '../../core/campaign/engine-types.js';
import type { RunOptionsRecord } from '../../core/campaign/events.js';
import { stillToSend, summarise, type CampaignSummary, type LedgerState } from '../../core/campaign/ledger-state.js';
import { limitLeft } from '../../core/campaign/run-limit.js';
import { MEDIA_PLACEHOLDER } from '../../core/campaign/render.js';
import { UsageError } from '../../core/errors.js';
import type { Settings } from '../config.js';
import type { SignalWatch } from '../signals.js';
import type { LedgerWriter } from '../store/types.js';
import type { CampaignFile } from './campaign-file.js';
import { loadState, withEvents } from './campaign-state.js';
import { execute } from './executor.js';
import { ledgerChangeNotice, record, setUpLedger, uploadOnce } from './ledger-setup.js';
import { prepareSend, type Prepared, type Target } from './prepare.js';
import { liveSuppressions, sendSuppressions } from './send-suppressions.js';
import { LiveOptOuts } from './live-opt-outs.js';
import { optOutSink, SendOptOuts } from './send-opt-outs.js';
import { pacingNotice } from './pacing-notice.js';
import { withLedgerOptOuts } from './send-targets.js';
import type { SendOptions } from './send-options.js';
import { missingConfig } from '../../core/missing-config.js';

/** A cooldown further ahead than this is damage (or a typo), not a plan: wa-ops records at most 8 h, a day for the budget, a week for windows. */
export const COOLDOWN_CAP_MS = 7 * 86_400_000;

/** What the command provides to a send: its words, the confirmation, and progress. */
export interface SendHooks {
  warn(text: string): void;
  info(text: string): void;
  /** Show the plan and ask (throws when declined or not confirmed). */
  confirm(p: Prepared, queue: Target[], toSend: number, before: CampaignSummary): Promise<void>;
  onProgress(engine: EngineState, now: number): void;
  onNotice(text: string): void;
  /** A time as people read it (local time with its offset). */
  timeText(ms: number): string;
}

/** How a send ended: the stop, the counts (all and this run), what is left of --limit, and where the ledger is. */
export interface SendResult {
  stop: StopReason;
  summary: CampaignSummary;
  thisRun: EngineState['thisRun'];
  /** What is left of --limit, for the resume command. */
  limitLeft?: number;
  stats: { events: number; commits: number };
  /** Where the ledger is. */
  location: string;
  /** Of the unknown: requests other running workers are sending right now (PostgreSQL). */
  othersInFlight?: number;
}

/** The end of the cooldown in force, capped (with a warning, the time as `timeText` writes it for people) at COOLDOWN_CAP_MS from now. */
export function cooldownEnd(state: LedgerState, now: number, warn: (t: string) => void, timeText: (ms: number) => string = (ms) => new Date(ms).toISOString()): number {
  const cd = state.cooldownUntil ? Date.parse(state.cooldownUntil) : 0;
  if (cd - now > COOLDOWN_CAP_MS) {
    warn(`the ledger holds a cooldown until ${Number.isFinite(cd) ? timeText(cd) : state.cooldownUntil}, further than wa-ops ever records (at most 7 days): it is honoured for 7 days from now only`);
    return now + COOLDOWN_CAP_MS;
  }
  return cd;
}

/** Pre-flight through the run; the writer is open (locked) and its state replayed. */
export async function sendCampaign(o: SendOptions, cf: CampaignFile, settings: Settings, writer: LedgerWriter, state: LedgerState, campaignId: string, senders: string[], signals: SignalWatch, hooks: SendHooks, pricing: unknown): Promise<SendResult> {
  const intervalMs = o.intervalMs ?? cf.campaign.intervalMs ?? 6000;
  const prepared = await signals.race(
    prepareSend(cf, settings, { campaignId, suppressions: await sendSuppressions(o.suppressions, writer.suppressions && (() => writer.suppressions!()), { country: cf.campaign.defaultCountry }), intervalMs, senders, dryRun: false, sample: o.sample, allowFullBudget: o.allowFullBudget, windowFlag: o.window, graphUrlFlags: o.graphUrls, pricing, warn: hooks.warn, csvLimits: o.csvLimits }),
    'nothing was sent',
  );
  // Opt-outs the ledger recorded bind this run, whatever suppression list it names.
  const p = { ...prepared, ...withLedgerOptOuts(prepared, state) };
  try {
    const change = ledgerChangeNotice(state, cf, p.list);
    if (change) hooks.warn(change);
    const queue = sendQueue(p.targets, state, o.retryUnknown);
    const toSend = Math.min(queue.length, o.limit ?? Infinity);
    const before = summarise(state, cf.campaign.name, Date.now());
    await hooks.confirm(p, queue, toSend, before);
    signals.check('nothing was sent');
    // Confirmed: only now is anything stored (a run declined or interrupted at its prompt leaves no ledger behind).
    await setUpLedger(writer, state, campaignId, cf, p.list, p.skipped, p.template.category);
    const mediaIds = p.media?.local ? await signals.race(uploadOnce(p.client!, writer, state, senders, p.media, hooks.info), 'nothing was sent') : undefined;
    const options: RunOptionsRecord = { sample: o.sample || undefined, intervalMs, limit: o.limit, senders, ledger: o.ledger, config: o.config, retryUnknown: o.retryUnknown || undefined, cooldownMs: o.cooldownMs, suppressions: o.suppressions === undefined ? undefined : resolve(o.suppressions) };
    // The run's id goes into each of its attempts: what it used of --limit is then read from the ledger, however it ends.
    const runId = randomBytes(6).toString('hex');
    await record(writer, state, { t: 'run', pid: process.pid, at: new Date().toISOString(), mode: o.sample ? 'sample' : 'all', options, id: runId });
    const engine = startEngine(o, p, queue, senders, intervalMs, state, hooks.timeText, runId);
    // Meta's 131050 ("stopped marketing messages from your business") puts the number on the list this send honours.
    const pacing = pacingNotice(cf.campaign.template.name, hooks.onNotice);
    const optOuts = new SendOptOuts(optOutSink(o.suppressions, writer.appendSuppressions && ((r) => writer.appendSuppressions!(r)), o.store), `campaign ${cf.campaign.name}`, hooks.onNotice);
    const stop = await execute({
      engine,
      writer,
      signals,
      send: async (i, sender) => {
        const m = (await p.client!.sendMessage(sender, withMediaIds(p.payloadOf(queue[i]), mediaIds, sender))).messages?.[0];
        pacing.note(m?.message_status);
        return m?.id ?? '';
      },
      onNotice: hooks.onNotice,
      onProgress: hooks.onProgress,
      optOuts: new LiveOptOuts(liveOptOutSource(o, writer, cf), queue, p.template.category || 'MARKETING'),
      onRecorded: (event) => optOuts.onRecorded(event),
    });
    await optOuts.settle();
    return await finishRun(o, cf, writer, state, engine, stop, options, runId);
  } finally {
    // An interrupted run must not wait for answers still on their way (they stay "unknown").
    if (signals.signal) await p.client?.destroy();
    else await p.client?.close();
  }
}

/** The suppression list this run honours, as it changes while the run sends: the same sources as at its start. */
function liveOptOutSource(o: SendOptions, writer: LedgerWriter, cf: CampaignFile) {
  const stored = writer.suppressions && writer.suppressionsVersion ? { read: () => writer.suppressions!(), version: () => writer.suppressionsVersion!() } : undefined;
  return liveSuppressions(o.suppressions, stored, { country: cf.campaign.defaultCountry });
}

/** The recipients this run may send to: never sent before, or unknown under --retry-unknown. */
function sendQueue(targets: Target[], state: LedgerState, retryUnknown: boolean | undefined): Target[] {
  return targets.filter((t) => stillToSend(state.recipients.get(t.e164), retryUnknown));
}

/** The engine for this run's queue, its clock started now. */
function startEngine(o: SendOptions, p: Prepared, queue: Target[], senders: string[], intervalMs: number, state: LedgerState, timeText: (ms: number) => string, runId: string): EngineState {
  const now = Date.now();
  return createEngine(
    {
      items: queue.map((t) => ({ e164: t.e164, zone: t.zone, cb: t.callbackData })),
      senders,
      intervalMs,
      concurrency: Math.min(256, Math.max(1, Math.ceil((senders.length * 2000) / intervalMs))),
      cooldownMs: o.cooldownMs,
      noWait: o.noWait,
      retryUnknown: o.retryUnknown,
      limit: o.limit,
      budget: p.budget,
      window: p.window && { w: p.window, seed: p.seed },
      maxTransientRetries: 3,
      maxNotSent: 6,
      deadline: o.maxDurationMs === undefined ? undefined : now + o.maxDurationMs,
      cooldownCapAt: now + COOLDOWN_CAP_MS,
      graceMs: 800,
      drainMs: 15_000,
      batch: 2000,
      timeText,
      runId,
    },
    state,
    now,
  );
}

/** A payload with the sender's uploaded media id in place of the placeholder (media ids belong to one sender). */
function withMediaIds(body: Record<string, unknown>, mediaIds: Map<string, string> | undefined, sender: string): Record<string, unknown> {
  return mediaIds ? (JSON.parse(JSON.stringify(body).replace(MEDIA_PLACEHOLDER, mediaIds.get(sender)!)) as Record<string, unknown>) : body;
}

/** After the stop: the end event (with what is left of --limit, read from the ledger), then the counts as `status` would read them. */
async function finishRun(o: SendOptions, cf: CampaignFile, writer: LedgerWriter, state: LedgerState, engine: EngineState, stop: StopReason, options: RunOptionsRecord, runId: string): Promise<SendResult> {
  // The final counts are read the way `status` reads them, once everything this run stored is durable: what the store
  // holds now (other workers' events too, never this worker's view of claims it lost). So the summary is what a
  // `status` right after shows (unless more webhooks arrive meanwhile).
  if (!writer.lost()) await writer.drain().catch(() => {});
  const final = !writer.lost() ? await loadState(writer).then((l) => l.state, () => state) : state;
  // What is left of --limit: the same rule a plain rerun applies after a kill -9 (run-limit.ts): recipients this run
  // sent, failed or left unknown count; those pending again (never sent, claimed by another worker) do not.
  const left = limitLeft(final, runId, o.limit);
  // A paused run keeps when its wait ends: `campaigns` says "paused" until then, "stopped" after.
  const until = stop.outcome === 'paused' && stop.until !== undefined && stop.code !== 'max-duration' ? new Date(stop.until).toISOString() : undefined;
  if (!writer.lost()) {
    await writer.append({ t: 'end', outcome: stop.outcome, at: new Date().toISOString(), options: { ...options, limit: left }, ...(until ? { until } : {}) }).catch(() => {});
    await writer.drain().catch(() => {});
  }
  // True only when no request may have reached the API: none accepted, none without an answer, none still on its way.
  if (stop.outcome === 'interrupted' && engine.thisRun.sent + engine.thisRun.unknown === 0 && engine.inFlight.size === 0) stop.message = 'nothing was sent';
  // The webhook events are folded in last.
  await withEvents(final, o.events);
  const summary = summarise(final, cf.campaign.name, Date.now());
  const othersInFlight = summary.unknown > 0 && !writer.lost() && writer.inFlight ? await writer.inFlight().catch(() => 0) : 0;
  return { stop, summary, thisRun: engine.thisRun, limitLeft: left, stats: writer.stats, location: writer.location, othersInFlight };
}

/** Senders: the campaign's, else WA_OPS_PHONE_NUMBER_ID, else those the interrupted run used. */
export function resolveSenders(cf: CampaignFile, settings: Settings, kept: string[] | undefined): string[] {
  const senders = cf.campaign.senders.length > 0 ? cf.campaign.senders : settings.phoneNumberId ? [settings.phoneNumberId] : (kept ?? []);
  if (senders.length === 0) throw missingConfig('phoneNumberId', 'no sender: set "senders" in the campaign or WA_OPS_PHONE_NUMBER_ID');
  return senders;
}
