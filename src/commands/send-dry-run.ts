/** send --dry-run: plan only what is left in the ledger (read without a lock), render every payload, send nothing; streamed output. */
import { stillToSend, summarise } from '../core/campaign/ledger-state.js';
import { unfinishedRunOptions } from '../core/campaign/run-limit.js';
import type { CampaignFile } from '../io/campaign/campaign-file.js';
import { loadState, newCampaignId, withEvents } from '../io/campaign/campaign-state.js';
import { otherCampaignsLedger } from '../core/campaign/ledger-owner.js';
import { prepareSend } from '../io/campaign/prepare.js';
import { sendSuppressions } from '../io/campaign/send-suppressions.js';
import { planSkipped, withLedgerOptOuts } from '../io/campaign/send-targets.js';
import { resolveSenders } from '../io/campaign/resolve-senders.js';
import { adoptResumed, type SendOptions } from '../io/campaign/send-options.js';
import type { Settings } from '../io/config.js';
import type { SignalWatch } from '../io/signals.js';
import type { LedgerReader } from '../io/store/types.js';
import { renderPlan } from '../ui/campaign-report.js';
import { info, out, paint } from '../ui/output.js';
import { fmtInt } from '../ui/progress.js';
import { term } from '../ui/term.js';
import { planOf } from './send-view.js';

/** Wait until stdout has taken what was written (bounded memory with a slow reader). */
const flushed = () => new Promise<void>((resolve) => process.stdout.write('', () => resolve()));

/** Run the dry run; returns the exit code. */
export async function dryRun(o: SendOptions, cf: CampaignFile, settings: Settings, reader: LedgerReader, pricing: unknown, signals: SignalWatch): Promise<number> {
  const loaded = await signals.race(loadState(reader));
  const state = loaded.state;
  const foreign = otherCampaignsLedger(state, cf.campaign.name, reader.location);
  if (foreign) throw foreign;
  await withEvents(state, o.events);
  // The run a plain send would resume (what is left of its --limit, also after a kill -9).
  const kept = unfinishedRunOptions(state);
  const { options } = adoptResumed(o, kept, { interval: o.intervalMs !== undefined, limit: o.limit !== undefined });
  const senders = resolveSenders(cf, settings, kept?.senders);
  // Before the first run the identity is provisional: the real run creates and keeps its own.
  const campaignId = loaded.campaignId ?? newCampaignId(cf.campaign.name);
  const intervalMs = options.intervalMs ?? cf.campaign.intervalMs ?? 6000;
  const prepared = await signals.race(prepareSend(cf, settings, { campaignId, suppressions: await sendSuppressions(options.suppressions, reader.suppressions && (() => reader.suppressions!()), { country: cf.campaign.defaultCountry }), intervalMs, senders, dryRun: true, sample: options.sample, allowFullBudget: options.allowFullBudget, windowFlag: options.window, graphUrlFlags: options.graphUrls, pricing, warn: info, csvLimits: options.csvLimits }));
  // Opt-outs the ledger recorded bind the run too (as send does).
  const p = { ...prepared, ...withLedgerOptOuts(prepared, state) };
  try {
    const queue = p.targets.filter((t) => stillToSend(state.recipients.get(t.e164), options.retryUnknown));
    const toSend = Math.min(queue.length, options.limit ?? Infinity);
    const plan = planOf(options, cf, p, queue, toSend, summarise(state, cf.campaign.name, Date.now()), state, senders);
    const skipped = planSkipped(p.skipped, state);
    if (term().json) {
      // One JSON document, written piece by piece: a million payloads never become one string.
      out(`{"dryRun":true,"plan":${JSON.stringify(plan)},"skipped":${JSON.stringify(skipped)},"payloads":[`);
      for (let i = 0; i < toSend; i++) {
        out(`${i > 0 ? ',' : ''}${JSON.stringify(p.payloadOf(queue[i]))}`);
        if (i % 2000 === 1999) await flushed();
      }
      out(']}');
    } else {
      info(renderPlan(plan));
      for (const s of skipped.slice(0, 10)) info(paint('gray', `  line ${s.line}: ${s.reason}`));
      // A reader that went away (| head) has what it wanted: stop rendering.
      for (let i = 0; i < toSend; i++) {
        out(JSON.stringify(p.payloadOf(queue[i])));
        if (i % 2000 === 1999) await flushed();
      }
      info(paint('cyan', `dry run: ${fmtInt(toSend)} payload${toSend === 1 ? '' : 's'} rendered on stdout, nothing sent`));
    }
    await flushed();
    return 0;
  } finally {
    await p.client?.close();
  }
}
