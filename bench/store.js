// The PostgreSQL store (node bench/run.js store): one worker vs three workers on one campaign with three
// senders at --rate 1000/s per sender against the sandbox, and two webhook receivers on one store.
// Uses WA_OPS_BENCH_STORE (an empty database you own), else a throwaway cluster with PostgreSQL's
// default durability (fsync on), from the machine's binaries.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signBody } from '../dist/core/webhook/signature.js';
import { findPgBin, startCluster, ENABLE_HINT } from '../test/pg/cluster.js';
import { cli, fmt, figure, runCli } from './lib.js';

const N = Number(process.env.BENCH_STORE_MESSAGES ?? 6000);
const POSTS = Number(process.env.BENCH_STORE_POSTS ?? 10000);
const SENDERS = ['109876543210987', '109876543210988', '109876543210989'];
const SECRET = 'bench-secret';

function startChild(args, env = {}) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  return { child, url };
}

async function sql(url, text, values) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** One campaign sent by `workers` processes at once; figures from the stored ledger. */
async function sendCase(store, env, dir, name, workers) {
  let csv = 'first_name,phone,voucher\n';
  const base = name.length * 1000000;
  for (let i = 0; i < N; i++) csv += `Name${i},+4917${10000000 + base + i},V${i}\n`;
  writeFileSync(join(dir, `${name}.csv`), csv);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, recipients: `${name}.csv`, senders: SENDERS, template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
  const runs = await Promise.all(Array.from({ length: workers }, () => runCli(['send', '--campaign', file, '--store', store, '--rate', '1000/s', '--allow-full-budget', '--yes', '--json'], { env })));
  for (const r of runs) if (r.code !== 0) throw new Error(`send exited ${r.code}: ${r.stderr.slice(-500)}`);
  const docs = runs.map((r) => JSON.parse(r.stdout));
  const sent = docs.reduce((n, d) => n + d.thisRun.sent, 0);
  const commits = docs.reduce((n, d) => n + (d.ledger?.fsyncs ?? 0), 0);
  const [span] = await sql(store, "SELECT extract(epoch FROM max(e.recorded_at) - min(e.recorded_at)) AS secs FROM wa_ops.ledger_events e JOIN wa_ops.campaigns c USING (campaign_id) WHERE c.name = $1 AND e.t IN ('attempt', 'sent')", [name]);
  const [twice] = await sql(store, "SELECT count(*)::int AS n FROM (SELECT e.r FROM wa_ops.ledger_events e JOIN wa_ops.campaigns c USING (campaign_id) WHERE c.name = $1 AND e.t = 'attempt' GROUP BY e.r HAVING count(*) > 1) x", [name]);
  figure(`${workers} worker${workers > 1 ? 's' : ''}: sent`, `${fmt(sent)} / ${fmt(N)}`, '', `by worker: ${docs.map((d) => d.thisRun.sent).join(', ')}; attempted twice: ${twice.n}`);
  figure(`${workers} worker${workers > 1 ? 's' : ''}: aggregate rate`, fmt(sent / Number(span.secs)), 'msg/s', `3 senders x 1000/s; ${fmt(Number(span.secs), 1)} s first attempt to last sent`);
  figure(`${workers} worker${workers > 1 ? 's' : ''}: commits per message`, fmt(commits / sent, 3), '', `${fmt(commits)} commits (each attempt committed before its POST)`);
}

function payload(i) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '210987654321098', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: SENDERS[0] }, statuses: [{ id: `wamid.storebench${i}`, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '491701234567' }] } }] }],
  });
}

/** Two receivers on one store; each POST goes to one of them, a tenth of them to both (Meta's retries). */
async function webhookCase(store) {
  const a = startChild(['webhook', 'serve', '--port', '0', '--store', store, '--quiet'], { WA_OPS_APP_SECRET: SECRET });
  const b = startChild(['webhook', 'serve', '--port', '0', '--store', store, '--quiet'], { WA_OPS_APP_SECRET: SECRET });
  const urls = [new URL(await a.url), new URL(await b.url)];
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = (url, body) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-signature-256': signBody(body, SECRET) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(body);
    });
  try {
    const jobs = [];
    for (let i = 0; i < POSTS; i++) {
      jobs.push([urls[i % 2], payload(i)]);
      if (i % 10 === 0) jobs.push([urls[(i + 1) % 2], payload(i)]);
    }
    let next = 0;
    let failed = 0;
    const latencies = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < jobs.length) {
          const [url, body] = jobs[next++];
          const s = performance.now();
          if ((await post(url, body)) !== 200) failed++;
          latencies.push(performance.now() - s);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    latencies.sort((x, y) => x - y);
    const [stored] = await sql(store, 'SELECT count(*)::int AS n FROM wa_ops.webhook_events');
    figure('2 receivers: events per second', fmt(jobs.length / secs), 'req/s', `${fmt(jobs.length)} signed POSTs, 64 in flight`);
    figure('2 receivers: latency p50 / p99', `${fmt(latencies[Math.floor(latencies.length * 0.5)], 2)} / ${fmt(latencies[Math.floor(latencies.length * 0.99)], 2)}`, 'ms');
    figure('2 receivers: stored / distinct / failed', `${fmt(stored.n)} / ${fmt(POSTS)} / ${fmt(failed)}`, '', 'duplicates across receivers stored once');
  } finally {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    agent.destroy();
  }
}

export async function benchStore() {
  let cluster;
  let store = process.env.WA_OPS_BENCH_STORE;
  if (!store) {
    if (!findPgBin()) {
      console.log(`\nstore: skipped (${ENABLE_HINT}, or set WA_OPS_BENCH_STORE)`);
      return;
    }
    cluster = await startCluster({ durable: true });
    store = cluster.url;
  }
  console.log(`\nstore: PostgreSQL, ${fmt(N)} recipients, 3 senders at --rate 1000/s each, against the sandbox`);
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-store-'));
  const sandbox = startChild(['sandbox', '--port', '0', '--mps', '1000000', '--status-delay', '3600000', ...SENDERS.slice(1).flatMap((id) => ['--phone-number-id', id])]);
  try {
    const migrate = await runCli(['store', 'migrate', '--store', store]);
    if (migrate.code !== 0) throw new Error(`store migrate exited ${migrate.code}: ${migrate.stderr}`);
    const env = { WA_OPS_GRAPH_URL: await sandbox.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: SENDERS[0], WA_OPS_WABA_ID: '210987654321098' };
    await sendCase(store, env, dir, 'one', 1);
    await sendCase(store, env, dir, 'three', 3);
    await webhookCase(store);
  } finally {
    sandbox.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    cluster?.stop();
  }
}
