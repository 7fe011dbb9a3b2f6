/** wa-ops send --campaign <file> (CONTRACT §7): plan, confirm, then paced, resumable sends. */
import { EXIT, InterruptedError, UpstreamError, UsageError, InputError, WaOpsError } from '../core/errors.js';
import { parseDuration, parseRate } from '../core/campaign/duration.js';
import { apply, summarise, replay } from '../core/campaign/ledger-state.js';
import { callbackData, mappedColumns, mappingProblems, MEDIA_PLACEHOLDER, renderPayload, templateShape } from '../core/campaign/render.js';
import type { ParamSource } from '../core/campaign/schema.js';
import { checkMedia, type MediaCheck } from '../io/campaign/media.js';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createRng, selectionSampler, sampleSize, seedFrom } from '../core/numbers/sampling.js';
import { loadCampaignFile } from '../io/campaign/campaign-file.js';
import { loadRecipients } from '../io/campaign/recipients.js';
import { runCampaign, type Sendable } from '../io/campaign/runner.js';
import { Waker } from '../io/campaign/waker.js';
import { budgetFrom, costPlan, tierSize, windowFrom, windowPlan } from '../core/campaign/policies.js';
import { DEFAULT_PRICES, mergePrices } from '../core/campaign/pricing.js';
import { zoneFor } from '../core/campaign/timezones.js';
import { accountLimits } from '../io/campaign/account.js';
import { loadConfig } from '../io/config.js';
import { readSuppressions, suppressionsPath } from '../io/suppressions.js';
import { GraphClient } from '../io/graph/client.js';
import { Ledger } from '../io/ledger/ledger.js';
import { renderPlan, renderSummary, type Plan, type PlanPolicies } from '../ui/campaign-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { fmtInt } from '../ui/progress.js';
import { startStatusLine } from '../ui/spinner.js';
import { term } from '../ui/term.js';
import { formatDuration } from '../core/campaign/duration.js';
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

  const list = await loadRecipients(cf.recipientsPath, { phoneColumn: c.phoneColumn, defaultCountry: c.defaultCountry, columns: mappedColumns(c) });
  const graphUrls = f.graphUrl?.length ? f.graphUrl : (c.graphUrls ?? [settings.graphUrl]);
  const notices: string[] = [];
  const client = settings.token
    ? new GraphClient({
        baseUrl: graphUrls[0],
        fallbackUrls: graphUrls.slice(1),
        apiVersion: settings.apiVersion,
        token: settings.token,
        onFailover: (from, to, reason) => warn(`failover: ${from} cannot be reached (${reason}); now using ${to}`),
      })
    : undefined;
  try {
    const template = await checkTemplate(client, settings.wabaId, c, Boolean(f.dryRun));
    let window;
    try {
      window = windowFrom(f.window, c.window);
    } catch (err) {
      throw new UsageError((err as Error).message, { code: 'bad-flag' });
    }
    const account = client && !f.dryRun ? await accountLimits(client, senders[0]) : undefined;
    if (account?.error) notices.push(`account limits not read (${account.error}): only dailyLimit applies`);
    const mps = account?.throughputLevel === 'HIGH' ? 1000 : 80;
    const share = 1000 / intervalMs / mps;
    if (share > 0.9 && !f.allowFullBudget) {
      throw new UsageError(`the pace (${(1000 / intervalMs).toFixed(1)}/s per sender) is ${Math.round(share * 100)} % of the number's throughput (${mps}/s)`, { code: 'pace-too-fast', hint: 'slow down with --interval/--rate, or pass --allow-full-budget' });
    }
    if (share > 0.8) notices.push(`the pace is ${Math.round(share * 100)} % of the number's ${mps}/s throughput: inbound messages count too`);
    const mediaSource = c.parameters.header.find((x): x is Extract<ParamSource, { media: string }> => 'media' in x);
    const media = mediaSource ? await checkMedia(mediaSource.media, mediaSource.source, dirname(cf.path)) : undefined;
    if (media) {
      for (const w of media.warnings) notices.push(`header ${media.kind}: ${w}`);
      if (media.problems.length) {
        throw new InputError(`header ${media.kind} "${media.source}": ${media.problems.join('; ')}`, { code: 'bad-media', hint: 'images: JPEG or PNG up to 5 MB; videos: MP4 or 3GPP up to 16 MB; documents up to 100 MB' });
      }
    }
    const tier = tierSize(account?.tier);
    const budget = budgetFrom(c.dailyLimit, tier, account?.tier, Boolean(f.allowFullBudget));
    // Render every payload before sending anything: a recipient whose values Meta would refuse is skipped, not sent.
    const skipped = list.skipped.map((s) => ({ ...s }));
    const suppressed = readSuppressions(suppressionsPath());
    let sendables: (Sendable & { line: number; region: string })[] = [];
    for (const r of list.recipients) {
      const opt = suppressed.get(r.e164);
      if (opt) {
        skipped.push({ key: r.e164, line: r.line, reason: `suppressed: ${opt.reason}` });
        continue;
      }
      const cb = callbackData(cf.campaignId, r.e164);
      const rendered = renderPayload(c, { e164: r.e164, value: (col) => r.values[list.columns.indexOf(col)], callbackData: cb });
      if ('problem' in rendered) skipped.push({ key: r.e164, line: r.line, reason: rendered.problem });
      else sendables.push({ e164: r.e164, payload: rendered.payload, callbackData: cb, line: r.line, zone: zoneFor(r.region)?.zone ?? 'UTC', region: r.region });
    }
    if (f.sample) {
      const take = selectionSampler(sendables.length, sampleSize(sendables.length, 10), createRng(seedFrom(cf.campaignId)));
      sendables = sendables.filter(() => take());
    }
    const skippedByReason: Record<string, number> = {};
    for (const s of skipped) {
      const key = s.reason.startsWith('duplicate')
        ? 'duplicate rows'
        : s.reason.startsWith('invalid number')
          ? 'invalid numbers'
          : s.reason.startsWith('suppressed')
            ? 'opted out (suppression list)'
            : 'rows with unusable parameter values';
      skippedByReason[key] = (skippedByReason[key] ?? 0) + 1;
    }

    const seed = seedFrom(cf.campaignId);
    const prices = mergePrices(DEFAULT_PRICES, configFile?.data.pricing);
    const policiesFor = (targets: { region: string; zone?: string }[]): PlanPolicies => ({
      window: window ? windowPlan(window, targets, Date.now(), seed) : undefined,
      budget,
      cost: costPlan(prices, template.category || 'MARKETING', targets),
      graphUrls,
      notices,
      media: media && { kind: media.kind, source: media.source, mime: media.mime, size: media.size, local: media.local },
    });

    if (f.dryRun) {
      const plan = planOf(cf, list, template, skippedByReason, sendables.length, 0, 0, 0, senders, intervalMs, f, undefined, policiesFor(sendables));
      if (term().json) outJson({ dryRun: true, plan, skipped, payloads: sendables.map((s) => s.payload) });
      else {
        info(renderPlan(plan));
        for (const s of skipped.slice(0, 10)) info(paint('gray', `  line ${s.line}: ${s.reason}`));
        for (const s of sendables) out(JSON.stringify(s.payload));
        info(paint('cyan', `dry run: ${fmtInt(sendables.length)} payloads rendered on stdout, nothing sent`));
      }
      return EXIT.ok;
    }

    const ledger = Ledger.open(cf.ledgerPath);
    try {
      if (ledger.tookOverLock) warn(`took over a stale lock left by pid ${ledger.tookOverLock.pid} (no longer running)`);
      if (ledger.tornBytes > 0) warn(`ignored a torn last line in ${cf.ledgerPath} (${ledger.tornBytes} bytes from an interrupted write)`);
      const state = replay(ledger.existing);
      const now = new Date().toISOString();
      if (!state.header || state.header.recipientsHash !== list.sha256 || state.header.campaignHash !== cf.sha256) {
        if (state.header) {
          const what = state.header.recipientsHash !== list.sha256 ? `the recipient list ${c.recipients} changed (${state.header.recipients} rows then, ${list.rows} now)` : 'the campaign file changed';
          warn(`${what} since this ledger began; recipients are matched by their E.164 number, so whoever was sent to is never sent to again`);
        }
        await ledgerAppendAndApply(ledger, state, { t: 'header', v: 1, campaign: c.name, campaignId: cf.campaignId, template: `${c.template.name}:${c.template.language}`, category: template.category, campaignHash: cf.sha256, recipientsHash: list.sha256, recipients: list.rows, at: now });
      }
      for (const s of skipped) {
        if (!state.recipients.has(s.key)) await ledgerAppendAndApply(ledger, state, { t: 'skipped', r: s.key, line: s.line, reason: s.reason, at: now });
      }
      const mediaIds = media?.local ? await uploadOnce(client!, ledger, state, senders, media) : undefined;
      const queue = sendables.filter((s) => {
        const x = state.recipients.get(s.e164);
        if (!x || x.status === 'pending' || x.status === 'retry') return true;
        return x.status === 'unknown' && Boolean(f.retryUnknown);
      });
      const before = summarise(state, c.name);
      const plan = planOf(cf, list, template, skippedByReason, Math.min(queue.length, limit ?? Infinity), before.sent, before.failed, before.unknown, senders, intervalMs, f, before.cooldownUntil ?? undefined, policiesFor(queue));
      info(renderPlan(plan));
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
          client: client!,
          queue,
          senders,
          intervalMs,
          concurrency: Math.min(256, Math.max(1, Math.ceil((senders.length * 2000) / intervalMs))),
          cooldownMs,
          noWait: f.wait === false,
          limit,
          budget,
          window: window && { w: window, seed },
          prepare: mediaIds ? (payload, sender) => JSON.parse(JSON.stringify(payload).replace(MEDIA_PLACEHOLDER, mediaIds.get(sender)!)) as Record<string, unknown> : undefined,
          control,
          waker,
          onNotice: (text) => status.log(paint('yellow', text)),
          onProgress: (p) => {
            const secs = (Date.now() - started) / 1000;
            const rate = p.sent / Math.max(secs, 0.001);
            const eta = rate > 0 ? formatDuration((p.remaining / rate) * 1000) : '?';
            const tail = p.cooldownUntil
              ? paint('yellow', `cooldown: ${formatDuration(p.cooldownUntil - Date.now())} left (until ${new Date(p.cooldownUntil).toISOString()})`)
              : p.nextAt
                ? `next send in ${formatDuration(Math.max(0, p.nextAt - Date.now()))}`
                : '';
            status.update(`sent ${fmtInt(p.sent)}, failed ${fmtInt(p.failed)}, remaining ${fmtInt(p.remaining)}, ${rate.toFixed(2)}/s, ETA ${eta}  ${tail}`);
          },
        });
      } finally {
        status.stop();
        process.off('SIGINT', sigint);
        process.off('SIGTERM', sigterm);
      }
      await ledgerAppendAndApply(ledger, state, { t: 'end', outcome: result.outcome, at: new Date().toISOString() });
      await ledger.drain();
      const summary = {
        ...summarise(state, c.name),
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
    } finally {
      await ledger.drain();
      ledger.close();
    }
  } finally {
    await client?.close();
  }
}

