/** wa-ops demo: the whole flow against an in-process sandbox and webhook server, in a temporary folder (CONTRACT §10). */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CampaignSummary } from '../core/campaign/ledger-state.js';
import { signBody } from '../core/webhook/signature.js';
import { loadConfig } from '../io/config.js';
import { validateFile } from '../io/numbers/validate-file.js';
import { localTimeText, renderSummary } from '../ui/campaign-report.js';
import { renderNumbersReport } from '../ui/numbers-report.js';
import { out, outJson, paint } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/wa-ops.js', import.meta.url));
const SECRET = 'demo-app-secret';
const VERIFY = 'demo-verify-token';

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run the demo; returns the exit code. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-demo-'));
  const json = term().json;
  let step = 0;
  const say = (title: string, text = '') => {
    if (json) return;
    process.stderr.write(`\n${paint('cyan', `── ${++step}. ${title}`)}\n${text ? `${paint('gray', text)}\n` : ''}`);
  };
  const show = (text: string) => {
    if (!json) out(text);
  };
  const { startSandbox } = await import('../sandbox/server.js');
  const { startWebhookServer } = await import('../webhook/server.js');
  const webhook = await startWebhookServer({
    port: 0,
    host: '127.0.0.1',
    path: '/webhook',
    appSecret: SECRET,
    verifyToken: VERIFY,
    eventsPath: join(dir, 'webhook-events.jsonl'),
    campaignDirs: [dir],
    suppressionsPath: join(dir, 'wa-ops.suppressions.jsonl'),
  });
  // One customer is not on WhatsApp: accepted, then a failed status with 131026, as with the real API.
  const sandbox = await startSandbox({ webhookUrl: webhook.url, appSecret: SECRET, statusDelayMs: 150, seed: 42, undeliverable: ['+41791234567'] });
  const env = {
    WA_OPS_GRAPH_URL: sandbox.url,
    WA_OPS_TOKEN: 'sandbox-token',
    WA_OPS_PHONE_NUMBER_ID: sandbox.state.o.phoneNumberId,
    WA_OPS_WABA_ID: sandbox.state.o.wabaId,
    WA_OPS_APP_SECRET: SECRET,
    WA_OPS_VERIFY_TOKEN: VERIFY,
    WA_OPS_SUPPRESSIONS: join(dir, 'wa-ops.suppressions.jsonl'),
    // send and status fold the events file that the webhook server writes (one writer per file).
    WA_OPS_EVENTS: join(dir, 'webhook-events.jsonl'),
  };
  const result: Record<string, unknown> = { folder: dir };
  try {
    if (!json) process.stderr.write(paint('bold', 'wa-ops demo: a whole campaign against a local imitation of the Cloud API. No account, no network.\n'));
    say('Validate the customer list', 'A CRM export with mixed formats, an Excel-mangled cell, a missing number and a duplicate: every row gets a reason, the valid unique rows go to a new file.');
    copyFileSync(join(fixtures, 'numbers', 'customers-de.csv'), join(dir, 'customers.csv'));
    const numbers = await validateFile({ file: join(dir, 'customers.csv'), country: 'DE', validOut: join(dir, 'customers.valid.csv'), samplePercent: 10, seed: 42, sampleOnly: false, mobileOnly: false });
    show(renderNumbersReport(numbers, [{ label: 'Valid unique rows', path: join(dir, 'customers.valid.csv') }]));
    result.validate = numbers;

    say('Lint templates before submitting them', 'A clean order update passes; a promotion with "30 % Rabatt" and "VIP" would be rejected or re-categorised by Meta.');
    const { lintTemplate } = await import('../core/lint/engine.js');
    const { loadTemplateFile } = await import('../io/templates.js');
    const { renderStylish } = await import('../ui/lint/stylish.js');
    const lint = ['clean/order_shipped.json', 'faulty/discount-percentage.json', 'faulty/abbreviation-de.json'].flatMap((f) => loadTemplateFile(join(fixtures, 'templates', f), {})).map((l) => lintTemplate(l.template, l.source));
    const errors = lint.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
    const warnings = lint.reduce((n, r) => n + r.findings.length, 0) - errors;
    show(renderStylish(lint, errors, warnings));
    result.lint = { templates: lint.length, errors, warnings };

    say('Doctor: is the account ready?', 'Token, phone number, quality, limits, templates and the webhook endpoint. The local endpoint is plain HTTP, so webhook.https fails here as it should; everything else passes.');
    const { doctor } = await import('./doctor.js');
    const { renderDoctor } = await import('../ui/doctor-report.js');
    const report = await doctor({ template: ['spring_sale:de'], webhookUrl: webhook.url }, loadConfig({ env, cwd: dir }));
    show(renderDoctor(report.checks, report.ok, false));
    result.doctor = { ok: report.ok, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) };

    say('Send a campaign, through a rate-limit cooldown', 'Paced sends with a ledger. After a few messages the sandbox answers 130429 (throughput limit): the cooldown is written to the ledger and this run stops with exit 75 (--no-wait).');
    writeFileSync(
      join(dir, 'spring-sale.json'),
      JSON.stringify({ name: 'spring-sale', recipients: 'customers.valid.csv', phoneColumn: 'e164', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, pace: { interval: '150ms' } }, null, 2),
    );
    const campaign = join(dir, 'spring-sale.json');
    // After the third accepted message, not after a fixed time: on a slow or busy machine the pre-flight alone
    // can take longer than any delay, and the first message would then be the one refused (0 sent).
    const force = setInterval(() => {
      if (sandbox.state.messages.length < 3) return;
      clearInterval(force);
      sandbox.state.forced.push({ code: 130429, remaining: 1 });
    }, 5);
    const first = await runChild(['send', '--campaign', campaign, '--cooldown', '3s', '--no-wait', '--yes', '--json'], env);
    clearInterval(force);
    const s1 = JSON.parse(first.stdout) as CampaignSummary & { outcome: string; thisRun: { sent: number; failed: number } };
    show(`${renderSummary(s1, s1)}\n${paint('yellow', `exit ${first.code}: paused until ${s1.cooldownUntil ? localTimeText(Date.parse(s1.cooldownUntil)) : 'later'}`)}`);

    say('Resume', 'The same command again: it waits out what is left of the cooldown, then sends to exactly those not yet sent. Nobody gets the message twice.');
    const second = await runChild(['send', '--campaign', campaign, '--yes', '--json'], env);
    const s2 = JSON.parse(second.stdout) as CampaignSummary & { outcome: string; thisRun: { sent: number; failed: number } };
    show(`${renderSummary(s2, s2)}\nexit ${second.code}`);
    result.send = { first: { exit: first.code, outcome: s1.outcome, sent: s1.thisRun.sent }, resume: { exit: second.code, outcome: s2.outcome, sent: s2.thisRun.sent } };

    say('Status webhooks flow back', 'The sandbox calls the local webhook server with signed sent/delivered/read callbacks (and one failure for a number not on WhatsApp); each is verified and stored durably in the events file, which send and status fold into the campaign state. One customer replies STOP and lands on the suppression list.');
    const stop = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: sandbox.state.o.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: sandbox.state.o.phoneNumberId }, messages: [{ from: '491712345678', id: 'wamid.demo-stop', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'STOP' } }] } }] }] });
    await fetch(webhook.url, { method: 'POST', body: stop, headers: { 'x-hub-signature-256': signBody(stop, SECRET), 'content-type': 'application/json' } });
    await new Promise((r) => setTimeout(r, 600));
    await sandbox.webhooks.idle();
    await webhook.idle();
    show(`webhook server: ${plural(webhook.stats.recorded, 'event')} stored, ${plural(webhook.stats.duplicates, 'duplicate delivery', 'duplicate deliveries')} ignored, ${plural(webhook.stats.suppressed, 'opt-out')} suppressed`);

    say('Final status report', 'wa-ops status reads the ledger and the webhook events: sent, delivered, read, failed by code. wa-ops webhook analyze adds latencies and the funnel.');
    const status = await runChild(['status', '--campaign', campaign, '--json'], env);
    const final = JSON.parse(status.stdout) as CampaignSummary;
    show(renderSummary(final));
    const analysis = await runChild(['webhook', 'analyze', join(dir, 'webhook-events.jsonl'), '--campaigns', dir, '--html', join(dir, 'report.html')], env);
    show(analysis.stdout.trimEnd());
    result.status = final;
    result.elapsedMs = Date.now() - started;
    if (json) outJson(result);
    else {
      process.stderr.write(`\n${paint('green', `✔ demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)}\n`);
      process.stderr.write(`${flags.keep ? `Files kept in ${dir} (ledger, events, report.html). ` : 'Run with --keep to look at the ledger, the events and report.html. '}Next: wa-ops sandbox, then point WA_OPS_GRAPH_URL at it and try each command.\n`);
    }
    const ok = second.code === 0 && first.code === 75 && final.pending === 0;
    return ok ? 0 : 1;
  } finally {
    await sandbox.close();
    await webhook.close();
    if (!flags.keep) rmSync(dir, { recursive: true, force: true });

  }
}
