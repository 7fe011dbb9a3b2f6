/** One frame of `status --watch`: the counts table, rate, ETA, cooldown and the latest failures. */
import { formatDuration } from '../core/campaign/duration.js';
import type { CampaignSummary } from '../core/campaign/ledger-state.js';
import type { WatchFigures } from '../core/campaign/watch-figures.js';
import { localTimeText, renderSummary } from './campaign-report.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';

/** The frame for a terminal. */
export function renderWatchFrame(s: CampaignSummary, f: WatchFigures, now: number, intervalMs: number): string {
  const lines = [renderSummary(s)];
  const eta = f.etaMs === null ? (s.pending > 0 ? 'not sending now' : 'nothing pending') : formatDuration(f.etaMs);
  lines.push(`rate ${formatRate(f.ratePerSec)} (last minute)   ETA ${eta}`);
  const until = s.cooldownUntil ? Date.parse(s.cooldownUntil) : NaN;
  if (until > now) lines.push(paint('yellow', `cooldown: ${formatDuration(until - now)} left (until ${localTimeText(until)})`));
  if (f.latestFailures.length) {
    lines.push('latest failures:');
    for (const x of f.latestFailures) lines.push(paint('red', `  ${x.recipient || '(no number)'}  #${x.code}  ${x.details}`.trimEnd()));
  }
  lines.push(paint('gray', `${localTimeText(now)}  refreshed every ${formatDuration(intervalMs)}; Ctrl-C to stop`));
  return lines.join('\n');
}

/** A one-line form for logs and pipes. */
export function renderWatchLine(s: CampaignSummary, f: WatchFigures, now: number): string {
  const cooldown = s.cooldownUntil && Date.parse(s.cooldownUntil) > now ? `, cooldown until ${localTimeText(Date.parse(s.cooldownUntil))}` : '';
  return `${new Date(now).toISOString()} ${s.campaign}: sent ${fmtInt(s.sent)} (delivered ${fmtInt(s.delivered)}, read ${fmtInt(s.read)}), failed ${fmtInt(s.failed)}, pending ${fmtInt(s.pending)}, unknown ${fmtInt(s.unknown)}, ${formatRate(f.ratePerSec)}, ETA ${f.etaMs === null ? '-' : formatDuration(f.etaMs)}${cooldown}`;
}

function formatRate(perSec: number): string {
  return perSec >= 1 ? `${perSec.toFixed(1)}/s` : `${(perSec * 60).toFixed(1)}/min`;
}
