// send --rate 1000/s against the sandbox (in another process): sustained messages/s with the ledger fsynced.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, runCli, fmt, figure } from './lib.js';

const N = Number(process.env.BENCH_SEND_MESSAGES ?? 10000);

export async function benchSend() {
  console.log(`\nsend: ${fmt(N)} recipients at --rate 1000/s against the sandbox`);
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-send-'));
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--mps', '1000000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  try {
    let csv = 'first_name,phone,voucher\n';
    for (let i = 0; i < N; i++) csv += `Name${i},+4917${10000000 + i},V${i}\n`;
    writeFileSync(join(dir, 'list.csv'), csv);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'bench', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
    const env = { WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' };
    const res = await runCli(['send', '--campaign', join(dir, 'c.json'), '--rate', '1000/s', '--allow-full-budget', '--yes', '--json'], { env });
    if (res.code !== 0) throw new Error(`send exited ${res.code}: ${res.stderr.slice(-500)}`);
    const summary = JSON.parse(res.stdout);
    const events = readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const times = events.filter((e) => e.t === 'attempt' || e.t === 'sent').map((e) => Date.parse(e.at));
    const secs = (Math.max(...times) - Math.min(...times)) / 1000;
    figure('sent', `${fmt(summary.sent)} / ${fmt(N)}`);
    figure('sustained rate (first attempt to last sent)', fmt(summary.sent / secs), 'msg/s', 'target >= 900 at --rate 1000/s');
    figure('whole command (start-up, plan, sends)', fmt(res.ms), 'ms');
    figure('ledger fsyncs per message', fmt(summary.ledger.fsyncs / summary.sent, 3), '', `${fmt(summary.ledger.fsyncs)} fsyncs for ${fmt(summary.ledger.events)} events; attempts fsynced before each POST`);
    figure('peak RSS', fmt(res.maxRssMb, 1), 'MB');
    await windowCase(url, env);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 40,000 recipients all outside their send window: how long until the run pauses (it used to be 102 s). */
async function windowCase(url, env) {
  const W = 40_000;
  console.log(`\nsend: ${fmt(W)} recipients outside their send window (--no-wait)`);
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-window-'));
  try {
    let csv = 'first_name,phone,voucher\n';
    for (let i = 0; i < W; i++) csv += `Name${i},+4917${20000000 + i},V${i}\n`;
    writeFileSync(join(dir, 'list.csv'), csv);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const h = String((hour + 3) % 24).padStart(2, '0');
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'bench-window', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] }, window: { from: `${h}:10`, to: `${h}:40` } }));
    const res = await runCli(['send', '--campaign', join(dir, 'c.json'), '--rate', '100/s', '--no-wait', '--yes', '--json'], { env });
    if (res.code !== 75) throw new Error(`send exited ${res.code}: ${res.stderr.slice(-500)}`);
    const events = readFileSync(join(dir, 'c.ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const run = Date.parse(events.find((e) => e.t === 'run').at);
    // A window wait is not stored as a cooldown (each run works it out again): the run's "end" marks the pause.
    const paused = Date.parse(events.find((e) => e.t === 'end' && e.outcome === 'paused').at);
    figure('engine: run start to pause', fmt(paused - run), 'ms', 'all 40k scheduled into the wait heap');
    figure('whole command (list, 40k payloads checked)', fmt(res.ms), 'ms');
    figure('peak RSS', fmt(res.maxRssMb, 1), 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