async function ledgerAppendAndApply(ledger: Ledger, state: ReturnType<typeof replay>, e: Parameters<Ledger['append']>[0]): Promise<void> {
  await ledger.append(e);
  apply(state, e);
}

/** Upload a local header medium once per sender, reusing ids the ledger already holds (media ids live 30 days). */
async function uploadOnce(client: GraphClient, ledger: Ledger, state: ReturnType<typeof replay>, senders: string[], media: MediaCheck): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const fresh = Date.now() - 29 * 86_400_000;
  for (const e of ledger.existing) {
    if (e.t === 'media' && e.sha256 === media.sha256 && Date.parse(e.at) > fresh) ids.set(e.sender, e.id);
  }
  for (const sender of senders) {
    if (ids.has(sender)) continue;
    const id = await client.uploadMedia(sender, readFileSync(media.path!), media.mime!, basename(media.path!));
    await ledgerAppendAndApply(ledger, state, { t: 'media', sender, sha256: media.sha256!, id, source: media.source, at: new Date().toISOString() });
    info(`uploaded ${media.source} for sender ${sender}: media id ${id}`);
    ids.set(sender, id);
  }
  return ids;
}

function badFlag(flag: string, value: string, expected: string): never {
  throw new UsageError(`${flag} takes ${expected}, got "${value}"`, { code: 'bad-flag' });
}

