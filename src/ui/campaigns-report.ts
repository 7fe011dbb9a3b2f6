/** `wa-ops campaigns`: one aligned line per campaign. */
import type { CampaignPhase, OverviewRow } from '../core/campaign/overview.js';
import { localTimeText } from './campaign-report.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';

const COLOUR: Partial<Record<CampaignPhase, 'green' | 'yellow' | 'red' | 'cyan' | 'gray'>> = {
  running: 'cyan',
  done: 'green',
  paused: 'yellow',
  stopped: 'yellow',
  interrupted: 'yellow',
  aborted: 'red',
  invalid: 'red',
  'not started': 'gray',
};

function progress(r: OverviewRow): string {
  if (r.state === 'invalid') return r.problem ?? '';
  if (r.state === 'not started' && r.total === 0) return '-';
  const sendable = r.total - r.skipped;
  if (r.state === 'not started') return `${fmtInt(sendable)} to send${r.skipped ? `, ${fmtInt(r.skipped)} skipped (invalid, duplicate or unusable values)` : ''}`;
  const head = `${fmtInt(r.sent + r.failed)}/${fmtInt(sendable)} (${Math.floor(r.progress * 100)} %)`;
  const parts = [`${fmtInt(r.delivered)} delivered`, `${fmtInt(r.read)} read`, `${fmtInt(r.failed)} failed`];
  if (r.unknown) parts.push(`${fmtInt(r.unknown)} unknown`);
  if (r.cooldownUntil && r.state === 'paused') parts.push(`cooldown until ${localTimeText(Date.parse(r.cooldownUntil))}`);
  return `${head}: ${parts.join(', ')}`;
}

/** The lines, with a header; widths from the content so each campaign stays on one line. */
export function renderCampaigns(rows: readonly OverviewRow[]): string {
  const cells = rows.map((r) => [r.name, r.state, r.lastActivity ? localTimeText(Date.parse(r.lastActivity)) : '-', r.file || (r.campaignId ? `(store) ${r.campaignId}` : `(ledger only) ${r.ledger}`), progress(r)]);
  const head = ['campaign', 'state', 'last activity', 'file', 'progress'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[], colour?: (i: number, s: string) => string) => c.map((s, i) => (colour ? colour(i, s.padEnd(width[i])) : s.padEnd(width[i]))).join('  ').trimEnd();
  return [
    paint('bold', line(head)),
    ...cells.map((c, k) => line(c, (i, s) => (i === 1 && COLOUR[rows[k].state] ? paint(COLOUR[rows[k].state]!, s) : s))),
  ].join('\n');
}
