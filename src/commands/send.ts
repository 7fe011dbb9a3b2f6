/** wa-ops send --campaign <file> (CONTRACT §7): plan, confirm, then paced, resumable sends. */
import { EXIT, InterruptedError, UsageError, WaOpsError } from '../core/errors.js';
import { formatDuration, parseDuration, parseRate } from '../core/campaign/duration.js';
import { summarise } from '../core/campaign/ledger-state.js';
import { MEDIA_PLACEHOLDER } from '../core/campaign/render.js';
import { loadCampaignFile, type CampaignFile } from '../io/campaign/campaign-file.js';
import { record, setUpLedger, uploadOnce } from '../io/campaign/ledger-setup.js';
import { prepareSend, type Prepared } from '../io/campaign/prepare.js';
import { runCampaign, type RunProgress } from '../io/campaign/runner.js';
import { Waker } from '../io/campaign/waker.js';
import { loadConfig } from '../io/config.js';
import { Ledger } from '../io/ledger/ledger.js';
import { renderPlan, renderSummary, type Plan } from '../ui/campaign-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { fmtInt } from '../ui/progress.js';
import { startStatusLine } from '../ui/spinner.js';
import { term } from '../ui/term.js';
import { intFlag } from './flags.js';

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
}

/** Run the command; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as unknown as Flags;
  const cf = loadCampaignFile(f.campaign, f.ledger);
  const c = cf.campaign;
  const { settings, file: configFile } = loadConfig({ configPath: f.config });
  if (f.interval && f.rate) throw new UsageError('pass --interval or --rate, not both', { code: 'bad-flag' });
  let intervalMs = c.intervalMs ?? 6000;
  if (f.interval !== undefined) intervalMs = parseDuration(f.interval) ?? badFlag('--interval', f.interval, 'a duration such as 6s, 250ms, 1m');
  if (f.rate !== undefined) intervalMs = parseRate(f.rate) ?? badFlag('--rate', f.rate, 'a rate such as 10/s, 30/min, 500/h');
  const cooldownMs = f.cooldown === undefined ? 300_000 : (parseDuration(f.cooldown) ?? badFlag('--cooldown', f.cooldown, 'a duration such as 5m'));
  const limit = f.limit === undefined ? undefined : intFlag('--limit', f.limit, 1);
  const senders = c.senders.length > 0 ? c.senders : settings.phoneNumberId ? [settings.phoneNumberId] : [];
  if (senders.length === 0) throw new UsageError('no sender: set "senders" in the campaign or WA_OPS_PHONE_NUMBER_ID', { code: 'missing-config' });
  if (!f.dryRun && !settings.token) throw new UsageError('no access token: set WA_OPS_TOKEN (environment or .env)', { code: 'missing-config' });

  const p = await prepareSend(cf, settings, {
    intervalMs,
    senders,
    dryRun: Boolean(f.dryRun),
    sample: Boolean(f.sample),
    allowFullBudget: Boolean(f.allowFullBudget),
    windowFlag: f.window,
    graphUrlFlags: f.graphUrl,
    pricing: configFile?.data.pricing,
    warn,
  });
  const plan = (toSend: number, before: { sent: number; failed: number; unknown: number; cooldownUntil: string | null }, targets: Prepared['targets']): Plan => ({
    campaign: c.name,
    template: `${c.template.name}:${c.template.language}`,
    templateStatus: p.template.status,
    category: p.template.category,
    rows: p.list.rows,
    recipients: p.list.recipients.length,
    skipped: p.skippedByReason,
    alreadySent: before.sent,
    alreadyFailed: before.failed,
    unknown: before.unknown,
    toSend,
    senders,
    intervalMs,
    dailyLimit: c.dailyLimit,
    cooldownUntil: before.cooldownUntil ?? undefined,
    ledger: cf.ledgerPath,
    sample: f.sample,
    limit,
    policies: p.policiesFor(targets),
  });
  try {
    if (f.dryRun) {
      const dry = plan(p.targets.length, { sent: 0, failed: 0, unknown: 0, cooldownUntil: null }, p.targets);
      if (term().json) outJson({ dryRun: true, plan: dry, skipped: p.skipped, payloads: p.targets.map((t) => p.payloadOf(t)) });
      else {
        info(renderPlan(dry));
        for (const s of p.skipped.slice(0, 10)) info(paint('gray', `  line ${s.line}: ${s.reason}`));
        for (const t of p.targets) out(JSON.stringify(p.payloadOf(t)));
        info(paint('cyan', `dry run: ${fmtInt(p.targets.length)} payloads rendered on stdout, nothing sent`));
      }
      return EXIT.ok;
    }
    const ledger = Ledger.open(cf.ledgerPath);
    try {
      return await sendWithLedger(f, cf, p, ledger, { senders, intervalMs, cooldownMs, limit, plan });
    } finally {
      await ledger.drain();
      ledger.close();
    }
  } finally {
    await p.client?.close();
  }
}

interface RunSettings {
  senders: string[];
  intervalMs: number;
  cooldownMs: number;
  limit?: number;
  plan: (toSend: number, before: { sent: number; failed: number; unknown: number; cooldownUntil: string | null }, targets: Prepared['targets']) => Plan;
}

async function sendWithLedger(f: Flags, cf: CampaignFile, p: Prepared, ledger: Ledger, s: RunSettings): Promise<number> {
  if (ledger.tookOverLock) warn(`took over a stale lock left by pid ${ledger.tookOverLock.pid} (no longer running)`);
  if (ledger.tornBytes > 0) warn(`ignored a torn last line in ${cf.ledgerPath} (${ledger.tornBytes} bytes from an interrupted write)`);
  const state = await setUpLedger(ledger, cf, p.list, p.skipped, p.template.category, warn);
  const mediaIds = p.media?.local ? await uploadOnce(p.client!, ledger, state, s.senders, p.media, info) : undefined;
  const queue = p.targets.filter((t) => {
    const x = state.recipients.get(t.e164);
    if (!x || x.status === 'pending' || x.status === 'retry') return true;
    return x.status === 'unknown' && Boolean(f.retryUnknown);
  });
  const before = summarise(state, cf.campaign.name);
  info(renderPlan(s.plan(Math.min(queue.length, s.limit ?? Infinity), before, queue)));
  const pausedNow = before.cooldownUntil !== null && f.wait === false;
  if (queue.length > 0 && !pausedNow) await confirm(f, queue.length);

  const control: { stopped?: 'SIGINT' | 'SIGTERM' } = {};
  const waker = new Waker();
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => () => {
    control.stopped = sig;
    waker.wake();
  };
  const sigint = onSignal('SIGINT');
  const sigterm = onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const status = await startStatusLine();
  const started = Date.now();
  let result;
  try {
    result = await runCampaign({
      ledger,
      state,
      client: p.client!,
      queue,
      senders: s.senders,
      intervalMs: s.intervalMs,
      concurrency: Math.min(256, Math.max(1, Math.ceil((s.senders.length * 2000) / s.intervalMs))),
      cooldownMs: s.cooldownMs,
      noWait: f.wait === false,
      limit: s.limit,
      budget: p.budget,
      window: p.window && { w: p.window, seed: p.seed },
      payloadOf: mediaIds ? (t, sender) => JSON.parse(JSON.stringify(p.payloadOf(t)).replace(MEDIA_PLACEHOLDER, mediaIds.get(sender)!)) as Record<string, unknown> : (t) => p.payloadOf(t),
      control,
      waker,
      onNotice: (text) => status.log(paint('yellow', text)),
      onProgress: (pr) => status.update(progressLine(pr, started)),
    });
  } finally {
    status.stop();
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
  await record(ledger, state, { t: 'end', outcome: result.outcome, at: new Date().toISOString() });
  await ledger.drain();
  const summary = {
    ...summarise(state, cf.campaign.name),
    outcome: result.outcome,
    thisRun: { sent: result.thisRun.sent, failed: result.thisRun.failed },
    ledger: { path: cf.ledgerPath, events: ledger.appended, fsyncs: ledger.fsyncs },
  };
  const abortErr = result.abort instanceof WaOpsError ? result.abort : undefined;
  if (result.abort && !abortErr) throw result.abort;
  const resume = `wa-ops send --campaign ${f.campaign} --yes`;
  if (term().json) {
    outJson(abortErr ? { ...summary, error: { code: abortErr.code, message: abortErr.message, hint: abortErr.hint ?? '' } } : summary);
  } else {
    out(renderSummary(summary, summary));
    if (result.thisRun.unknown > 0) info(paint('yellow', `${result.thisRun.unknown} send(s) timed out: recorded as unknown, not resent without --retry-unknown`));
    if (abortErr) info(paint('red', `stopped: ${abortErr.message}\n  hint: ${abortErr.hint ?? ''}`));
    if (result.outcome === 'paused') info(paint('yellow', `paused until ${result.pausedUntil}; resume with: ${resume}`));
    if (result.outcome === 'interrupted') info(`state saved; resume with: ${resume}`);
  }
  if (result.outcome === 'aborted') return abortErr?.exitCode ?? EXIT.upstream;
  if (result.outcome === 'paused') return EXIT.paused;
  if (result.outcome === 'interrupted') return new InterruptedError(control.stopped ?? 'SIGINT').exitCode;
  return EXIT.ok;
}

function progressLine(p: RunProgress, started: number): string {
  const secs = (Date.now() - started) / 1000;
  const rate = p.sent / Math.max(secs, 0.001);
  const eta = rate > 0 ? formatDuration((p.remaining / rate) * 1000) : '?';
  const tail = p.cooldownUntil
    ? paint('yellow', `cooldown: ${formatDuration(p.cooldownUntil - Date.now())} left (until ${new Date(p.cooldownUntil).toISOString()})`)
    : p.nextAt
      ? `next send in ${formatDuration(Math.max(0, p.nextAt - Date.now()))}`
      : '';
  return `sent ${fmtInt(p.sent)}, failed ${fmtInt(p.failed)}, remaining ${fmtInt(p.remaining)}, ${rate.toFixed(2)}/s, ETA ${eta}  ${tail}`;
}

function badFlag(flag: string, value: string, expected: string): never {
  throw new UsageError(`${flag} takes ${expected}, got "${value}"`, { code: 'bad-flag' });
}

async function confirm(f: Flags, count: number): Promise<void> {
  if (f.yes) return;
  if (!term().interactive) {
    throw new UsageError(`about to send ${count} messages: pass --yes to confirm when not running in a terminal`, { code: 'confirmation-required' });
  }
  const { askConfirm } = await import('../ui/prompts.js');
  const ok = await askConfirm(`Send ${count} messages now?`, { interrupted: 'nothing was sent' });
  if (!ok) throw new UsageError('cancelled: nothing was sent', { code: 'cancelled' });
}
