/** Campaign checks: list size against the messaging limit, pace against throughput, parameters against the template. */
import { formatDuration } from '../campaign/duration.js';
import { tierSize } from '../campaign/policies.js';
import { fail, pass, warn, type CheckResult } from './types.js';
import { fmtCount, plural } from '../plural.js';

/** What the campaign checks are decided from: size, pace, limits, mapping, window, media and cost. */
export interface CampaignFacts {
  name: string;
  recipients: number;
  senders: number;
  intervalMs: number;
  dailyLimit?: number;
  tier?: string;
  throughputLevel?: string;
  /** Differences between the mapping and the template (undefined when the template could not be read). */
  mappingProblems?: string[];
  window?: { text: string; openNow: number; waiting: number; multiZone: { region: string; zone: string }[] };
  media?: { kind: string; source: string; problems: string[]; warnings: string[] };
  cost?: { currency: string; total: number; date: string; unlistedMessages: number };
}

/** campaign.messaging-limit, campaign.pace, campaign.parameters. */
export function campaignChecks(c: CampaignFacts): CheckResult[] {
  const out: CheckResult[] = [];
  const limit = tierSize(c.tier);
  const perDay = Math.min(limit ?? Infinity, c.dailyLimit ?? Infinity);
  if (perDay === Infinity) out.push(pass('campaign.messaging-limit', 'List size vs messaging limit', `${plural(c.recipients, 'recipient')}; no daily limit applies`));
  else {
    const days = Math.ceil(c.recipients / perDay);
    const detail = `${plural(c.recipients, 'recipient')} at ${fmtCount(perDay)} unique users per 24 h: ${plural(days, 'day')}`;
    if (c.dailyLimit !== undefined && limit !== undefined && c.dailyLimit > limit) out.push(fail('campaign.messaging-limit', 'List size vs messaging limit', `dailyLimit ${c.dailyLimit} is above the account's ${c.tier} (${limit})`, `lower dailyLimit to ${limit} or less: sends beyond the tier fail`));
    else if (days > 1) out.push(warn('campaign.messaging-limit', 'List size vs messaging limit', detail, 'the run pauses at the limit and resumes as the rolling window allows (exit 75 with --no-wait); raise the tier by sending quality messages'));
    else out.push(pass('campaign.messaging-limit', 'List size vs messaging limit', detail));
  }
  const perSecond = (1000 / c.intervalMs) * c.senders;
  const mps = c.throughputLevel === 'HIGH' ? 1000 : 80;
  const eta = formatDuration((c.recipients / Math.max(c.senders, 1)) * c.intervalMs);
  if (perSecond > mps * c.senders) out.push(fail('campaign.pace', 'Pace vs throughput', `${perSecond.toFixed(1)} messages/s is above ${mps}/s per number`, `slow down with --interval or --rate (at most ${mps}/s per sender)`));
  else if (perSecond > mps * c.senders * 0.8) out.push(warn('campaign.pace', 'Pace vs throughput', `${perSecond.toFixed(1)} messages/s is near the ${mps}/s limit; ETA ${eta}`, 'leave headroom: inbound messages count against throughput too'));
  else out.push(pass('campaign.pace', 'Pace vs throughput', `one message every ${formatDuration(c.intervalMs)} per sender, ${plural(c.senders, 'sender')}: ETA ${eta}`));
  if (c.window) {
    const zones = c.window.multiZone.map((m) => `${m.region} timed by ${m.zone}`).join(', ');
    const detail = `${c.window.text}: ${plural(c.window.openNow, 'recipient')} inside their window now, ${fmtCount(c.window.waiting)} outside${zones ? `; ${zones} (most populous zone)` : ''}`;
    out.push(c.window.openNow === 0 && c.window.waiting > 0 ? warn('campaign.window', 'Send window', detail, 'a run started now waits for the window (exit 75 with --no-wait)') : pass('campaign.window', 'Send window', detail));
  }
  if (perDay !== Infinity && c.recipients > 0) {
    const hoursToBudget = (Math.min(perDay, c.recipients) / perSecond) / 3600;
    out.push(pass('campaign.budget', 'When the 24 h budget runs out', `${plural(Math.min(perDay, c.recipients), 'recipient')} at this pace take ${formatDuration(hoursToBudget * 3_600_000)}${c.recipients > perDay ? `; then the run pauses until the rolling window frees up` : ''}`));
  }
  if (c.media) {
    const title = `Header ${c.media.kind}`;
    if (c.media.problems.length) out.push(fail('campaign.media', title, `${c.media.source}: ${c.media.problems.join('; ')}`, 'images: JPEG or PNG up to 5 MB; videos: MP4 or 3GPP up to 16 MB; documents up to 100 MB'));
    else if (c.media.warnings.length) out.push(warn('campaign.media', title, `${c.media.source}: ${c.media.warnings.join('; ')}`, 'make the file smaller'));
    else out.push(pass('campaign.media', title, c.media.source));
  }
  if (c.cost) {
    out.push(pass('campaign.cost', 'Cost estimate', `about ${c.cost.currency} ${c.cost.total.toFixed(2)} (rates of ${c.cost.date})${c.cost.unlistedMessages ? `; ${plural(c.cost.unlistedMessages, 'message')} priced at the highest rate (region unknown)` : ''}`, 'put your rate card in "pricing" in wa-ops.config.json'));
  }
  if (c.mappingProblems === undefined) out.push(warn('campaign.parameters', 'Parameters vs template', 'not checked: the template could not be read', 'see the template check'));
  else if (c.mappingProblems.length) out.push(fail('campaign.parameters', 'Parameters vs template', c.mappingProblems.join('; '), 'fix "parameters" in the campaign file'));
  else out.push(pass('campaign.parameters', 'Parameters vs template', 'every variable is mapped'));
  return out;
}
