/** The end of a send run: its end event in the ledger, then the counts as `status` reads them. */
import type { EngineState, StopReason } from '../../core/campaign/engine-types.js';
import type { RunOptionsRecord } from '../../core/campaign/events.js';
import { summarise, type CampaignSummary, type LedgerState } from '../../core/campaign/ledger-state.js';
import { limitLeft } from '../../core/campaign/run-limit.js';
import type { LedgerWriter } from '../store/types.js';
import type { CampaignFile } from './campaign-file.js';
import { loadState, withEvents } from './campaign-state.js';
import type { SendOptions } from './send-options.js';

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

/** After the stop: the end event (with what is left of --limit, read from the ledger), then the counts as `status` would read them. */
export async function finishRun(o: SendOptions, cf: CampaignFile, writer: LedgerWriter, state: LedgerState, engine: EngineState, stop: StopReason, options: RunOptionsRecord, runId: string): Promise<SendResult> {
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
