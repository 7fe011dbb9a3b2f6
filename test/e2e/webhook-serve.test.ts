// wa-ops webhook serve as a user runs it: one server per events file, torn tails, failed writes, signals, bad flags, forwarding.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { readSuppressions } from '../../src/io/suppressions.js';
import { fixtures, root, runCli, tempDir } from '../helpers.js';

const SECRET = 'serve-secret';
const corpus = (name: string) => readFileSync(join(fixtures, 'webhooks', `${name}.json`));

interface Serve {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

function hermeticEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) env[k] = v;
  return { ...env, NO_COLOR: '1', CI: '1', WA_OPS_APP_SECRET: SECRET, ...extra };
}

/** Start the built CLI; resolves with its URL once it prints it (or rejects with its stderr if it exits). */
function serve(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, shellPrefix?: string): Promise<Serve> {
  const argv = [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', ...args];
  const child = shellPrefix
    ? spawn('sh', ['-c', `${shellPrefix}; exec "$0" "$@"`, process.execPath, ...argv], { cwd, env: hermeticEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, argv, { cwd, env: hermeticEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) =>
      resolve({
        child,
        url: String(d).trim(),
        stderr: () => err,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return closed;
        },
      }),
    );
    void closed.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

async function post(url: string, body: Buffer<ArrayBuffer> | string): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) } });
  await res.arrayBuffer();
  return res.status;
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

describe('webhook serve: one writer per events file', () => {
  it('refuses a second server on the same file with exit 2 and names the first; the events setting comes from WA_OPS_EVENTS', async () => {
    const dir = tempDir();
    const first = await serve([], dir, { WA_OPS_EVENTS: join(dir, 'shared.jsonl') });
    try {
      const second = await runCli(['webhook', 'serve', '--port', '0', '--events', 'shared.jsonl'], { cwd: dir, env: hermeticEnv() });
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/shared\.jsonl is already written by a running webhook serve \(pid \d+, http:\/\/127\.0\.0\.1:\d+\/webhook\)/);
      expect(second.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(await post(first.url, corpus('status-delivered'))).toBe(200);
    } finally {
      expect(await first.stop('SIGINT')).toBe(130);
    }
    expect(lines(join(dir, 'shared.jsonl'))).toHaveLength(1);
    // once the first is gone, the file is free again
    const again = await serve(['--events', 'shared.jsonl'], dir);
    expect(await again.stop()).toBe(143);
  });

  it('repairs a torn tail before appending, so an acknowledged event is never glued to a fragment', async () => {
    const dir = tempDir();
    const events = join(dir, 'events.jsonl');
    writeFileSync(events, '{"kind":"status","key":"s:wamid.OLD:sent","id":"wamid.OLD","status":"sent","ts":"1767225600","recipient":"491701234567"}\n{"kind":"status","key":"s:wamid.TORN:deliv');
    const s = await serve(['--events', events], dir);
    expect(await post(s.url, corpus('status-read'))).toBe(200);
    await s.stop();
    const stored = lines(events).map((l) => JSON.parse(l));
    expect(stored.map((r) => r.id)).toEqual(['wamid.OLD', 'wamid.HBgNNDkxNzAxMjM0NTY3FQIAERgSQjRBMEUzRjE5RDk0QjhBQzEA']);
    const a = JSON.parse((await runCli(['webhook', 'analyze', events, '--json'], { cwd: dir, env: hermeticEnv() })).stdout);
    expect(a.statuses).toBe(2);
  });

  it('answers 500 when the write fails and takes Meta\'s retry for a new delivery, not a duplicate', async () => {
    const dir = tempDir();
    const events = join(dir, 'events.jsonl');
    // A file-size limit of 2,048 bytes (ulimit -f 4): the big event cannot be written, a small one can.
    writeFileSync(events, JSON.stringify({ kind: 'other', key: 'o:pad', field: 'pad', ts: '1', value: 'x'.repeat(1200) }) + '\n');
    const s = await serve(['--events', events], dir, {}, 'ulimit -f 4');
    const bigger = Buffer.from(corpus('status-delivered').toString().replace('wa-ops:fruehling-M', `wa-ops:${'z'.repeat(900)}-M`));
    expect(await post(s.url, bigger)).toBe(500);
    expect(await post(s.url, bigger)).toBe(500);
    expect(await post(s.url, corpus('status-read'))).toBe(200);
    await s.stop();
    expect(s.stderr()).toMatch(/could not write .*answered 500 so Meta retries/);
    const stored = lines(events).map((l) => JSON.parse(l));
    expect(stored.map((r) => r.kind)).toEqual(['other', 'status']);
  });
});

