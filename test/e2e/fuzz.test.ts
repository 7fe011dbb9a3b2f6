// Hostile inputs, generated from a fixed seed, fed to every command through the built binary: each run
// ends with exit 0, 1 or 2 (never 70, never a crash), prints no stack trace and no secret, and stays
// within a memory bound (peak RSS measured with /usr/bin/time where it exists).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { root, tempDir } from '../helpers.js';

const TOKEN = 'EAAGfuzzTOKEN0123456789abcdef';
const APP_SECRET = 'fuzz-app-secret-42x';
const VERIFY = 'fuzz-verify-token-17';
const SECRETS = [TOKEN, APP_SECRET, VERIFY];
const MAX_RSS_KB = 400 * 1024;
const TIME = '/usr/bin/time';

/** A small seeded generator (mulberry32): the same hostile files on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261202);
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
const nasty = (n: number) => Array.from({ length: n }, () => ['"', ',', ';', '\t', '\r', '\n', '\u0000', '\u001b[31m', '=cmd|', '+', '@SUM(', '\u202e', '𝟘', 'ä', '\\', '{', '}', 'x'][Math.floor(rand() * 18)]).join('');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

let dir: string;
let sb: SandboxServer;
let thief: Server;
let stolen = 0;

interface Run {
  code: number | null;
  out: string;
  rssKb?: number;
}

function run(args: string[]): Promise<Run> {
  const rssFile = join(dir, `rss-${Math.floor(rand() * 1e9)}`);
  const node = [process.execPath, join(root, 'bin', 'wa-ops.js'), ...args];
  const [cmd, argv] = existsSync(TIME) ? [TIME, ['-f', '%M', '-o', rssFile, ...node]] : [node[0], node.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', CI: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: TOKEN, WA_OPS_APP_SECRET: APP_SECRET, WA_OPS_VERIFY_TOKEN: VERIFY, WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : undefined;
      resolve({ code, out, rssKb: Number.isFinite(rss) ? rss : undefined });
    });
  });
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function cases(): [string, string[]][] {
  const c: [string, string[]][] = [];
  // CSV lists
  const csvs = [
    file('binary.csv', bytes(200_000)),
    file('.env', `WA_OPS_TOKEN=${TOKEN}\nWA_OPS_APP_SECRET=${APP_SECRET}\n`),
    file('long-line.csv', `phone,name\n+4915112345678,${'x'.repeat(1_000_000)}\n`),
    file('wide.csv', Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(4999) + '1\n'),
    file('quotes.csv', `phone,name\n"+49151,"${nasty(2000)}\n\r\r\u0000"unterminated\n`),
    file('cr-only.csv', 'phone,name\r+4915112345678,a\r+4915112345679,b\r'),
    file('formula.csv', `phone,name\n=HYPERLINK("http://x"),${nasty(50)}\n+4915112345678,\u001b]0;pwned\u0007\n`),
    file('empty.csv', ''),
  ];
  for (const f of csvs) c.push([`validate-numbers ${f}`, ['validate-numbers', f, '--json']]);
  // Templates
  const templates = [
    file('t-invalid.json', '{"name": "x", "components": [ {"type": "BODY", "text": "hi"'),
    file('t-deep.json', nested(20_000)),
    file('t-types.json', JSON.stringify({ name: 5, language: ['en'], category: {}, components: 'BODY' })),
    file('t-huge.json', JSON.stringify({ name: 'huge', language: 'en', category: 'MARKETING', components: [{ type: 'BODY', text: `Hi {{1}} ${nasty(1000)} ${'Sale 30% off VIP '.repeat(60_000)}` }] })),
    file('t-proto.json', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "name": "p", "language": "en", "category": "UTILITY", "components": [{"type": "BODY", "text": "{{0}} {{99999999999999999999}} {{}}"}]}'),
    file('t-garbage.json', JSON.stringify(Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1 ? nasty(20) : { components: [{ type: nasty(3) }] })))),
    file('t-body.txt', bytes(50_000)),
  ];
  for (const f of templates) c.push([`lint-template ${f}`, ['lint-template', f, '--json', '--language', 'en', '--category', 'MARKETING']]);
  // The same files pushed to the API (lint first; the sandbox answers what passes) and imported as opt-outs.
  for (const f of templates.filter((t) => t.endsWith('.json'))) c.push([`templates push ${f}`, ['templates', 'push', f, '--json']]);
  for (const f of csvs) c.push([`suppressions import ${f}`, ['suppressions', 'import', f, '--json', '--suppressions', `supp-${f}.jsonl`]]);
  // Campaign files (paths relative to them)
  file('ok.csv', 'phone,first_name\n+4915112345678,Ada\n+4915112345679,Bob\n');
  mkdirSync(join(dir, 'folder'), { recursive: true });
  const thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}/steal`;
  const campaigns = [
    file('c-env.json', JSON.stringify({ name: 'env', recipients: '.env', template: { name: 'spring_sale', language: 'de' } })),
    file('c-folder.json', JSON.stringify({ name: 'folder', recipients: 'folder', template: { name: 'spring_sale', language: 'de' } })),
    file('c-graph.json', JSON.stringify({ name: 'steal', recipients: 'ok.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', { text: 'x' }] }, graphUrls: [thiefUrl] })),
    file('c-types.json', JSON.stringify({ name: {}, recipients: 5, template: 'x', parameters: [], senders: [{}], pace: { interval: '-1s' }, dailyLimit: 'abc', window: 7 })),
    file('c-media.json', JSON.stringify({ name: 'media', recipients: 'ok.csv', template: { name: 'new_collection', language: 'en_US' }, parameters: { header: [{ image: 'https://169.254.169.254/latest/meta-data' }], body: ['first_name'] } })),
    file('c-invalid.json', `{"name": "x", ${nasty(200)}`),
    file('c-deep.json', `{"name": "deep", "parameters": {"body": ${nested(20_000)}}}`),
    file('c-escape.json', JSON.stringify({ name: `\u001b[2J\u001b]52;c;${'A'.repeat(5000)}\u0007`, recipients: 'binary.csv', template: { name: '../../etc/passwd', language: 'de' } })),
  ];
  for (const f of campaigns) c.push([`send --dry-run ${f}`, ['send', '--campaign', f, '--dry-run', '--json']]);
  for (const f of ['c-env.json', 'c-types.json', 'c-media.json', 'c-escape.json']) c.push([`doctor --campaign ${f}`, ['doctor', '--json', '--campaign', f]]);
  c.push(['status c-graph.json', ['status', '--campaign', 'c-graph.json', '--json']]);
  // Every hostile campaign file at once, as the campaigns overview finds them.
  c.push(['campaigns --dir .', ['campaigns', '--dir', '.', '--json']]);
  // One message now, with hostile parameters and numbers.
  // (An argument cannot hold a NUL byte: the kernel ends it there.)
  const arg = (n: number) => nasty(n).replace(/\u0000/g, '');
  c.push(['send --to hostile', ['send', '--to', `+49${arg(12)}`, '--template', `${arg(8)}:de`, '--param', `1=${arg(40)}`, '--yes', '--json']]);
  c.push(['send --to param', ['send', '--to', '+4915112345678', '--template', 'spring_sale:de', '--param', `1=${'\u001b]0;x\u0007'.repeat(2000)}`, '--param', `body.${arg(10)}=x`, '--yes', '--json']]);
  // A ledger that is not one: binary, torn, hostile lines.
  file('c-ledger.json', JSON.stringify({ name: 'ledger', recipients: 'ok.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', { text: 'x' }] } }));
  file('c-ledger.ledger.jsonl', Buffer.concat([Buffer.from(`{"t":"header","v":1,"campaign":"${nasty(20)}"}\n{"t":"sent","r":${nested(5000)}}\n{"t":"cooldown-until","until":"9999-12-31T00:00:00Z"}\n`), bytes(5000)]));
  c.push(['status hostile ledger', ['status', '--campaign', 'c-ledger.json', '--json']]);
  c.push(['send --dry-run hostile ledger', ['send', '--campaign', 'c-ledger.json', '--dry-run', '--json']]);
  // Config files
  const configs = [
    file('cfg-types.json', JSON.stringify({ phoneNumberId: { id: '1' } })),
    file('cfg-unknown.json', JSON.stringify({ phoneNumberID: '1', tokne: TOKEN })),
    file('cfg-file-url.json', JSON.stringify({ graphUrl: 'file:///etc/passwd' })),
    file('cfg-creds.json', JSON.stringify({ graphUrl: `https://user:${APP_SECRET}@graph.example.com` })),
    file('cfg-newline.json', JSON.stringify({ token: `${TOKEN}\nWA_OPS_GRAPH_URL=http://evil` })),
    file('cfg-invalid.json', '{"token": '),
    file('cfg-deep.json', `{"lint": ${nested(20_000).replace(/\[/g, '{"a":').replace(/\]/g, '}').replace(/\{"a":\}/, '{}')}}`),
  ];
  for (const f of configs) c.push([`doctor --config ${f}`, ['doctor', '--offline', '--config', f]]);
  for (const f of ['cfg-types.json', 'cfg-deep.json']) c.push([`lint-template --config ${f}`, ['lint-template', '--text', 'Hi {{1}}', '--language', 'en', '--category', 'UTILITY', '--json', '--config', f]]);
  c.push(['config is a folder', ['doctor', '--offline', '--json', '--config', 'folder']]);
  // Events files
  c.push(['webhook analyze binary', ['webhook', 'analyze', file('events.jsonl', Buffer.concat([bytes(20_000), Buffer.from(`\n{"kind":"status","id":"${nasty(30)}","status":"read","ts":"9999999999999"}\n{"kind":`)])), '--json']]);
  return c;
}

beforeAll(async () => {
  dir = tempDir('wa-ops-fuzz-');
  sb = await startSandbox({ token: TOKEN });
  thief = createServer((req, res) => {
    stolen++;
    res.end('{}');
  });
  await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await sb.close();
  await new Promise((r) => thief.close(r));
});

describe('fuzz: hostile CSV, template, campaign, config and events files', () => {
  it('every command ends with 0, 1 or 2, no stack trace, no secret, bounded memory', async () => {
    const all = cases();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const [name, args] = all[next++];
        const started = Date.now();
        const r = await run(args);
        if (process.env.FUZZ_LOG) console.log(`${Date.now() - started} ms ${r.code} ${Math.round((r.rssKb ?? 0) / 1024)} MB ${name}`);
        const problems = [
          ![0, 1, 2].includes(r.code ?? -1) && `exit ${r.code}`,
          /\n\s+at .+:\d+:\d+\)?$/m.test(r.out) && 'stack trace',
          /internal error|heap out of memory/i.test(r.out) && 'internal error',
          SECRETS.some((s) => r.out.includes(s)) && 'secret printed',
          r.rssKb !== undefined && r.rssKb > MAX_RSS_KB && `peak RSS ${Math.round(r.rssKb / 1024)} MB`,
        ].filter(Boolean);
        if (problems.length) failures.push(`${name}: ${problems.join(', ')}\n    ${r.out.split('\n').slice(0, 3).join('\n    ').slice(0, 400)}`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(failures, failures.join('\n')).toEqual([]);
    // The campaign that named a Graph URL of its own never got the token sent there.
    expect(stolen).toBe(0);
  }, 240_000);
});
