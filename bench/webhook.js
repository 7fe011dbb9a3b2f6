// webhook serve under load against a bare Node server that only checks the HMAC and answers 200, measured in the same run (issue 18).
// 2 rounds x 4,000 signed POSTs, 32 in flight, keep-alive; every serve answer comes after its event is fdatasync'ed (group commit).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBody } from '../dist/core/webhook/signature.js';
import { load, loadWithNodeClient, postBytes } from './http-load.js';
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

/** A process's peak resident memory in MB (VmHWM); NaN where /proc is missing. */
function peakRssMb(pid) {
  try {
    return Number(/VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms) a process has used so far, every thread's (V8's and libuv's pool too), in nanoseconds from
 * /proc/<pid>/task/<tid>/schedstat: /proc/<pid>/stat counts 10 ms clock ticks, which over a 1,000-POST slice is
 * 10 µs per request either way, as much as the gap being measured. Falls back to the ticks; NaN where /proc is missing.
 * A figure a busy machine distorts less than req/s.
 */
function cpuMs(pid) {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    if (ns > 0) return ns / 1e6;
  } catch {
    // no schedstat: the clock ticks below
  }
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const WARMUP = Number(process.env.BENCH_WEBHOOK_WARMUP ?? 2000);
// Warm-up lasts at least this long too: JIT tiers, heap growth and the disk settle by time as much as by requests. With
// 2,000 POSTs alone the first measured slices still ran at 130-240 µs of CPU per request against 50-90 later, for both servers.
const WARM_MS = Number(process.env.BENCH_WEBHOOK_WARM_MS ?? 4000);
// Each round's POSTs go in slices, bare and serve taking turns, so that a neighbour's burst of CPU hurts both alike.
const SLICES = 4;

/** One round: both servers started and warmed up, then measured slice by slice in turns; serve's stop summary returned too. */
async function round(r, startServe) {
  const bare = await start(['--input-type=module', '-e', BARE]);
  const serve = await startServe();
  const parts = { bare: [], serve: [], warmFailed: 0, posted: 0 };
  try {
    // Unmeasured warm-up (both servers and this client get their JIT work done first), in the same turns as the measured slices, until both WARMUP POSTs and WARM_MS have passed.
    const t0 = performance.now();
    let warm = 0;
    while (warm < WARMUP || performance.now() - t0 < WARM_MS) {
      await run(bare, `w${r}.${warm}`, 1000);
      parts.warmFailed += (await run(serve, `w${r}.${warm}`, 1000)).failed;
      warm += 1000;
    }
    parts.posted = warm + N;
    const per = Math.ceil(N / SLICES);
    for (let k = 0; k < SLICES; k++) {
      parts.bare.push(await run(bare, `${r}.${k}`, per));
      parts.serve.push(await run(serve, `${r}.${k}`, per));
    }
    parts.rss = { bare: peakRssMb(bare.pid), serve: peakRssMb(serve.pid) };
  } finally {
    await bare.stop();
    parts.summary = await serve.stop();
  }
  return { bare: { ...merge(parts.bare), rssMb: parts.rss.bare }, serve: { ...merge(parts.serve), rssMb: parts.rss.serve }, summary: parts.summary, posted: parts.posted, warmFailed: parts.warmFailed };
}

/** Slices of one server put together: the rate over their summed time, percentiles over all their latencies. */
function merge(xs) {
  const lat = xs.flatMap((x) => x.latencies).sort((a, b) => a - b);
  const n = lat.length;
  const secs = xs.reduce((t, x) => t + x.secs, 0);
  const cpuUs = xs.reduce((t, x) => t + x.cpuUs * x.latencies.length, 0) / n;
  return { rps: n / secs, p50: lat[Math.floor(n * 0.5)], p99: lat[Math.floor(n * 0.99)], failed: xs.reduce((t, x) => t + x.failed, 0), cpuUs };
}

// The sender: Node's own http client (what the figures were measured with), or a lean one that costs the
// servers almost nothing, so that the ratio shows the servers alone.
const CLIENTS = { node: loadWithNodeClient, lean: load };
let client = CLIENTS.node;

async function run({ url, pid }, round, N) {
  const cpu0 = cpuMs(pid);
  const requests = Array.from({ length: N }, (_, i) => {
    const body = payload(round, i);
    return postBytes(url, body, signBody(body, SECRET));
  });
  const { secs, latencies, failed } = await client(url, requests, CONCURRENCY);
  return { secs, latencies, failed, cpuUs: ((cpuMs(pid) - cpu0) * 1000) / N };
}

/** Both servers, ROUNDS rounds, with one kind of sender; prints the figures. */
async function measure(kind, dir) {
  client = CLIENTS[kind];
  const events = join(dir, `events-${kind}.jsonl`);
  const bare = [];
  const serve = [];
  let summary = '';
  let posted = 0;
  let lastPosted = 0;
  let warmFailed = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const x = await round(r, () => start([cli, 'webhook', 'serve', '--port', '0', '--events', events]));
    bare.push(x.bare);
    serve.push(x.serve);
    summary = x.summary;
    posted += x.posted;
    lastPosted = x.posted;
    warmFailed += x.warmFailed;
  }
  const sum = (xs, k) => xs.reduce((n, x) => n + x[k], 0);
  const stored = readFileSync(events, 'utf8').trim().split('\n').length;
  const answered = posted - sum(serve, 'failed') - warmFailed;
  const syncs = Number((/\(([\d,]+) disk syncs?\)/.exec(summary)?.[1] ?? 'NaN').replace(/,/g, ''));
  for (const [name, xs] of [['bare HMAC server', bare], ['wa-ops webhook serve', serve]]) {
    figure(`${name}: req/s`, xs.map((x) => fmt(x.rps)).join(' / '), 'req/s');
    figure(`${name}: p50 / p99`, xs.map((x) => `${fmt(x.p50, 1)} / ${fmt(x.p99, 1)}`).join('  '), 'ms');
    figure(`${name}: CPU per request`, xs.map((x) => fmt(x.cpuUs, 0)).join(' / '), 'µs');
    figure(`${name}: peak RSS`, xs.map((x) => fmt(x.rssMb, 0)).join(' / '), 'MB');
  }
  const ratio = sum(serve, 'rps') / sum(bare, 'rps');
  figure('ratio serve / bare', fmt(ratio, 2), '', kind === 'node' ? 'target >= 0.8' : 'the servers alone');
  figure('CPU ratio bare / serve', fmt(sum(bare, 'cpuUs') / sum(serve, 'cpuUs'), 2), '', 'what the ratio tends to when CPU-bound');
  figure('p99 of serve (worst round)', fmt(Math.max(...serve.map((x) => x.p99)), 1), 'ms', kind === 'node' ? 'target <= 20' : '');
  figure('fsyncs per request (last round)', fmt(syncs / lastPosted, 3), '', 'group commit: one fdatasync per batch');
  figure('answered 200 / stored / lost', `${fmt(answered)} / ${fmt(stored)} / ${fmt(answered - stored)}`);
}

export async function benchWebhook() {
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-webhook-'));
  try {
    console.log(`\nwebhook serve: ${ROUNDS} x ${fmt(N)} signed POSTs (after at least ${fmt(WARMUP)} and ${fmt(WARM_MS / 1000)} s unmeasured, in turns) from Node's http client, ${CONCURRENCY} in flight, against a bare HMAC-checking server in the same run`);
    await measure('node', dir);
    console.log(`\nwebhook serve, the same from a lean client (prebuilt requests on raw sockets): the servers alone`);
    await measure('lean', dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
