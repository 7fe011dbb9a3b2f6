// The adversary's second pass (issue 16), through the built binary: a campaign file naming URLs, a list that
// is really a secret file or a device, a server that answers with terminal escapes, base64 echoes and names
// made to be paths, and symlinks planted at every output a command writes.
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const TOKEN = 'EAAGtrust2+tok/en=1234567890abc';
const ESC = '\x1b]0;pwned\x07\x1b[2J\x1b]52;c;QUFB\x07\x9b31m';
let server: Server;
let url: string;
let hits = 0;

function answer(req: IncomingMessage, res: ServerResponse): void {
  hits++;
  const auth = String(req.headers.authorization);
  const echoed = `${auth} ${Buffer.from(auth).toString('base64')} ${JSON.stringify(auth)} ${encodeURIComponent(auth)}`;
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const path = req.url ?? '';
  if (path.includes('/steal')) return json(200, {});
  if (path.includes('message_templates')) {
    return json(200, {
      data: [
        { name: 'spring_sale', language: 'de', status: 'APPROVED', category: 'MARKETING', id: '1', components: [{ type: 'BODY', text: `Hallo {{1}} ${ESC}` }] },
        { name: `../../escape_${echoed}`, language: 'de', status: `APPROVED${ESC}`, category: 'MARKETING', id: '2', components: [] },
        { name: 'ok_name', language: '../../x', status: 'APPROVED', category: 'UTILITY', id: '3', components: [] },
      ],
    });
  }
  if (path.includes('subscribed_apps')) return json(200, { data: [{ unexpected: true }] });
  if (path.includes('/messages')) return json(400, { error: { message: `refused ${ESC} ${echoed}`, code: 131009, error_data: { details: `${ESC}${echoed}` } } });
  return json(401, { error: { message: `bad token ${ESC} ${echoed}`, code: 190, error_user_msg: echoed } });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = () => ({ WA_OPS_GRAPH_URL: url, WA_OPS_TOKEN: TOKEN, WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
const b64Middle = Buffer.from(`Bearer ${TOKEN}`).toString('base64').slice(12, 36);

function expectClean(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
  expect(text).not.toContain(b64Middle);
  expect(text).not.toMatch(/[\x07\x1b\x9b]/);
}

function campaignDir(extra: Record<string, unknown> = {}, recipients = 'list.csv'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'list.csv'), 'phone,first_name\n+4915112345678,Ada\n+4915112345679,Bob\n');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'trust', recipients, template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name'] }, ...extra }));
  return dir;
}

describe('a campaign file never chooses where the token goes', () => {
  it.each(['graphUrls', 'graphUrl', 'baseUrl', 'apiUrl', 'endpoint'])('"%s" is refused by send, send --dry-run, doctor and status, and nothing is contacted', async (key) => {
    hits = 0;
    const steal = `${url}/steal`;
    const dir = campaignDir({ [key]: key === 'graphUrls' ? [steal] : steal });
    for (const args of [['send', '--yes'], ['send', '--dry-run'], ['doctor', '--offline'], ['status']]) {
      const r = await runCli([...args, '--campaign', join(dir, 'c.json')], { env: env(), cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/cannot name Graph API URLs|unknown key/);
    }
    expect(hits).toBe(0);
  });
});

describe('a list that is not a list: nothing of it is echoed', () => {
  const secretLine = `WA_OPS_TOKEN=${TOKEN}`;
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['.env', (d) => (writeFileSync(join(d, '.env.list'), `${secretLine}\nWA_OPS_APP_SECRET=s3cr3t-value-9\n`), '.env.list'), /does not look like a CSV header/],
    ['~/.npmrc', (d) => (writeFileSync(join(d, 'npmrc'), `//registry.npmjs.org/:_authToken=${TOKEN}\n`), 'npmrc'), /does not look like a CSV header/],
    ['binary', (d) => (writeFileSync(join(d, 'bin.dat'), Buffer.from([0, 1, 2, 255, 0, 80, 75, ...Buffer.from(TOKEN)])), 'bin.dat'), /binary data/],
    ['a folder', (d) => (mkdirSync(join(d, 'folder')), 'folder'), /directory|folder/],
    ['a FIFO', (d) => (execFileSync('mkfifo', [join(d, 'fifo')]), 'fifo'), /named pipe/],
    ['/dev/zero', () => '/dev/zero', /character device/],
    ['/proc/self/environ', () => '/proc/self/environ', /kernel generates/],
  ];
  it.each(cases)('%s as recipients: one line, exit 2, in validate-numbers, send --dry-run and doctor --campaign', async (_name, make, why) => {
    const dir = tempDir();
    const target = make(dir);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'x', recipients: target, template: { name: 'spring_sale', language: 'de' } }));
    for (const args of [['validate-numbers', target], ['send', '--campaign', 'c.json', '--dry-run'], ['doctor', '--offline', '--campaign', 'c.json']]) {
      const r = await runCli(args, { env: { ...env(), WA_OPS_TOKEN: 'EAAGsomethingelse123' }, cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(why);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('wa-ops:'))).toHaveLength(1);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      expect(r.stdout + r.stderr).not.toContain('s3cr3t');
    }
  });
});

