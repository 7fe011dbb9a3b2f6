/** The demo's sending steps: a campaign through a rate-limit cooldown, its resume, the status webhooks, the final report. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignSummary } from '../../core/campaign/ledger-state.js';
import { signBody } from '../../core/webhook/signature.js';
import { localTimeText, renderSummary } from '../../ui/campaign-report.js';
import { paint } from '../../ui/output.js';
import { plural } from '../../ui/plural.js';
import { campaignSummary, runChild, sendSummary, type ChildResult } from './child.js';
import type { DemoStage } from './stage.js';

/** What the two send runs did: the first stops at the cooldown (exit 75), the resume finishes (exit 0). */
export interface SendRuns {
  campaign: string;
  first: ChildResult;
  second: ChildResult;
  report: { first: { exit: number | null; outcome: string; sent: number }; resume: { exit: number | null; outcome: string; sent: number } };
}

/** Steps: send until the sandbox forces a 130429 cooldown (--no-wait), then resume with the same command. */
export async function sendSteps(s: DemoStage): Promise<SendRuns> {
  s.say('Send a campaign, through a rate-limit cooldown', 'Paced sends with a ledger. After a few messages the sandbox answers 130429 (throughput limit): the cooldown is written to the ledger and this run stops with exit 75 (--no-wait).');
  writeFileSync(
    join(s.dir, 'spring-sale.json'),
    JSON.stringify({ name: 'spring-sale', recipients: 'customers.valid.csv', phoneColumn: 'e164', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, pace: { interval: '150ms' } }, null, 2),
  );
  const campaign = join(s.dir, 'spring-sale.json');
  // After the third accepted message, not after a fixed time: on a slow or busy machine the pre-flight alone
  // can take longer than any delay, and the first message would then be the one refused (0 sent).
  const force = setInterval(() => {
    if (s.sandbox.state.messages.length < 3) return;
    clearInterval(force);
    s.sandbox.state.forced.push({ code: 130429, remaining: 1 });
  }, 5);
  const first = await runChild(['send', '--campaign', campaign, '--cooldown', '3s', '--no-wait', '--yes', '--json'], s);
  clearInterval(force);
  const s1 = sendSummary(first);
  s.show(`${renderSummary(s1, s1)}\n${paint('yellow', `exit ${first.code}: paused until ${s1.cooldownUntil ? localTimeText(Date.parse(s1.cooldownUntil)) : 'later'}`)}`);

  s.say('Resume', 'The same command again: it waits out what is left of the cooldown, then sends to exactly those not yet sent. Nobody gets the message twice.');
  const second = await runChild(['send', '--campaign', campaign, '--yes', '--json'], s);
  const s2 = sendSummary(second);
  s.show(`${renderSummary(s2, s2)}\nexit ${second.code}`);
  const report = { first: { exit: first.code, outcome: s1.outcome, sent: s1.thisRun.sent }, resume: { exit: second.code, outcome: s2.outcome, sent: s2.thisRun.sent } };
  return { campaign, first, second, report };
}

/** Step: the sandbox's signed status callbacks arrive; a customer's STOP lands on the suppression list. */
export async function webhookStep(s: DemoStage): Promise<void> {
  s.say('Status webhooks flow back', 'The sandbox calls the local webhook server with signed sent/delivered/read callbacks (and one failure for a number not on WhatsApp); each is verified and stored durably in the events file, which send and status fold into the campaign state. One customer replies STOP and lands on the suppression list.');
  const o = s.sandbox.state.o;
  const stop = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: o.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: o.phoneNumberId }, messages: [{ from: '491712345678', id: 'wamid.demo-stop', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'STOP' } }] } }] }] });
  await fetch(s.webhook.url, { method: 'POST', body: stop, headers: { 'x-hub-signature-256': signBody(stop, s.secret), 'content-type': 'application/json' } });
  await new Promise((r) => setTimeout(r, 600));
  await s.sandbox.webhooks.idle();
  await s.webhook.idle();
  const st = s.webhook.stats;
  s.show(`webhook server: ${plural(st.recorded, 'event')} stored, ${plural(st.duplicates, 'duplicate delivery', 'duplicate deliveries')} ignored, ${plural(st.suppressed, 'opt-out')} suppressed`);
}

/** Step: status and webhook analyze, as a user would run them after the campaign. */
export async function statusStep(s: DemoStage, campaign: string): Promise<CampaignSummary> {
  s.say('Final status report', 'wa-ops status reads the ledger and the webhook events: sent, delivered, read, failed by code. wa-ops webhook analyze adds latencies and the funnel.');
  const status = await runChild(['status', '--campaign', campaign, '--json'], s);
  const final = campaignSummary(status);
  s.show(renderSummary(final));
  const analysis = await runChild(['webhook', 'analyze', join(s.dir, 'webhook-events.jsonl'), '--campaigns', s.dir, '--html', join(s.dir, 'report.html')], s);
  s.show(analysis.stdout.trimEnd());
  return final;
}
