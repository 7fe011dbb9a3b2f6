/** Terminal rendering of a campaign: the plan before sending and the summary after. */
import Table from 'cli-table3';
import type { CampaignSummary } from '../core/campaign/ledger-state.js';
import type { PlanPolicies } from '../core/campaign/plan-policies.js';
import { formatDuration } from '../core/campaign/duration.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';
import { plural } from './plural.js';

/** A time in the user's local time zone, with its offset: "2026-12-02 14:05:03 (UTC+01:00)". */
export function localTimeText(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} (UTC${off < 0 ? '-' : '+'}${pad(off / 60)}:${pad(off % 60)})`;
}

/** Why and until when a cooldown holds: "130429 on sender 1098...: <reason>, until <local time>". */
export function cooldownText(c: { until: string; code?: number | string; sender?: string; reason?: string }): string {
  const what = c.code === 'budget' ? 'daily budget' : c.code === 'waiting' ? 'waiting' : `code ${String(c.code ?? '?')}`;
  const who = c.sender ? ` on sender ${c.sender}` : '';
  const reason = c.reason ? `: ${c.reason}` : '';
  return `${what}${who}${reason}; until ${localTimeText(Date.parse(c.until))}`;
}

/** What the plan shows before a send: campaign, template, counts, skips and policies. */
export interface Plan {
  campaign: string;
  template: string;
  templateStatus: string;
  category: string;
  rows: number;
  recipients: number;
  skipped: Record<string, number>;
  alreadySent: number;
  alreadyFailed: number;
  unknown: number;
  /** --retry-unknown: the unknown ones are resent by this run. */
  retryUnknown?: boolean;
  toSend: number;
  senders: string[];
  intervalMs: number;
  dailyLimit?: number;
  cooldownUntil?: string;
  cooldown?: { until: string; code?: number | string; sender?: string; reason?: string };
  ledger: string;
  sample?: boolean;
  limit?: number;
  policies?: PlanPolicies;
}

// The list preparation names its skip reasons as plural labels; one row reads in the singular.
const SINGULAR: Record<string, string> = {
  'duplicate rows': 'duplicate row',
  'invalid numbers': 'invalid number',
  'rows with unusable parameter values': 'row with unusable parameter values',
};

/** "1 duplicate row", "2 duplicate rows", "1,634 invalid numbers". */
export function skipCount(reason: string, n: number): string {
  return `${fmtInt(n)} ${n === 1 ? (SINGULAR[reason] ?? reason) : reason}`;
}

/** The plan, shown before anything is sent. */
export function renderPlan(p: Plan): string {
  const perSecond = (1000 / p.intervalMs) * p.senders.length;
  const etaMs = (p.toSend / Math.max(p.senders.length, 1)) * p.intervalMs;
  const lines = [
    paint('bold', `Campaign ${p.campaign}`),
    `  template     ${p.template} (${p.templateStatus}${p.category ? `, ${p.category}` : ''})`,
    `  list         ${plural(p.rows, 'row')}: ${plural(p.recipients, 'valid unique recipient')}`,
  ];
  for (const [reason, n] of Object.entries(p.skipped)) lines.push(`  skipped      ${skipCount(reason, n)}`);
  if (p.alreadySent || p.alreadyFailed || p.unknown) {
    const unknownNote = p.retryUnknown ? (p.unknown ? 'resent now: those who got it get it twice' : 'none to resend') : 'not resent without --retry-unknown';
    lines.push(`  resuming     ${fmtInt(p.alreadySent)} already sent, ${fmtInt(p.alreadyFailed)} failed, ${fmtInt(p.unknown)} unknown (${unknownNote})`);
  }
  lines.push(
    `  to send now  ${paint('bold', fmtInt(p.toSend))}${p.sample ? ' (the 10 % pilot sample)' : ''}${p.limit !== undefined ? ` (--limit ${p.limit})` : ''}`,
    `  pace         one message every ${formatDuration(p.intervalMs)} per sender, ${plural(p.senders.length, 'sender')}: ${perSecond >= 1 ? `${perSecond.toFixed(1)}/s` : `${(perSecond * 60).toFixed(1)}/min`}`,
    `  ETA          ${formatDuration(etaMs)}`,
  );
  if (p.dailyLimit !== undefined) {
    const days = Math.ceil(p.toSend / p.dailyLimit);
    lines.push(`  daily limit  ${fmtInt(p.dailyLimit)} unique recipients per rolling 24 h${days > 1 ? `: about ${plural(days, 'day')}; the run pauses at the limit and resumes when the window allows` : ''}`);
  }
  if (p.cooldown) lines.push(paint('yellow', `  cooldown     ${cooldownText(p.cooldown)}`));
  else if (p.cooldownUntil) lines.push(paint('yellow', `  cooldown     in force until ${localTimeText(Date.parse(p.cooldownUntil))}`));
  if (p.policies) lines.push(...renderPolicies(p.policies));
  lines.push(`  ledger       ${p.ledger}`);
  return lines.join('\n');
}

function money(n: number, currency: string): string {
  return `${currency} ${n.toFixed(2)}`;
}

/** The policy lines of a plan: window, budget, cost, failover. */
function renderPolicies(p: PlanPolicies): string[] {
  const lines: string[] = [];
  if (p.where) {
    const w = p.where;
    const who = [w.display, w.businessName && `"${w.businessName}"`].filter(Boolean).join(' ');
    lines.push(`  sends from   ${who ? `${who} ` : ''}(phone number id ${w.senders.join(', ')}${w.wabaId ? `, WABA ${w.wabaId}` : ''})`);
    lines.push(w.notMeta ? paint('red', `  Graph API    ${w.graphUrl}  <-- NOT META'S API (a sandbox, a proxy or a mistake): nobody receives these messages from Meta`) : `  Graph API    ${w.graphUrl}`);
  }
  if (p.window) {
    lines.push(`  window       ${p.window.text} in each recipient's local time: ${fmtInt(p.window.openNow)} inside now, ${fmtInt(p.window.waiting)} wait for theirs`);
    for (const m of p.window.multiZone) lines.push(paint('gray', `               ${m.region} spans several time zones: ${plural(m.recipients, 'recipient')} timed by ${m.zone} (the most populous)`));
    if (p.window.unknownZone) lines.push(paint('gray', `               ${plural(p.window.unknownZone, 'recipient')} in regions without a known zone ${p.window.unknownZone === 1 ? 'is' : 'are'} timed in UTC`));
  }
  if (p.budget) lines.push(`  budget       ${fmtInt(p.budget.limit)} unique recipients per 24 h (${p.budget.source}): warning at ${fmtInt(p.budget.warnAt)}, pause at ${fmtInt(p.budget.pauseAt)}`);
  const c = p.cost;
  const top = c.byRegion.slice(0, 4).map((r) => `${r.region} ${fmtInt(r.messages)} × ${r.rate}${r.listed ? '' : '*'}`).join(', ');
  // Nothing left to send: no breakdown (and no colon left hanging).
  lines.push(`  cost         about ${money(c.total, c.currency)} (${c.category}, rates of ${c.date})${top ? `: ${top}${c.byRegion.length > 4 ? ', ...' : ''}` : ''}`);
  if (c.unlistedMessages) lines.push(paint('gray', `               * ${plural(c.unlistedMessages, 'message')} to numbers of no known country, priced at the highest rate: put your rate card in "pricing" in wa-ops.config.json`));
  if (p.media) {
    const size = p.media.size === undefined ? 'size unknown' : `${(p.media.size / 1024).toFixed(0)} KB`;
    lines.push(`  media        header ${p.media.kind} ${p.media.source} (${p.media.mime ?? 'type unknown'}, ${size}): ${p.media.local ? 'uploaded once per sender, sent by id' : 'sent by link'}`);
  }
  if (p.graphUrls.length > 1) lines.push(`  failover     ${p.graphUrls.join(' -> ')} (on connect failures only)`);
  for (const n of p.notices) lines.push(paint('yellow', `  note         ${n}`));
  return lines;
}

