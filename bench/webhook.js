// webhook serve under load: signed status callbacks over keep-alive HTTP, every one fsynced before its 200.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../dist/core/webhook/signature.js';
import { cli, fmt, figure } from './lib.js';

const N = Number(process.env.BENCH_WEBHOOK_POSTS ?? 20000);
const CONCURRENCY = 64;
const SECRET = 'bench-secret';

function payload(i) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '210987654321098', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: '109876543210987' }, statuses: [{ id: `wamid.bench${i}`, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '491701234567', pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } }] } }] }],
  });
}

export async function benchWebhook() {
  console.log(`\nwebhook serve: ${fmt(N)} signed POSTs, ${CONCURRENCY} in flight`);
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-webhook-'));
  const events = join(dir, 'events.jsonl');
  const child = spawn(process.execPath, [cli, 'webhook', 'serve', '--port', '0', '--events', events, '--campaigns', dir, '--quiet'], { env: { ...process.env, WA_OPS_APP_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new URL(await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim()))));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const postOne = (body) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-signature-256': signBody(body, SECRET) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    const bodies = Array.from({ length: N }, (_, i) => payload(i));
    let next = 0;
    let failed = 0;
    const latencies = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const body = bodies[next++];
          const s = performance.now();
          const status = await postOne(body);
          latencies.push(performance.now() - s);
          if (status !== 200) failed++;
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const stored = readFileSync(events, 'utf8').trim().split('\n').length;
    figure('signed POSTs per second', fmt(N / secs), 'req/s', 'target >= 2,000');
    figure('latency p50 / p99', `${fmt(latencies[Math.floor(N * 0.5)], 2)} / ${fmt(latencies[Math.floor(N * 0.99)], 2)}`, 'ms', 'Meta expects well under 1 s');
    figure('answered 200 / stored / lost', `${fmt(N - failed)} / ${fmt(stored)} / ${fmt(N - failed - stored)}`);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