describe('a hostile server: escapes, echoes, names made to be paths', () => {
  it.each([[['doctor', '--template', 'spring_sale:de']], [['doctor', '--json', '--verbose']], [['templates', 'list']], [['templates', 'list', '--json']], [['send', '--to', '+4915112345678', '--text', 'hi', '--yes', '--verbose']], [['init', '--phone-number-id', '1', '--waba-id', '2', '--json']]])('%j prints no escape and no secret in any spelling', async (args) => {
    const cwd = tempDir();
    const r = await runCli(args, { env: env(), cwd });
    expect([0, 1, 3]).toContain(r.code);
    if (args[0] === 'init') expect(readdirSync(cwd)).toEqual([]); // a refused token is written nowhere
    expectClean(r.stdout + r.stderr);
  });

  it('doctor fails the check whose answer has another shape (no exit 70)', async () => {
    const r = await runCli(['doctor', '--json'], { env: env() });
    expect(r.code).toBe(1);
    const apps = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'waba.subscribed-apps');
    expect(apps).toMatchObject({ status: 'fail', detail: expect.stringMatching(/shape/) });
  });

  it('templates pull writes only names the API could have made, inside --out', async () => {
    const dir = tempDir();
    const r = await runCli(['templates', 'pull', '--out', 'pulled'], { env: env(), cwd: dir });
    expectClean(r.stdout + r.stderr);
    expect(readdirSync(join(dir, 'pulled')).sort()).toEqual(['.wa-ops-templates', 'spring_sale.de.json']);
    expect(readdirSync(dir)).toEqual(['pulled']);
    expect(readFileSync(join(dir, 'pulled', 'spring_sale.de.json'), 'utf8')).not.toMatch(/[\x07\x1b]/);
  });
});

/** Plant a symlink to a victim file at `name` in dir; returns a check that the victim is untouched. */
function plant(dir: string, name: string): () => void {
  const victim = join(dir, `victim-${name.replace(/\W/g, '')}.txt`);
  writeFileSync(victim, 'keep me\n');
  symlinkSync(victim, join(dir, name));
  return () => {
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(false);
  };
}