async function checkTemplate(client: GraphClient | undefined, wabaId: string | undefined, c: ReturnType<typeof loadCampaignFile>['campaign'], dryRun: boolean) {
  const label = `${c.template.name} (${c.template.language})`;
  if (!client || !wabaId) {
    if (!dryRun) throw new UsageError('no WABA id: set WA_OPS_WABA_ID, needed to check the template before sending', { code: 'missing-config' });
    warn('template not checked: no token or WABA id (dry run)');
    return { status: 'not checked', category: '' };
  }
  const found = (await client.listTemplates(wabaId, { name: c.template.name, language: c.template.language })).find(
    (t) => t.name === c.template.name && t.language === c.template.language,
  );
  if (!found) {
    throw new UpstreamError(`template ${label} does not exist in WABA ${wabaId}`, { code: 'template-missing', hint: 'check the name and language in the campaign file, or create the template (wa-ops lint-template first)' });
  }
  if (found.status !== 'APPROVED') {
    throw new UpstreamError(`template ${label} is ${found.status}, not APPROVED`, { code: 'template-not-approved', hint: found.status === 'PAUSED' ? 'wait out the pause or unpause it in WhatsApp Manager' : 'wait for approval, or fix the template and resubmit' });
  }
  const problems = mappingProblems(c, templateShape(found));
  if (problems.length > 0) {
    throw new InputError(`the campaign's parameters do not match template ${label}: ${problems.join('; ')}`, { code: 'parameters-mismatch', hint: 'fix "parameters" in the campaign file' });
  }
  return { status: found.status, category: found.category };
}