/** The summary after a run or for status. */
export function renderSummary(s: CampaignSummary, extra?: { outcome?: string; thisRun?: { sent: number; failed: number } }): string {
  const t = new Table({ head: ['total', 'sent', 'delivered', 'read', 'failed', 'unknown', 'pending', 'skipped'].map((h) => paint('bold', h)), style: { head: [], border: [] } });
  t.push([s.total, s.sent, s.delivered, s.read, s.failed, s.unknown, s.pending, s.skipped].map(fmtInt));
  const lines = [`${paint('bold', s.campaign)}${extra?.outcome ? `  ${outcomeText(extra.outcome)}` : ''}`, t.toString()];
  if (extra?.thisRun) lines.push(`this run: ${fmtInt(extra.thisRun.sent)} sent, ${fmtInt(extra.thisRun.failed)} failed`);
  const failures = Object.entries(s.failures);
  if (failures.length) lines.push(`failures by code: ${failures.map(([c, n]) => `${c} × ${fmtInt(n)}`).join(', ')}`);
  if (s.cooldownUntil) lines.push(paint('yellow', `cooldown until ${localTimeText(Date.parse(s.cooldownUntil))}`));
  return lines.join('\n');
}

function outcomeText(outcome: string): string {
  if (outcome === 'done') return paint('green', 'done');
  if (outcome === 'paused') return paint('yellow', 'paused');
  return paint('red', outcome);
}
