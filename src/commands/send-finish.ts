/** How a send run ends: its summary (stdout), what to do next (stderr), the command that resumes it, and its exit code. */
import { EXIT, exitSignal, InterruptedError } from '../core/errors.js';
import { resumeCommand, storeForResume, type ResumeInput } from '../core/campaign/resume.js';
import type { SendResult } from '../io/campaign/run-end.js';
import type { SendOptions } from '../io/campaign/send-options.js';
import { csvLimitArgs } from './flags.js';
import { localTimeText, renderSummary } from '../ui/campaign-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';

/** The flags as given that the resume command repeats: --events, --store and the security overrides (not their environment variables, which stay set). */
export interface GivenFlags {
  events?: string;
  store?: string;
  allowInsecureGraphUrl?: boolean;
  allowInternalMedia?: boolean;
}

/** What the command that resumes this run carries: every option it used; --events and --store only as the user gave them. */
export function resumeInput(o: SendOptions, given: GivenFlags, limit: number | undefined): ResumeInput {
  return { allowInsecureGraphUrl: given.allowInsecureGraphUrl, allowInternalMedia: given.allowInternalMedia, yes: o.yes, campaign: o.campaign, ledger: o.ledger, config: o.config, events: given.events, store: storeForResume(given.store), sample: o.sample, intervalMs: o.intervalMs, limit, retryUnknown: o.retryUnknown, cooldownMs: o.cooldownMs, window: o.window, graphUrls: o.graphUrls, maxDuration: o.maxDuration, csvLimitArgs: csvLimitArgs(o.csvLimits), allowFullBudget: o.allowFullBudget, noWait: o.noWait, suppressions: o.suppressions };
}

/** The command that resumes this run. */
export function resumeLine(o: SendOptions, given: GivenFlags, limit: number | undefined): string {
  return resumeCommand(resumeInput(o, given, limit));
}

/** An interruption before the first request (a cooldown wait, the pre-flight, the prompt): one message, saying so and how to go on. */
export function interruptedBeforeSending(err: unknown, resume: string): unknown {
  if (!(err instanceof InterruptedError)) return err;
  return new InterruptedError(exitSignal(err.exitCode), { hint: `nothing was sent; resume with: ${resume}` });
}

/** Print the summary (folded with the webhook events) and return the exit code. */
export function finish(r: SendResult, resume: string | undefined, note?: string): number {
  const { stop } = r;
  // When a paused run can go on: a cooldown's end, or a wait worked out from this run's options (windows, daily budget), which the ledger does not keep.
  const pausedUntil = stop.outcome === 'paused' && stop.until && stop.code !== 'max-duration' ? new Date(stop.until).toISOString() : null;
  const summary = { ...r.summary, outcome: stop.outcome, ...(stop.outcome === 'paused' ? { pausedUntil } : {}), thisRun: { sent: r.thisRun.sent, failed: r.thisRun.failed }, ledger: { path: r.location, events: r.stats.events, fsyncs: r.stats.commits } };
  const error = stop.outcome === 'aborted' ? { code: stop.code ?? 'aborted', message: stop.message ?? 'stopped', hint: stop.hint ?? '' } : undefined;
  const resumable = resume !== undefined && (stop.outcome !== 'done' || summary.pending > 0);
  if (term().json) outJson({ ...summary, ...(error ? { error } : {}), ...(resumable ? { resume } : {}) });
  else {
    out(renderSummary(summary, summary));
    if (r.thisRun.unknown > 0) info(paint('yellow', `${plural(r.thisRun.unknown, 'send')} without an answer: recorded as unknown, not resent without --retry-unknown`));
    if (r.othersInFlight) info(`${plural(Math.min(r.othersInFlight, summary.unknown), 'unknown recipient')} ${r.othersInFlight === 1 ? 'is' : 'are'} being sent right now by another running worker: the outcome is stored when the answer comes`);
    if (r.thisRun.deferred > 0) info(paint('yellow', `${plural(r.thisRun.deferred, 'recipient')} left pending for the next run: a temporary failure tried several times, or a refusal not held against the recipient (said above)`));
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