describe('webhook serve: a body it cannot take', () => {
  it('refuses a signed body nested too deep to store (400) and keeps serving the next ones', async () => {
    const dir = tempDir();
    const events = join(dir, 'events.jsonl');
    const s = await serve(['--events', events], dir);
    const n = 200_000;
    const deep = `{"object":"whatsapp_business_account","entry":[{"id":"1","time":1767225600,"changes":[{"field":"x","value":{"a":${'['.repeat(n)}${']'.repeat(n)}}}]}]}`;
    expect(await post(s.url, deep)).toBe(400);
    expect(await post(s.url, corpus('status-read'))).toBe(200);
    expect(await s.stop()).toBe(143);
    expect(lines(events).map((l) => JSON.parse(l).kind)).toEqual(['status']);
    expect(s.stderr()).not.toMatch(/internal error|RangeError/);
  });
});

describe('webhook serve: what it prints and how it stops', () => {
  it('prints one line per event (forced with --verbose off a terminal) and a summary sentence on stop', async () => {
    const dir = tempDir();
    const s = await serve(['--verbose'], dir);
    expect(await post(s.url, corpus('template-status-paused'))).toBe(200);
    expect(await post(s.url, corpus('template-status-paused'))).toBe(200);
    expect(await post(s.url, corpus('inbound-text-escape-sequence'))).toBe(200);
    expect(await s.stop()).toBe(143);
    const err = s.stderr();
    expect(err).toMatch(/account {2}message_template_status_update {2}spring_sale:de {2}status PAUSED/);
    expect(err).toMatch(/\(duplicate, not stored again\)/);
    expect(err).toMatch(/inbound {2}text +\+491709999004 {2}"hi  +there"/);
    expect(err).not.toMatch(/\u001b/);
    expect(err).toMatch(/stopped after [\d.]+\s?m?s: 2 events stored, 1 duplicate delivery ignored \(\d+ disk syncs?\)\./);
    expect(err).not.toMatch(/\{"received"/);
  });

  it('suppresses on a marketing stop and lifts it on resume', async () => {
    const dir = tempDir();
    const s = await serve([], dir, { WA_OPS_SUPPRESSIONS: join(dir, 'supp.jsonl') });
    expect(await post(s.url, corpus('user-preferences-stop'))).toBe(200);
    await s.stop();
    expect(readSuppressions(join(dir, 'supp.jsonl')).isSuppressed('+491709999011', 'MARKETING')).toMatchObject({ reason: 'marketing-opt-out', scope: 'marketing' });
    expect(readSuppressions(join(dir, 'supp.jsonl')).isSuppressed('+491709999011', 'UTILITY')).toBeNull();
    const t = await serve([], dir, { WA_OPS_SUPPRESSIONS: join(dir, 'supp.jsonl') });
    expect(await post(t.url, corpus('user-preferences-resume'))).toBe(200);
    await t.stop();
    expect(readSuppressions(join(dir, 'supp.jsonl')).isSuppressed('+491709999011', 'MARKETING')).toBeNull();
  });

  it('keeps the later of a stop and a resume that Meta delivered out of order, across restarts', async () => {
    const dir = tempDir();
    const env = { WA_OPS_SUPPRESSIONS: join(dir, 'supp.jsonl') };
    const s = await serve(['--verbose'], dir, env);
    expect(await post(s.url, corpus('user-preferences-resume'))).toBe(200); // happened second, arrives first
    await s.stop();
    const t = await serve(['--verbose'], dir, env);
    expect(await post(t.url, corpus('user-preferences-stop'))).toBe(200);
    await t.stop();
    const list = readSuppressions(join(dir, 'supp.jsonl'));
    expect(list.isSuppressed('+491709999011', 'MARKETING')).toBeNull();
    expect(list.history()).toMatchObject([{ op: 'lift', at: '2026-01-01T00:15:00.000Z', source: 'webhook' }]);
    expect(t.stderr()).toMatch(/older than the one recorded/);
  });

  it('finds the number of a 131050 known only by user id in the campaign ledgers (--campaigns, read only)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'c'));
    const ledger = join(dir, 'c', 'x.ledger.jsonl');
    const ledgerText = `${JSON.stringify({ t: 'header', campaignId: 'cmp1', template: 'spring_sale:de' })}\n${JSON.stringify({ t: 'sent', r: '+491705550077', wamid: 'wamid.HBgSREUuMTM0OTEyMDg2NTUzMDI3NBUCABEYEg==', at: '2026-01-01T00:00:00Z' })}\n`;
    writeFileSync(ledger, ledgerText);
    const s = await serve(['--campaigns', 'c'], dir);
    expect(await post(s.url, corpus('status-failed-131050-bsuid'))).toBe(200);
    await s.stop();
    expect(readSuppressions(join(dir, 'wa-ops.suppressions.jsonl')).entries()).toMatchObject([{ e164: '+491705550077', reason: '131050', scope: 'marketing', userId: 'DE.13491208655302741918' }]);
    expect(readFileSync(ledger, 'utf8')).toBe(ledgerText);
    // Without --campaigns the working directory is searched, as webhook analyze does.
    const other = tempDir();
    mkdirSync(join(other, 'campaigns', 'spring'), { recursive: true });
    writeFileSync(join(other, 'campaigns', 'spring', 'x.ledger.jsonl'), ledgerText);
    const d = await serve([], other);
    expect(await post(d.url, corpus('status-failed-131050-bsuid'))).toBe(200);
    await d.stop();
    expect(readSuppressions(join(other, 'wa-ops.suppressions.jsonl')).entries()).toMatchObject([{ e164: '+491705550077', reason: '131050' }]);
  });
});

