/** The whole of a send, in order: lock, replay, cooldown gate (before any request), pre-flight, plan, confirm, run, summary. */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { EngineState } from '../../core/campaign/engine-types.js';
import type { RunOptionsRecord } from '../../core/campaign/events.js';
import { stillToSend, summarise, type CampaignSummary, type LedgerState } from '../../core/campaign/ledger-state.js';
import { MEDIA_PLACEHOLDER } from '../../core/campaign/render.js';
import type { Settings } from '../config.js';
import type { SignalWatch } from '../signals.js';
import type { LedgerWriter } from '../store/types.js';
import type { CampaignFile } from './campaign-file.js';
import { execute } from './executor.js';
import { ledgerChangeNotice, record, setUpLedger, uploadOnce } from './ledger-setup.js';
import { prepareSend, type Prepared, type Target } from './prepare.js';
import { liveSuppressions, sendSuppressions } from './send-suppressions.js';
import { LiveOptOuts } from './live-opt-outs.js';
import { optOutSink, SendOptOuts } from './send-opt-outs.js';
import { pacingNotice } from './pacing-notice.js';
import { withLedgerOptOuts } from './send-targets.js';
import { missingOptOuts } from '../../core/suppressions/back-fill.js';
import { readSuppressions, suppressionsPath } from '../suppressions.js';
import type { SendOptions } from './send-options.js';
import { startEngine } from './run-engine.js';
import { finishRun, type SendResult } from './run-end.js';

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

/** Pre-flight through the run; the writer is open (locked) and its state replayed. */
export async function sendCampaign(o: SendOptions, cf: CampaignFile, settings: Settings, writer: LedgerWriter, state: LedgerState, campaignId: string, senders: string[], signals: SignalWatch, hooks: SendHooks, pricing: unknown): Promise<SendResult> {
  const intervalMs = o.intervalMs ?? cf.campaign.intervalMs ?? 6000;
  const lists = await sendSuppressions(o.suppressions, writer.suppressions && (() => writer.suppressions!()), { country: cf.campaign.defaultCountry });
  const prepared = await signals.race(
    prepareSend(cf, settings, { campaignId, suppressions: lists, intervalMs, senders, dryRun: false, sample: o.sample, allowFullBudget: o.allowFullBudget, windowFlag: o.window, graphUrlFlags: o.graphUrls, pricing, warn: hooks.warn, csvLimits: o.csvLimits }),
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
    // 131050s an earlier run stored in the ledger but never got onto the list (killed between the two writes).
    optOuts.restore(missingOptOuts(state.recipients.values(), lists ?? readSuppressions(suppressionsPath()), `campaign ${cf.campaign.name}`));
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

/** A payload with the sender's uploaded media id in place of the placeholder (media ids belong to one sender). */
function withMediaIds(body: Record<string, unknown>, mediaIds: Map<string, string> | undefined, sender: string): Record<string, unknown> {
  return mediaIds ? (JSON.parse(JSON.stringify(body).replace(MEDIA_PLACEHOLDER, mediaIds.get(sender)!)) as Record<string, unknown>) : body;
}

