// The HTML report in a real headless browser: every bar's number must be drawn whole, inside its SVG.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../src/core/webhook/analysis.js';
import { deliveryHtml } from '../../src/ui/delivery-report.js';
import { tempDir } from '../helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!CHROMIUM) console.log('report-browser: skipped, no chromium (apt-get install -y chromium to run it)');

const none = { count: 0, p50: null, p90: null, p99: null };
const report: DeliveryReport = {
  events: 1_634,
  statuses: 1_200,
  inbound: 3,
  messages: 163,
  funnels: [
    { campaign: 'fruehling-ec6e9b75', template: 'spring_sale:de', accepted: 163, sent: 163, delivered: 158, read: 99, failed: 5, readCoverage: 0.63, failures: { '131026': 5 }, noStatus: 0, total: 170, pending: 2, unknown: 0, skipped: 0 },
    { campaign: 'big-list', template: 'order_shipped:en_US', accepted: 1_234_567, sent: 1_234_000, delivered: 1_200_000, read: 999_999, failed: 567, readCoverage: 0.8, failures: {}, noStatus: 0, total: 1_234_567, pending: 0, unknown: 0, skipped: 0 },
  ],
  latency: { sentToDelivered: none, deliveredToRead: none, sentToRead: none },
  failures: [],
  failuresByCountry: { DE: 163, AT: 2 },
  management: [],
  errors: {},
  errorDetails: [],
  pricing: {},
  pricingTable: { currency: 'USD', date: '2026-01-01' },
  optOuts: { marketingStop: 0, marketingResume: 0, stopWords: 0 },
};

/** Measure each bar label in the browser: does its text end inside the SVG? Written into the DOM that --dump-dom prints. */
const MEASURE = `<script>
addEventListener('load', () => {
  const rows = [...document.querySelectorAll('svg')].map((svg) => {
    const t = svg.querySelector('text');
    if (!t) return null;
    const box = t.getBBox();
    return { text: t.textContent, right: box.x + box.width, width: svg.width.baseVal.value };
  }).filter(Boolean);
  const pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(rows);
  document.body.appendChild(pre);
});
</script>`;

describe.skipIf(!CHROMIUM)('HTML report in headless chromium', () => {
  it('draws the largest bar label whole ("163", "1,234,567"), inside its SVG', async () => {
    const dir = tempDir();
    const page = join(dir, 'report.html');
    writeFileSync(page, deliveryHtml(report, 'Delivery report').replace('</body>', `${MEASURE}</body>`));
    const { stdout } = await promisify(execFile)(
      CHROMIUM!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=2000', '--dump-dom', pathToFileURL(page).href],
      { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
    );
    const json = /<pre id="measure">([^<]*)<\/pre>/.exec(stdout)?.[1];
    expect(json, 'the measuring script ran').toBeDefined();
    const rows = JSON.parse(json!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { text: string; right: number; width: number }[];
    expect(rows.map((r) => r.text)).toEqual(expect.arrayContaining(['163', '1,234,567', '999,999']));
    for (const r of rows) expect(r.right, `label "${r.text}" ends at ${r.right} in an SVG ${r.width} wide`).toBeLessThanOrEqual(r.width);
    expect(readFileSync(page, 'utf8')).toContain('>163<');
  }, 90_000);
});