describe('outputs: planted symlinks, inputs, devices and FIFOs', () => {
  it('analyze --html, status --export, suppressions export and init never write through a planted symlink', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'events.jsonl'), '{"kind":"status","key":"k","id":"wamid.1","status":"sent","ts":"1700000000","recipient":"4915112345678"}\n');
    const initDir = tempDir();
    const checks = [plant(dir, 'report.html'), plant(dir, 'export.csv'), plant(dir, 'opt-outs.csv'), plant(initDir, 'wa-ops.config.json'), plant(initDir, '.env')];
    const runs: [string[], string][] = [
      [['webhook', 'analyze', 'events.jsonl', '--html', 'report.html'], dir],
      [['status', '--campaign', 'c.json', '--export', 'export.csv'], dir],
      [['suppressions', 'export', '--out', 'opt-outs.csv', '--force'], dir],
      [['init', '--phone-number-id', '1', '--waba-id', '2', '--no-doctor', '--force'], initDir],
    ];
    for (const [args, cwd] of runs) {
      const r = await runCli(args, { env: { WA_OPS_TOKEN: 'sandbox-token', WA_OPS_GRAPH_URL: 'http://127.0.0.1:9' }, cwd });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    for (const check of checks) check();
    for (const d of [dir, initDir]) expect(readdirSync(d).filter((f) => /partial|\.tmp$/.test(f))).toEqual([]);
    expect(statSync(join(initDir, '.env')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(initDir, '.env'), 'utf8')).toMatch(/WA_OPS_TOKEN=sandbox-token/);
  });

  it('an output that is an input is refused, the suppression list included (even with --force)', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'events.jsonl'), '{"kind":"status","key":"k","id":"wamid.1","status":"sent","ts":"1700000000","recipient":"4915112345678"}\n');
    expect((await runCli(['suppressions', 'add', '+4915112345678'], { cwd: dir })).code).toBe(0);
    const list = readFileSync(join(dir, 'wa-ops.suppressions.jsonl'), 'utf8');
    for (const args of [
      ['webhook', 'analyze', 'events.jsonl', '--html', 'events.jsonl'],
      ['status', '--campaign', 'c.json', '--export', 'list.csv'],
      ['suppressions', 'export', '--out', 'wa-ops.suppressions.jsonl', '--force'],
    ]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/input file|replace/);
    }
    expect(readFileSync(join(dir, 'wa-ops.suppressions.jsonl'), 'utf8')).toBe(list);
  });

  it('a folder given as an output is named as a folder with its flag, --force or not, and nothing is written into it', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'events.jsonl'), '{"kind":"status","key":"k","id":"wamid.1","status":"sent","ts":"1700000000","recipient":"4915112345678"}\n');
    expect((await runCli(['suppressions', 'add', '+4915112345678'], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, 'victim'));
    for (const [args, flag] of [
      [['suppressions', 'export', '--out', 'victim'], '--out'],
      [['suppressions', 'export', '--out', 'victim', '--force'], '--out'],
      [['validate-numbers', 'list.csv', '--out', 'victim'], '--out'],
      [['validate-numbers', 'list.csv', '--valid-out', 'victim'], '--valid-out'],
      [['validate-numbers', 'list.csv', '--sample-out', 'victim'], '--sample-out'],
      [['status', '--campaign', 'c.json', '--export', 'victim'], '--export'],
      [['webhook', 'analyze', 'events.jsonl', '--html', 'victim'], '--html'],
    ] as const) {
      const r = await runCli([...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('wa-ops:'))).toEqual([`wa-ops: ${flag} victim is a folder, not a file`]);
      expect(r.stderr, args.join(' ')).not.toMatch(/--force/);
    }
    expect(readdirSync(join(dir, 'victim'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => /partial/.test(f))).toEqual([]);
  });

  it('a FIFO output is written in place, and "-" is standard output', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'events.jsonl'), '{"kind":"status","key":"k","id":"wamid.1","status":"sent","ts":"1700000000","recipient":"4915112345678"}\n');
    execFileSync('mkfifo', [join(dir, 'pipe.html')]);
    const reader = new Promise<string>((resolve) => {
      const cat = spawn('cat', [join(dir, 'pipe.html')]);
      let text = '';
      cat.stdout.on('data', (d) => (text += d));
      cat.on('close', () => resolve(text));
    });
    const r = await runCli(['webhook', 'analyze', 'events.jsonl', '--html', 'pipe.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await reader).toMatch(/<html/i);
    expect(lstatSync(join(dir, 'pipe.html')).isFIFO()).toBe(true);
    const s = await runCli(['suppressions', 'export', '--out', '-'], { cwd: dir });
    expect(s.stdout).toMatch(/^phone,wa_id,reason/);
    // "-": stdout holds only the data (the human summary moves to stderr); with --json it is refused (one document).
    const html = await runCli(['webhook', 'analyze', 'events.jsonl', '--html', '-'], { cwd: dir });
    expect(html.code).toBe(0);
    expect(html.stdout.trim()).toMatch(/^<!doctype html>[\s\S]*<\/html>$/i);
    const c = campaignDir();
    const csv = await runCli(['status', '--campaign', 'c.json', '--export', '-'], { cwd: c });
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
    expect(csv.stdout).toMatch(/^recipient,line,state/);
    for (const [args, cwd] of [[['webhook', 'analyze', 'events.jsonl', '--html', '-', '--json'], dir], [['status', '--campaign', 'c.json', '--export', '-', '--json'], c]] as const) {
      const r = await runCli([...args], { cwd });
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe('bad-flag');
    }
  });
});