async function confirm(f: Flags, count: number): Promise<void> {
  if (f.yes) return;
  if (!term().interactive) {
    throw new UsageError(`about to send ${count} messages: pass --yes to confirm when not running in a terminal`, { code: 'confirmation-required' });
  }
  const { confirm: ask } = await import('@inquirer/prompts');
  const ok = await ask({ message: `Send ${count} messages now?`, default: false }, { output: process.stderr });
  if (!ok) throw new UsageError('cancelled: nothing was sent', { code: 'cancelled' });
}

function planOf(
  cf: ReturnType<typeof loadCampaignFile>,
  list: Awaited<ReturnType<typeof loadRecipients>>,
  template: { status: string; category: string },
  skipped: Record<string, number>,
  toSend: number,
  alreadySent: number,
  alreadyFailed: number,
  unknown: number,
  senders: string[],
  intervalMs: number,
  f: Flags,
  cooldownUntil: string | undefined,
  policies: PlanPolicies,
): Plan {
  return {
    campaign: cf.campaign.name,
    template: `${cf.campaign.template.name}:${cf.campaign.template.language}`,
    templateStatus: template.status,
    category: template.category,
    rows: list.rows,
    recipients: list.recipients.length,
    skipped,
    alreadySent,
    alreadyFailed,
    unknown,
    toSend,
    senders,
    intervalMs,
    dailyLimit: cf.campaign.dailyLimit,
    cooldownUntil,
    ledger: cf.ledgerPath,
    sample: f.sample,
    limit: f.limit === undefined ? undefined : Number(f.limit),
    policies,
  };
}

