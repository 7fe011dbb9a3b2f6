/** The delivery report of webhook analyze: terminal tables, and a self-contained HTML page. */
import { HTML_GENERATOR } from '../core/own-output.js';
import Table from 'cli-table3';
import type { DeliveryReport, Percentiles } from '../core/webhook/analysis.js';
import { formatDuration } from '../core/campaign/duration.js';
import { cleanExternal as c } from '../core/webhook/external-text.js';
import { paint } from './output.js';
import { fmtInt } from './progress.js';
import { plural } from './plural.js';

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)} %` : '–');
const secs = (v: number | null) => (v === null ? '–' : formatDuration(v * 1000));

/** Tables for the terminal. */
export function renderDeliveryReport(r: DeliveryReport): string {
  const parts = [paint('bold', `${plural(r.events, 'event')}: ${plural(r.statuses, 'status', 'statuses')} for ${plural(r.messages, 'message')}, ${plural(r.inbound, 'inbound message')}`)];
  const f = new Table({ head: ['campaign', 'template', 'accepted', 'sent', 'delivered', 'read', 'failed', 'read coverage', 'no status'].map((h) => paint('bold', h)), style: { head: [], border: [] } });
  for (const x of r.funnels) f.push([c(x.campaign, 60), c(x.template, 60), fmtInt(x.accepted), fmtInt(x.sent), `${fmtInt(x.delivered)} (${pct(x.delivered, x.accepted)})`, fmtInt(x.read), fmtInt(x.failed), pct(x.read, x.delivered), fmtInt(x.noStatus)]);
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
    parts.push(`failures by country: ${Object.entries(r.failuresByCountry).map(([k, n]) => `${k} ${fmtInt(n)}`).join(' · ')}`);
  }
  parts.push(...extraSections(r));
  return parts.join('\n');
}

const money = (x: number, currency: string) => `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })} ${currency}`;

/** Account and template events, errors by code, pricing by category (terminal). */
function extraSections(r: DeliveryReport): string[] {
  const parts: string[] = [];
  const head = (h: string[]) => ({ head: h.map((x) => paint('bold', x)), style: { head: [], border: [] } });
  parts.push(paint('bold', 'Account and template events'));
  if (r.management.length) {
    const t = new Table({ ...head(['when', 'what', 'for', 'change', 'what to do']), colWidths: [22, 24, 22, 30, 44], wordWrap: true });
    for (const e of r.management) t.push([e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), c(e.field, 40), c(e.subject, 60), e.severity === 'stop' ? paint('red', c(e.change)) : c(e.change), e.action || '–']);
    parts.push(t.toString());
  } else parts.push('none received');
  const codes = Object.entries(r.errors);
  if (codes.length) parts.push(`errors by code: ${codes.map(([k, n]) => `${c(k, 12)} ${fmtInt(n)}`).join(' · ')}`);
  for (const e of r.errorDetails.slice(-5)) parts.push(`  ${e.at} ${e.code} ${c(e.title, 60)}${e.details ? `: ${c(e.details, 120)}` : ''}`);
  const cats = Object.entries(r.pricing);
  if (cats.length) {
    const t = new Table(head(['pricing category', 'billable', 'free', `cost (${r.pricingTable.currency}, rates of ${r.pricingTable.date})`]));
    for (const [cat, p] of cats) t.push([c(cat, 40), fmtInt(p.billable), fmtInt(p.free), money(p.cost, r.pricingTable.currency)]);
    parts.push(t.toString());
  }
  const o = optOutsLine(r);
  if (o) parts.push(`opt-outs: ${o}`);
  return parts;
}

/** The opt-outs in people (each once per kind), or '' when none. */
function optOutsLine({ optOuts: o }: DeliveryReport): string {
  if (!o.marketingStop && !o.marketingResume && !o.stopWords) return '';
  return `${plural(o.marketingStop, 'person', 'people')} stopped marketing, ${fmtInt(o.marketingResume)} resumed it, ${fmtInt(o.stopWords)} typed a stop word`;
}

/** The same sections as HTML. */
function extraHtml(r: DeliveryReport): string {
  const mgmt = r.management.length
    ? `<table><tr><th>when</th><th>what</th><th>for</th><th>change</th><th>what to do</th></tr>${r.management.map((e) => `<tr${e.severity === 'stop' ? ' class="stop"' : ''}><td>${esc(e.at)}</td><td>${esc(c(e.field))}</td><td>${esc(c(e.subject))}</td><td>${esc(c(e.change))}</td><td>${esc(e.action || '–')}</td></tr>`).join('')}</table>`
    : '<p>None received.</p>';
  const codes = Object.entries(r.errors);
  const errors = codes.length ? `<table><tr><th>code</th><th>count</th></tr>${codes.map(([k, n]) => `<tr><td>${esc(c(k))}</td><td>${n.toLocaleString('en-US')}</td></tr>`).join('')}</table>${r.errorDetails.length ? `<ul>${r.errorDetails.map((e) => `<li>${esc(e.at)} ${e.code} ${esc(c(e.title))}${e.details ? `: ${esc(c(e.details))}` : ''}</li>`).join('')}</ul>` : ''}` : '<p>None.</p>';
  const cats = Object.entries(r.pricing);
  const pricing = cats.length
    ? `<table><tr><th>category</th><th>billable</th><th>free</th><th>cost (${esc(r.pricingTable.currency)})</th></tr>${cats.map(([k, p]) => `<tr><td>${esc(c(k))}</td><td>${p.billable.toLocaleString('en-US')}</td><td>${p.free.toLocaleString('en-US')}</td><td>${esc(money(p.cost, r.pricingTable.currency))}</td></tr>`).join('')}</table><p class="muted">Rates of ${esc(r.pricingTable.date)}.</p>`
    : '<p>No pricing reported.</p>';
  return `<h2>Account and template events</h2>\n${mgmt}\n<h2>Errors by code</h2>\n${errors}\n<h2>Pricing</h2>\n${pricing}\n<h2>Opt-outs</h2>\n<p>${esc(optOutsLine(r) || 'None.')}</p>\n`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One self-contained HTML page (inline CSS and SVG, no scripts, no network). */
export function deliveryHtml(r: DeliveryReport, title: string): string {
  const bar = (label: string, n: number, max: number, colour: string) => {
    // The longest bar leaves room in the 540-wide SVG for its number after it ("1,234,567" is about 60 px).
    const w = max ? Math.round((n / max) * 460) : 0;
    return `<div class="bar"><span class="label">${esc(label)}</span><svg width="540" height="22" role="img" aria-label="${esc(label)} ${n}"><rect width="${w}" height="18" y="2" rx="3" fill="${colour}"/><text x="${w + 6}" y="16">${n.toLocaleString('en-US')}</text></svg></div>`;
  };
  const funnels = r.funnels
    .map((f) => {
      const stages: [string, number, string][] = [['accepted', f.accepted, '#64748b'], ['sent', f.sent, '#0ea5e9'], ['delivered', f.delivered, '#22c55e'], ['read', f.read, '#16a34a'], ['failed', f.failed, '#ef4444']];
      return `<section><h2>${esc(c(f.campaign))}${f.template ? ` <small>${esc(c(f.template))}</small>` : ''}</h2>${stages.map(([l, n, c]) => bar(l, n, f.accepted, c)).join('')}<p>Read coverage ${pct(f.read, f.delivered)} · ${f.noStatus.toLocaleString('en-US')} accepted without any status</p></section>`;
    })
    .join('');
  const lat = (name: string, p: Percentiles) => `<tr><td>${name}</td><td>${p.count.toLocaleString('en-US')}</td><td>${secs(p.p50)}</td><td>${secs(p.p90)}</td><td>${secs(p.p99)}</td></tr>`;
  const failures = r.failures.map((x) => `<tr><td>${esc(x.code)}</td><td>${x.count.toLocaleString('en-US')}</td><td>${esc(x.action)}</td><td>${esc(x.todo)}</td></tr>`).join('');
  const countries = Object.entries(r.failuresByCountry);
  const maxC = Math.max(0, ...countries.map(([, n]) => n));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${HTML_GENERATOR}
<title>${esc(title)}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:960px;color:#0f172a;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}small{color:#64748b;font-weight:normal}
.bar{display:flex;align-items:center;gap:.5rem}.label{width:6rem;color:#334155}svg text{font-size:12px;fill:#0f172a}
table{border-collapse:collapse;margin:1rem 0;width:100%}td,th{border-bottom:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left}
.muted{color:#64748b}tr.stop td{color:#b91c1c}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="muted">${plural(r.events, 'event')} · ${plural(r.statuses, 'status', 'statuses')} for ${plural(r.messages, 'message')} · ${plural(r.inbound, 'inbound message')}</p>
${funnels}
<h2>Latency</h2>
<table><tr><th>stage</th><th>count</th><th>p50</th><th>p90</th><th>p99</th></tr>${lat('sent → delivered', r.latency.sentToDelivered)}${lat('delivered → read', r.latency.deliveredToRead)}${lat('sent → read', r.latency.sentToRead)}</table>
<h2>Failures</h2>
${failures ? `<table><tr><th>code</th><th>count</th><th>action</th><th>what to do</th></tr>${failures}</table>` : '<p>None.</p>'}
${countries.length ? `<h2>Failures by country</h2>${countries.map(([k, n]) => bar(k, n, maxC, '#ef4444')).join('')}` : ''}
${extraHtml(r)}
<p class="muted">Generated by wa-ops webhook analyze.</p>
</body></html>
`;
}