describe('a long pause is never silent', () => {
  it('send --json that reaches the daily budget says on stderr that it waits, and until when; so does a rerun', async () => {
    const { startSandbox } = await import('../../src/sandbox/server.js');
    const { root } = await import('../helpers.js');
    const sb = await startSandbox({ scenarios: ['limit-250'] });
    try {
      const dir = tempDir();
      const rows = Array.from({ length: 240 }, (_, i) => `+4915112${String(i).padStart(6, '0')},N${i},V${i}`);
      writeFileSync(join(dir, 'list.csv'), ['phone,first_name,voucher', ...rows].join('\n') + '\n');
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'budget', recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } }));
      const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', 'c.json', '--yes', '--interval', '20ms', '--json'], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const said = new Promise<void>((resolve) =>
        child.stderr.on('data', (d) => {
          stderr += d;
          if (/(cooldown: |budget reached).*waiting/.test(stderr)) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await Promise.race([said, exited, new Promise((r) => setTimeout(r, 60_000))]);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(stderr).toMatch(/(cooldown: daily budget|daily budget reached): .*waiting/);
      expect(JSON.parse(stdout)).toMatchObject({ outcome: 'interrupted' });
      // The rerun finds the budget used up before it sends anything: it records a pause and says so too.
      const again = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'send', '--campaign', 'c.json', '--yes', '--interval', '20ms', '--json'], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1', WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err2 = '';
      const said2 = new Promise<void>((resolve) =>
        again.stderr.on('data', (d) => {
          err2 += d;
          if (/waiting/.test(err2)) resolve();
        }),
      );
      const exited2 = new Promise<number | null>((resolve) => again.on('close', (code) => resolve(code)));
      await Promise.race([said2, exited2, new Promise((r) => setTimeout(r, 30_000))]);
      again.kill('SIGTERM');
      expect(await exited2).toBe(143);
      expect(err2).toMatch(/(cooldown: daily budget|daily budget reached): .*waiting/);
    } finally {
      await sb.close();
    }
  }, 90_000);
});

describe('the ledger is only ever a ledger', () => {
  it('a symlink planted at the ledger name, or --ledger naming another file, is refused and left byte for byte', async () => {
    const dir = campaignDir();
    const victim = join(dir, 'victim.sh');
    writeFileSync(victim, 'export PATH=/usr/bin\nalias x=y'); // no final line break: a "torn line" to trim
    symlinkSync(victim, join(dir, 'c.ledger.jsonl'));
    const e = { WA_OPS_GRAPH_URL: 'http://127.0.0.1:9', WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987' };
    const linked = await runCli(['send', '--campaign', 'c.json', '--yes'], { env: e, cwd: dir });
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/symbolic link/);
    writeFileSync(join(dir, 'notes.txt'), 'line one\nline two without a break');
    const other = await runCli(['send', '--campaign', 'c.json', '--yes', '--ledger', 'notes.txt'], { env: e, cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not a wa-ops ledger/);
    expect(readFileSync(victim, 'utf8')).toBe('export PATH=/usr/bin\nalias x=y');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('line one\nline two without a break');
  });
});