describe('webhook serve --forward-to', () => {
  it('a second Ctrl-C during shutdown still keeps the undelivered forwards in the dead-letter file', async () => {
    const held: import('node:http').ServerResponse[] = [];
    const target: Server = createServer((_req, res) => void held.push(res)); // never answers
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const s = await serve(['--forward-to', `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`], dir);
    for (const name of ['status-read', 'status-delivered', 'inbound-text-non-ascii']) expect(await post(s.url, corpus(name))).toBe(200);
    for (let i = 0; i < 60 && held.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    s.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    expect(await s.stop('SIGINT')).toBe(130);
    target.closeAllConnections();
    target.close();
    expect(lines(join(dir, 'webhook-events.dead-letters.jsonl'))).toHaveLength(3);
    expect(s.stderr()).toMatch(/3 forward\(s\) not delivered, kept in .*dead-letters\.jsonl/);
  }, 30_000);

  it('forwards the exact body with its signature after storing it', async () => {
    const got: { body: string; sig: string | undefined }[] = [];
    const target: Server = createServer((req, res) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => {
        got.push({ body: b, sig: req.headers['x-hub-signature-256'] as string | undefined });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const s = await serve(['--forward-to', `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`], dir);
    const body = corpus('inbound-text-non-ascii');
    expect(await post(s.url, body)).toBe(200);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await s.stop();
    target.close();
    expect(got).toEqual([{ body: body.toString('latin1'), sig: signBody(body, SECRET) }]);
    expect(s.stderr()).toMatch(/1 forwarded, 0 dead letters/);
  });

  it('goes through HTTP_PROXY for a host that is not loopback', async () => {
    const seen: { tunnel: string | undefined; url: string | undefined; body: string; sig: string | undefined }[] = [];
    // The app behind the proxy, reached only through a CONNECT tunnel (as undici's proxy agent does it).
    let tunnel: string | undefined;
    const app: Server = createServer((req, res) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => {
        seen.push({ tunnel, url: req.url, body: b, sig: req.headers['x-hub-signature-256'] as string | undefined });
        res.end('ok');
      });
    });
    const proxy: Server = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, sock) => {
      tunnel = req.url;
      sock.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      app.emit('connection', sock);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const s = await serve(['--forward-to', 'http://app.example.invalid/whatsapp'], dir, { HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, NO_PROXY: '' });
    const body = corpus('status-read');
    expect(await post(s.url, body)).toBe(200);
    for (let i = 0; i < 60 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await s.stop();
    proxy.closeAllConnections();
    proxy.close();
    expect(seen).toEqual([{ tunnel: 'app.example.invalid:80', url: '/whatsapp', body: body.toString('utf8'), sig: signBody(body, SECRET) }]);
  });

  it('retries a dead endpoint, then keeps the body in the dead-letter file and says so', async () => {
    const dir = tempDir();
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    dead.close();
    const s = await serve(['--forward-to', `http://127.0.0.1:${port}/hook`, '--forward-attempts', '2', '--verbose'], dir);
    const body = corpus('status-sent-marketing');
    expect(await post(s.url, body)).toBe(200);
    const letters = join(dir, 'webhook-events.dead-letters.jsonl');
    for (let i = 0; i < 60 && !existsSync(letters); i++) await new Promise((r) => setTimeout(r, 50));
    await s.stop();
    const [letter] = lines(letters).map((l) => JSON.parse(l));
    expect(letter).toMatchObject({ attempts: 2, lastError: 'ECONNREFUSED', headers: { 'x-hub-signature-256': signBody(body, SECRET) } });
    expect(Buffer.from(letter.body, 'base64').equals(body)).toBe(true);
    expect(s.stderr()).toMatch(/forward failed \(ECONNREFUSED\), retrying/);
    expect(s.stderr()).toMatch(/forward gave up after 2 tries \(ECONNREFUSED\): kept as a dead letter/);
    expect(s.stderr()).toMatch(/0 forwarded \(1 retry\), 1 dead letter in .*webhook-events\.dead-letters\.jsonl/);
    expect(lines(join(dir, 'webhook-events.jsonl'))).toHaveLength(1);
  });
});

describe('webhook serve --forward-to --json', () => {
  it('prints where it listens as one JSON document, and the dead-letter count on stderr when stopped', async () => {
    const dir = tempDir();
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    dead.close();
    const s = await serve(['--json', '--forward-to', `http://127.0.0.1:${port}/hook`, '--forward-attempts', '1'], dir);
    const doc = JSON.parse(s.url);
    expect(doc).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/), events: join(dir, 'webhook-events.jsonl'), deadLetters: join(dir, 'webhook-events.dead-letters.jsonl') });
    expect(await post(doc.url, corpus('status-read'))).toBe(200);
    for (let i = 0; i < 60 && !existsSync(doc.deadLetters); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await s.stop('SIGINT')).toBe(130);
    expect(s.stderr()).toMatch(/stopped after .*: 1 event stored, 0 forwarded, 1 dead letter in /);
    expect(lines(doc.deadLetters)).toHaveLength(1);
  });
});

