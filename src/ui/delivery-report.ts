/** The delivery report of webhook analyze: terminal tables, and a self-contained HTML page. */
import Table from 'cli-table3';
import type { DeliveryReport, Percentiles } from '../core/webhook/analysis.js';
import { formatDuration } from '../core/campaign/duration.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)} %` : '–');
const secs = (v: number | null) => (v === null ? '–' : formatDuration(v * 1000));

/** Tables for the terminal. */
export function renderDeliveryReport(r: DeliveryReport): string {
  const parts = [paint('bold', `${fmtInt(r.events)} events: ${fmtInt(r.statuses)} statuses for ${fmtInt(r.messages)} messages, ${fmtInt(r.inbound)} inbound messages`)];
  const f = new Table({ head: ['campaign', 'template', 'accepted', 'sent', 'delivered', 'read', 'failed', 'read coverage', 'no status'].map((h) => paint('bold', h)), style: { head: [], border: [] } });
  for (const x of r.funnels) f.push([x.campaign, x.template, fmtInt(x.accepted), fmtInt(x.sent), `${fmtInt(x.delivered)} (${pct(x.delivered, x.accepted)})`, fmtInt(x.read), fmtInt(x.failed), pct(x.read, x.delivered), fmtInt(x.noStatus)]);
  parts.push(f.toString());
  const l = new Table({ head: ['latency', 'count', 'p50', 'p90', 'p99'].map((h) => paint('bold', h)), style: { head: [], border: [] } });
  const row = (name: string, p: Percentiles) => l.push([name, fmtInt(p.count), secs(p.p50), secs(p.p90), secs(p.p99)]);
  row('sent → delivered', r.latency.sentToDelivered);
  row('delivered → read', r.latency.deliveredToRead);
  row('sent → read', r.latency.sentToRead);
  parts.push(l.toString());
  if (r.failures.length) {
    const t = new Table({ head: ['code', 'count', 'action', 'what to do'].map((h) => paint('bold', h)), colWidths: [10, 8, 18, 62], wordWrap: true, style: { head: [], border: [] } });
    for (const x of r.failures) t.push([x.code, fmtInt(x.count), x.action, x.todo]);
    parts.push(t.toString());
    parts.push(`failures by country: ${Object.entries(r.failuresByCountry).map(([c, n]) => `${c} ${fmtInt(n)}`).join(' · ')}`);
  }
  return parts.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One self-contained HTML page (inline CSS and SVG, no scripts, no network). */
export function deliveryHtml(r: DeliveryReport, title: string): string {
  const bar = (label: string, n: number, max: number, colour: string) => {
    const w = max ? Math.round((n / max) * 520) : 0;
    return `<div class="bar"><span class="label">${esc(label)}</span><svg width="540" height="22" role="img" aria-label="${esc(label)} ${n}"><rect width="${w}" height="18" y="2" rx="3" fill="${colour}"/><text x="${w + 6}" y="16">${n.toLocaleString('en-US')}</text></svg></div>`;
  };
  const funnels = r.funnels
    .map((f) => {
      const stages: [string, number, string][] = [['accepted', f.accepted, '#64748b'], ['sent', f.sent, '#0ea5e9'], ['delivered', f.delivered, '#22c55e'], ['read', f.read, '#16a34a'], ['failed', f.failed, '#ef4444']];
      return `<section><h2>${esc(f.campaign)}${f.template ? ` <small>${esc(f.template)}</small>` : ''}</h2>${stages.map(([l, n, c]) => bar(l, n, f.accepted, c)).join('')}<p>Read coverage ${pct(f.read, f.delivered)} · ${f.noStatus.toLocaleString('en-US')} accepted without any status</p></section>`;
    })
    .join('');
  const lat = (name: string, p: Percentiles) => `<tr><td>${name}</td><td>${p.count.toLocaleString('en-US')}</td><td>${secs(p.p50)}</td><td>${secs(p.p90)}</td><td>${secs(p.p99)}</td></tr>`;
  const failures = r.failures.map((x) => `<tr><td>${esc(x.code)}</td><td>${x.count.toLocaleString('en-US')}</td><td>${esc(x.action)}</td><td>${esc(x.todo)}</td></tr>`).join('');
  const countries = Object.entries(r.failuresByCountry);
  const maxC = Math.max(0, ...countries.map(([, n]) => n));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:960px;color:#0f172a;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}small{color:#64748b;font-weight:normal}
.bar{display:flex;align-items:center;gap:.5rem}.label{width:6rem;color:#334155}svg text{font-size:12px;fill:#0f172a}
table{border-collapse:collapse;margin:1rem 0;width:100%}td,th{border-bottom:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left}
.muted{color:#64748b}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="muted">${r.events.toLocaleString('en-US')} events · ${r.statuses.toLocaleString('en-US')} statuses for ${r.messages.toLocaleString('en-US')} messages · ${r.inbound.toLocaleString('en-US')} inbound messages</p>
${funnels}
<h2>Latency</h2>
<table><tr><th>stage</th><th>count</th><th>p50</th><th>p90</th><th>p99</th></tr>${lat('sent → delivered', r.latency.sentToDelivered)}${lat('delivered → read', r.latency.deliveredToRead)}${lat('sent → read', r.latency.sentToRead)}</table>
<h2>Failures</h2>
${failures ? `<table><tr><th>code</th><th>count</th><th>action</th><th>what to do</th></tr>${failures}</table>` : '<p>None.</p>'}
${countries.length ? `<h2>Failures by country</h2>${countries.map(([c, n]) => bar(c, n, maxC, '#ef4444')).join('')}` : ''}
<p class="muted">Generated by wa-ops webhook analyze.</p>
</body></html>
`;
}
