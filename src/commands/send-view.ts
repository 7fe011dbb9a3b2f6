/** What a send shows: the plan and the confirmation, and the progress line while it runs. */
import { isAbsolute, relative } from 'node:path';
import { remaining } from '../core/campaign/engine.js';
import type { EngineState } from '../core/campaign/engine-types.js';
import { formatDuration } from '../core/campaign/duration.js';
import type { CampaignSummary, LedgerState } from '../core/campaign/ledger-state.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { storeLocation } from '../core/store/location.js';
import type { CampaignFile } from '../io/campaign/campaign-file.js';
import type { Prepared, Target } from '../io/campaign/prepare.js';
import { countReasons, planSkipped } from '../io/campaign/send-targets.js';
import type { SendOptions } from '../io/campaign/send-options.js';
import type { SignalWatch } from '../io/signals.js';
import { cooldownText, localTimeText, renderPlan, type Plan } from '../ui/campaign-report.js';
import { info, paint } from '../ui/output.js';
import { fmtInt } from '../ui/progress.js';
import { startStatusLine } from '../ui/spinner.js';
import { term } from '../ui/term.js';

/** A path as the user would type it: relative to the working directory when it lies inside it. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Where the plan says the ledger is: the file, or the store (its URL without the password). */
function ledgerLabel(store: string | undefined, cf: CampaignFile): string {
  const where = storeLocation(store);
  return where.kind === 'postgres' ? `${where.redacted} (campaign "${cf.campaign.name}", in the store)` : shownPath(cf.ledgerPath);
}

/** The plan of this run (toSend already bounded by --limit; the cost is for those toSend). */
export function planOf(o: SendOptions, cf: CampaignFile, p: Prepared, queue: Target[], toSend: number, before: CampaignSummary, state: LedgerState | undefined, senders: string[]): Plan {
  const c = cf.campaign;
  const cd = before.cooldownUntil;
  return {
    campaign: c.name,
    template: `${c.template.name}:${c.template.language}`,
    templateStatus: p.template.status,
    category: p.template.category,
    rows: p.list.rows,
    recipients: p.list.recipients.length,
    skipped: countReasons(planSkipped(p.skipped, state)),
    alreadySent: before.sent,
    alreadyFailed: before.failed,
    unknown: before.unknown,
    retryUnknown: o.retryUnknown,
    toSend,
    senders,
    intervalMs: o.intervalMs ?? c.intervalMs ?? 6000,
    dailyLimit: c.dailyLimit,
    cooldownUntil: cd ?? undefined,
    cooldown: cd && state ? { until: cd, code: state.cooldownCode, sender: state.cooldownSender, reason: state.cooldownReason } : undefined,
    ledger: ledgerLabel(o.store, cf),
    sample: o.sample,
    limit: o.limit,
    policies: p.policiesFor(toSend < queue.length ? queue.slice(0, toSend) : queue),
  };
}

/** Show the plan and ask; Ctrl-C at the prompt is an interruption (130), never an internal error. */
export async function confirmSend(o: SendOptions, cf: CampaignFile, p: Prepared, queue: Target[], toSend: number, before: CampaignSummary, state: LedgerState, senders: string[], signals: SignalWatch): Promise<void> {
  info(renderPlan(planOf(o, cf, p, queue, toSend, before, state, senders)));
  for (const s of planSkipped(p.skipped, state).slice(0, 10)) info(paint('gray', `  line ${s.line}: ${s.reason}`));
  if (toSend === 0 || o.yes) return;
  if (!term().interactive) {
    throw new UsageError(`about to send ${fmtInt(toSend)} message${toSend === 1 ? '' : 's'}: pass --yes to confirm ${term().noPromptReason || 'when not running in a terminal'}; nothing was sent`, { code: 'confirmation-required', hint: 'run the same command with --yes' });
  }
  const { confirm } = await import('@inquirer/prompts');
  let ok: boolean;
  try {
    ok = await signals.race(confirm({ message: `Send ${fmtInt(toSend)} message${toSend === 1 ? '' : 's'} now?`, default: false }, { output: process.stderr }), 'nothing was sent');
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') {
      signals.fire('SIGINT');
      throw new InterruptedError('SIGINT', { hint: 'nothing was sent' });
    }
    throw err;
  }
  if (!ok) throw new UsageError('cancelled: nothing was sent', { code: 'cancelled' });
}

/** The progress line of a run: a spinner on a terminal, a line at a steady interval otherwise. */
export async function progressReporter(): Promise<{ update: (e: EngineState, now: number) => void; log: (text: string) => void; stop: () => void }> {
  const status = await startStatusLine();
  // The rate counts from the engine's first step, not from before the pre-flight and the confirmation prompt.
  let started: number | undefined;
  let last = 0;
  let announced: number | undefined;
  return {
    update: (e, now) => {
      started ??= now;
      // A long wait is said once, on stderr, also under --json (where no progress line shows): never a silent hang.
      const w = e.waiting;
      // Under --no-wait the run only waits for its requests in flight, then stops (exit 75) and says until when.
      if (w?.why === 'cooldown' && !e.cfg.noWait && w.until !== announced) {
        announced = w.until;
        const l = e.ledger;
        status.log(`cooldown: ${cooldownText({ until: new Date(w.until).toISOString(), code: l.cooldownCode, sender: l.cooldownSender, reason: l.cooldownReason })}; waiting (Ctrl-C stops and the same command resumes; --no-wait exits 75 instead)`);
      }
      if (now - last < 200) return;
      last = now;
      status.update(progressLine(e, now, started));
    },
    log: (text) => status.log(paint('yellow', text)),
    stop: () => status.stop(),
  };
}

function progressLine(e: EngineState, now: number, started: number): string {
  const secs = (now - started) / 1000;
  const rate = e.thisRun.sent / Math.max(secs, 0.001);
  const left = remaining(e);
  const eta = rate > 0 ? formatDuration((left / rate) * 1000) : '?';
  const w = e.waiting;
  let tail = '';
  if (w?.why === 'cooldown') {
    const l = e.ledger;
    tail = paint('yellow', `cooldown ${formatDuration(w.until - now)} left: ${cooldownText({ until: new Date(w.until).toISOString(), code: l.cooldownCode, sender: l.cooldownSender, reason: l.cooldownReason })}`);
  } else if (w?.why === 'window') tail = `waiting for recipients' send windows: next opens ${localTimeText(w.until)}`;
  else if (w?.why === 'budget') tail = paint('yellow', `daily budget reached: next send ${localTimeText(w.until)}`);
  else if (w?.why === 'outage') tail = paint('yellow', `the API did not answer: retrying in ${formatDuration(w.until - now)}`);
  else if (w && w.until > now) tail = `next send in ${formatDuration(w.until - now)}`;
  return `sent ${fmtInt(e.thisRun.sent)}, failed ${fmtInt(e.thisRun.failed)}, remaining ${fmtInt(left)}, ${rate.toFixed(2)}/s, ETA ${eta}${tail ? `  ${tail}` : ''}`;
}