describe('webhook serve --forward-to, dead-letter file unwritable', () => {
  it('keeps serving and says where the event is, instead of crashing', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'webhook-events.dead-letters.jsonl'));
    const s = await serve(['--forward-to', 'http://127.0.0.1:9/hook', '--forward-attempts', '1'], dir);
    expect(await post(s.url, corpus('status-read'))).toBe(200);
    for (let i = 0; i < 60 && !/dead letter/.test(s.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await post(s.url, corpus('status-sent-marketing'))).toBe(200);
    expect(await s.stop()).toBe(143);
    expect(s.stderr()).toMatch(/forward gave up after 1 try \(ECONNREFUSED\): could not keep it as a dead letter \(.*webhook-events\.dead-letters\.jsonl: EISDIR\); the event is in the events file/);
    expect(lines(join(dir, 'webhook-events.jsonl'))).toHaveLength(2);
  });
});

describe('webhook: bad input is exit 2 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['--port 99999', ['webhook', 'serve', '--port', '99999'], /--port must be .*0.*65535/],
    ['--campaigns naming no folder', ['webhook', 'serve', '--port', '0', '--campaigns', 'nope'], /--campaigns nope: no such folder/],
    ['--forward-to that is not a URL', ['webhook', 'serve', '--port', '0', '--forward-to', 'not a url'], /--forward-to "not a url" is not a URL/],
    ['--forward-attempts without --forward-to', ['webhook', 'serve', '--port', '0', '--forward-attempts', '3'], /--forward-attempts goes with --forward-to/],
    ['--forward-to with credentials in the URL', ['webhook', 'serve', '--port', '0', '--forward-to', 'https://u:p@app.example.com/hook'], /must not carry credentials/],
    ['--events naming a folder', ['webhook', 'serve', '--port', '0', '--events', '.'], /is a folder; the events file must be a file/],
    ['analyze of a CSV file', ['webhook', 'analyze', 'kunden.csv'], /kunden\.csv:1: not an events file/],
    ['analyze of a folder', ['webhook', 'analyze', '/tmp'], /\/tmp is a folder, not an events file/],
    ['analyze --campaigns naming no folder', ['webhook', 'analyze', 'ev.jsonl', '--campaigns', 'nope'], /--campaigns nope: no such folder/],
    ['analyze without a file and no events file here', ['webhook', 'analyze'], /webhook-events\.jsonl: no such file/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'kunden.csv'), 'first_name;phone\nAnna;+49 170 1234567\n');
      writeFileSync(join(dir, 'ev.jsonl'), '');
      const r = await runCli(args, { cwd: dir, env: hermeticEnv() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    });
  }

  it('a port in use', async () => {
    const dir = tempDir();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const r = await runCli(['webhook', 'serve', '--port', String((busy.address() as AddressInfo).port)], { cwd: dir, env: hermeticEnv() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/port \d+ on 127\.0\.0\.1 is already in use/);
      // A server that never started leaves no empty events file of its own behind.
      expect(existsSync(join(dir, 'webhook-events.jsonl'))).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('a CSV named as --events or --suppressions: refused before anything is cut or appended', async () => {
    const dir = tempDir();
    const csv = 'phone,name\n+491701234567,Anna\n+491701234568,Ben';
    writeFileSync(join(dir, 'crm.csv'), csv);
    const asEvents = await runCli(['webhook', 'serve', '--port', '0', '--events', 'crm.csv'], { cwd: dir, env: hermeticEnv() });
    expect(asEvents.code).toBe(2);
    expect(asEvents.stderr).toMatch(/crm\.csv:1: not an events file .*nothing was changed in it/);
    const asList = await runCli(['webhook', 'serve', '--port', '0', '--suppressions', 'crm.csv'], { cwd: dir, env: hermeticEnv() });
    expect(asList.code).toBe(2);
    expect(asList.stderr).toMatch(/crm\.csv:1: not a suppression list/);
    expect(readFileSync(join(dir, 'crm.csv'), 'utf8')).toBe(csv);
    expect(existsSync(join(dir, 'webhook-events.jsonl'))).toBe(false);
  });

  it('a suppression list in a folder that does not exist: refused at start, not when the first STOP arrives', async () => {
    const dir = tempDir();
    const r = await runCli(['webhook', 'serve', '--port', '0', '--suppressions', 'nodir/s.jsonl'], { cwd: dir, env: hermeticEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create the suppression list \S*nodir\/s\.jsonl: the folder \S*nodir does not exist/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('analyze reads the events setting when no file is given', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.jsonl'), readFileSync(join(fixtures, 'webhooks', 'status-read.json'), 'utf8').length ? '{"kind":"status","key":"s:w:read","id":"w","status":"read","ts":"1767225600","recipient":"491701234567"}\n' : '');
    const r = await runCli(['webhook', 'analyze', '--json'], { cwd: dir, env: hermeticEnv({ WA_OPS_EVENTS: 'mine.jsonl' }) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ statuses: 1 });
  });
});

describe('webhook serve: a suppression list it cannot write for a while', () => {
  it('keeps the refused opt-outs, writes them with the next one, and prints the commands for any left at the stop', async () => {
    const dir = tempDir();
    const list = join(dir, 'list.jsonl');
    const s = await serve(['--events', join(dir, 'events.jsonl'), '--suppressions', list], dir);
    mkdirSync(list); // the list path turns into a folder: every append fails
    expect(await post(s.url, corpus('inbound-text-stop'))).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.stderr()).toMatch(/could not write the suppression list .*1 opt-out is kept and tried again/);
    rmdirSync(list);
    expect(await post(s.url, corpus('status-failed-131050'))).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const kept = readSuppressions(list).entries().map((r) => r.e164);
    expect(kept).toHaveLength(2);
    // Refused again until the stop: the stop prints the command that adds each one, which works as printed.
    mkdirSync(join(dir, 'gone'));
    const s2 = await serve(['--events', join(dir, 'events2.jsonl'), '--suppressions', join(dir, 'gone', 'l.jsonl')], dir);
    rmdirSync(join(dir, 'gone'));
    expect(await post(s2.url, corpus('inbound-text-stop'))).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    await s.stop();
    await s2.stop();
    const cmd = /add it with: (wa-ops suppressions add .*)$/m.exec(s2.stderr())?.[1];
    expect(cmd).toBeDefined();
    mkdirSync(join(dir, 'gone'));
    const r = await runCli(cmd!.split(' ').slice(1), { cwd: dir, env: hermeticEnv() });
    expect(r.code).toBe(0);
    expect(readSuppressions(join(dir, 'gone', 'l.jsonl')).size).toBe(1);
  });
});

describe('doctor reads the account and template events webhook serve stored', () => {
  it('fails webhook.events while the template is paused, passes once it is approved again', async () => {
    const dir = tempDir();
    const s = await serve([], dir);
    for (const f of ['template-status-approved', 'template-status-paused', 'phone-number-quality-flagged']) expect(await post(s.url, corpus(f))).toBe(200);
    await s.stop();
    const doctor = () => runCli(['doctor', '--offline', '--template', 'spring_sale:de', '--json'], { cwd: dir, env: hermeticEnv() });
    const paused = await doctor();
    expect(paused.code).toBe(1);
    const check = JSON.parse(paused.stdout).checks.find((c: { id: string }) => c.id === 'webhook.events');
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/spring_sale:de: status PAUSED/), hint: expect.stringMatching(/132015/) });
    const again = JSON.parse(readFileSync(join(fixtures, 'webhooks', 'template-status-approved.json'), 'utf8'));
    again.entry[0].time = 1767225600 + 86400;
    const t = await serve([], dir);
    expect(await post(t.url, JSON.stringify(again))).toBe(200);
    await t.stop();
    const approved = JSON.parse((await doctor()).stdout).checks.find((c: { id: string }) => c.id === 'webhook.events');
    expect(approved).toMatchObject({ status: 'warn', detail: expect.stringMatching(/FLAGGED/) });
  });
});
