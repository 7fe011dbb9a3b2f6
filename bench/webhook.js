// webhook serve under load against a bare Node server that only checks the HMAC and answers 200, measured in the same run (issue 18).
// 2 rounds x 4,000 signed POSTs, 32 in flight, keep-alive; every serve answer comes after its event is fdatasync'ed (group commit).
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../dist/core/webhook/signature.js';
import { cli, fmt, figure, root } from './lib.js';

const N = Number(process.env.BENCH_WEBHOOK_POSTS ?? 4000);
const ROUNDS = 2;
const CONCURRENCY = 32;
const SECRET = 'bench-secret';

function payload(round, i) {
  const ts = String(1767225600 + i);
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '210987654321098', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: '109876543210987' }, statuses: [{ id: `wamid.bench${round}-${i}`, status: 'delivered', timestamp: ts, recipient_id: '491701234567', biz_opaque_callback_data: `wa-ops:bench:+4917012${String(i).padStart(5, '0')}`, pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' } }] } }] }],
  });
}

// The baseline: what any receiver must do at least (read the body, check the signature, answer).
const BARE = `
import { createServer } from 'node:http';
import { verifySignature } from ${JSON.stringify(join(root, 'dist/core/webhook/signature.js'))};
const s = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const ok = verifySignature(Buffer.concat(chunks), req.headers['x-hub-signature-256'], ${JSON.stringify(SECRET)});
    res.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain', 'content-length': 2 });
    res.end('ok');
  });
});
s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port + '/webhook'));
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

function start(args) {
  const child = spawn(process.execPath, args, { env: { ...process.env, WA_OPS_APP_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise((r) => child.on('close', r));
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ url: new URL(String(d).trim()), pid: child.pid, stop: async () => (child.kill('SIGTERM'), await closed, stderr) })));
}

/** CPU time (user + system, ms) a process has used so far; NaN where /proc is missing. A figure a busy machine distorts less than req/s. */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

// As many unmeasured POSTs as measured ones: a receiver runs for days, so the figure is its steady state, not V8's
// first optimisation passes (which cost both servers alike, but the one with more code to compile longer).
const WARMUP = Number(process.env.BENCH_WEBHOOK_WARMUP ?? N);

async function load(server, round) {
  // Unmeasured warm-up: both servers and this client get their JIT work done first.
  await run(server, `w${round}`, WARMUP);
  return run(server, round, N);
}

async function run({ url, pid }, round, N) {
  const cpu0 = cpuMs(pid);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bodies = Array.from({ length: N }, (_, i) => payload(round, i));
  const sigs = bodies.map((b) => signBody(b, SECRET));
  const postOne = (i) =>
    new Promise((resolve, reject) => {
      const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(bodies[i]), 'x-hub-signature-256': sigs[i] } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(bodies[i]);
    });
  let next = 0;
  let failed = 0;
  const latencies = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        if ((await postOne(i)) !== 200) failed++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: N / secs, p50: latencies[Math.floor(N * 0.5)], p99: latencies[Math.floor(N * 0.99)], failed, cpuUs: ((cpuMs(pid) - cpu0) * 1000) / N };
}

export async function benchWebhook() {
  console.log(`\nwebhook serve: ${ROUNDS} x ${fmt(N)} signed POSTs (after ${fmt(WARMUP)} unmeasured), ${CONCURRENCY} in flight, against a bare HMAC-checking server in the same run`);
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-webhook-'));
  const events = join(dir, 'events.jsonl');
  const bare = [];
  const serve = [];
  let summary = '';
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate, so a noisy neighbour hurts both sides alike.
      const b = await start(['--input-type=module', '-e', BARE]);
      bare.push(await load(b, round));
      await b.stop();
      const s = await start([cli, 'webhook', 'serve', '--port', '0', '--events', events]);
      serve.push(await load(s, round));
      summary = await s.stop();
    }
    const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
    const stored = readFileSync(events, 'utf8').trim().split('\n').length;
    const answered = ROUNDS * (N + WARMUP) - sum(serve, 'failed');
    const syncs = Number((/\(([\d,]+) disk syncs?\)/.exec(summary)?.[1] ?? 'NaN').replace(/,/g, ''));
    const ratio = sum(serve, 'rps') / sum(bare, 'rps');
    for (const [name, xs] of [['bare HMAC server', bare], ['wa-ops webhook serve', serve]]) {
      figure(`${name}: req/s`, xs.map((x) => fmt(x.rps)).join(' / '), 'req/s');
      figure(`${name}: p50 / p99`, xs.map((x) => `${fmt(x.p50, 1)} / ${fmt(x.p99, 1)}`).join('  '), 'ms');
      figure(`${name}: CPU per request`, xs.map((x) => fmt(x.cpuUs, 0)).join(' / '), 'µs');
    }
    figure('ratio serve / bare', fmt(ratio, 2), '', 'target >= 0.8');
    figure('CPU ratio bare / serve', fmt(sum(bare, 'cpuUs') / sum(serve, 'cpuUs'), 2), '', 'what the ratio tends to when CPU-bound');
    figure('p99 of serve (worst round)', fmt(Math.max(...serve.map((x) => x.p99)), 1), 'ms', 'target <= 20');
    figure('fsyncs per request (last round)', fmt(syncs / (N + WARMUP), 3), '', 'group commit: one fdatasync per batch');
    figure('answered 200 / stored / lost', `${fmt(answered)} / ${fmt(stored)} / ${fmt(answered - stored)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
