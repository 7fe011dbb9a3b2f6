// The built `webhook serve` on real HTTP with bodies escaped as Meta sends them: group statuses, bodies with nothing known,
// a first event over 64 KB across a restart, HEAD, opt-out words in several languages.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { readSuppressions } from '../../src/io/suppressions.js';
import { startWebhookServer } from '../../src/webhook/server.js';
import { root, runCli, tempDir } from '../helpers.js';

const SECRET = 'review-secret';

/** JSON as Meta writes it: non-ASCII as \u escapes (emoji as surrogate pairs), "/" as "\/". */
const metaJson = (x: unknown): string =>
  JSON.stringify(x)
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) e[k] = v;
  return { ...e, NO_COLOR: '1', CI: '1', WA_OPS_APP_SECRET: SECRET, WA_OPS_VERIFY_TOKEN: 'vt' };
}

/** The built CLI's `webhook serve` in `cwd`; its URL once printed, and a stop that resolves with the exit code. */
function serve(cwd: string, events = 'events.jsonl'): Promise<{ url: string; stop: () => Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', '--events', events], { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ url: String(d).trim(), stop: () => (child.kill('SIGINT'), closed), stderr: () => err }));
    void closed.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

async function post(url: string, x: unknown): Promise<number> {
  const raw = metaJson(x);
  const res = await fetch(url, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, SECRET) } });
  await res.arrayBuffer();
  return res.status;
}

const W = '210987654321098';
const meta = { display_phone_number: '15550783881', phone_number_id: '109876543210987' };
const change = (field: string, value: object) => ({ object: 'whatsapp_business_account', entry: [{ id: W, time: 1767225600, changes: [{ field, value }] }] });
const statuses = (...s: object[]) => change('messages', { messaging_product: 'whatsapp', metadata: meta, statuses: s });
const text = (id: string, from: string, body: string) => change('messages', { messaging_product: 'whatsapp', metadata: meta, contacts: [{ profile: { name: 'Zoë 🌸' }, wa_id: from }], messages: [{ from, id, timestamp: '1767225601', type: 'text', text: { body } }] });
const records = (dir: string) => readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('webhook serve: events that were answered 200 and lost', () => {
  it("stores each participant's status of a group message, keeps the conversation, and a body with nothing known", async () => {
    const dir = tempDir('wa-ops-review-');
    const s = await serve(dir);
    const conversation = { id: 'CONV-1', expiration_timestamp: '1767312000', origin: { type: 'marketing' } };
    const group = (p: string) => ({ id: 'wamid.G1', status: 'delivered', timestamp: '1767225600', recipient_id: 'GROUP-1', recipient_type: 'group', recipient_participant_id: p, conversation });
    const odd = { object: 'whatsapp_business_account', entry: [{ id: W, time: 1767225600, messaging: [{ note: 'Grüße' }] }] };
    for (const b of [statuses(group('491700000001')), statuses(group('491700000002')), statuses(group('491700000002')), odd, odd]) expect(await post(s.url, b)).toBe(200);
    expect(await s.stop()).toBe(130);
    const stored = records(dir);
    expect(stored.map((r) => r.kind)).toEqual(['status', 'status', 'other']);
    expect(stored[1]).toMatchObject({ id: 'wamid.G1', extra: { recipient_participant_id: '491700000002', conversation } });
    expect(stored[2]).toMatchObject({ field: 'body', value: { entry: [{ messaging: [{ note: 'Grüße' }] }] } });
  });

  it('restarts on its own events file whose first event is a history sync over 64 KB, and analyze reads it', async () => {
    const dir = tempDir('wa-ops-review-');
    const messages = Array.from({ length: 500 }, (_, i) => ({ from: '491709999001', id: `wamid.H${i}`, timestamp: '1767225600', type: 'text', text: { body: `Grüße Nummer ${i} ${'·'.repeat(80)}` } }));
    const first = await serve(dir);
    expect(await post(first.url, change('history', { messaging_product: 'whatsapp', metadata: meta, history: [{ metadata: { phase: 0, chunk_order: 1, progress: 100 }, threads: [{ id: '491709999001', messages }] }] }))).toBe(200);
    expect(await first.stop()).toBe(130);
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8').indexOf('\n')).toBeGreaterThan(64 * 1024);
    const again = await serve(dir);
    expect(await post(again.url, statuses({ id: 'wamid.O1', status: 'sent', timestamp: '1767225600', recipient_id: '491701234567' }))).toBe(200);
    expect(await again.stop()).toBe(130);
    const r = await runCli(['webhook', 'analyze', 'events.jsonl', '--json'], { cwd: dir, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 2, statuses: 1 });
  });
});

describe('webhook serve: HTTP edges and opt-out words', () => {
  it('answers HEAD like GET, names the allowed methods on 405, and suppresses typed STOP words in several languages', async () => {
    const dir = tempDir('wa-ops-review-');
    const s = await serve(dir);
    const head = await fetch(`${s.url}?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=1158201444`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '10']);
    const put = await fetch(s.url, { method: 'PUT' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);
    // 551187654321: an older Brazilian account's wa_id, without the mobile 9 that the business's list has.
    const words: [string, string][] = [['31612345001', 'Afmelden'], ['79161234501', 'СТОП'], ['971501234501', 'إيقاف'], ['48601234501', 'Wypisz'], ['491701234501', 'Abmelden'], ['491701234502', 'Stopover?'], ['551187654321', 'Sair']];
    for (const [from, word] of words) expect(await post(s.url, text(`wamid.IN-${from}`, from, word))).toBe(200);
    expect(await s.stop()).toBe(130);
    const list = readSuppressions(join(dir, 'wa-ops.suppressions.jsonl'));
    expect(list.history().map((x) => x.e164).sort()).toEqual(['+31612345001', '+48601234501', '+491701234501', '+551187654321', '+79161234501', '+971501234501']);
    expect(list.isSuppressed('+5511987654321', 'MARKETING')).toMatchObject({ reason: 'stop-word' });
  });
});

/** Wait (up to 15 s) until `ok` holds: the server looks at its events file's path once a second. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(ok()).toBe(true);
}

describe('webhook serve: its events file moved or removed while it runs', () => {
  it('opens a new file at the path (rotation, rm), and answers 503 rather than acknowledge into a removed file', async () => {
    const dir = tempDir('wa-ops-review-');
    const path = join(dir, 'events.jsonl');
    const s = await serve(dir);
    const st = (id: string) => statuses({ id, status: 'sent', timestamp: '1767225600', recipient_id: '491701234567' });
    expect(await post(s.url, st('wamid.R1'))).toBe(200);
    const ids = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    renameSync(path, join(dir, 'events.1.jsonl'));
    // The new file is in use once the swap is said (it exists a moment before: a POST then is answered 503).
    const swaps = () => s.stderr().split('events from now on go to a new').length - 1;
    await until(() => swaps() === 1);
    expect(await post(s.url, st('wamid.R2'))).toBe(200);
    // A retry of an event in the rotated file is still a duplicate.
    expect(await post(s.url, st('wamid.R1'))).toBe(200);
    expect(ids(path)).toEqual(['wamid.R2']);
    expect(ids(join(dir, 'events.1.jsonl'))).toEqual(['wamid.R1']);
    const ino = statSync(path).ino;
    rmSync(path);
    await until(() => swaps() === 2 && existsSync(path) && statSync(path).ino !== ino);
    expect(await post(s.url, st('wamid.R3'))).toBe(200);
    expect(ids(path)).toEqual(['wamid.R3']);
    // Removed and replaced by something that is not an events file: nothing can be written where readers look.
    rmSync(path);
    writeFileSync(path, 'phone,name\n');
    let code = 0;
    for (let i = 0; i < 150 && code !== 503; i++) {
      code = await post(s.url, st('wamid.R4'));
      if (code !== 503) await new Promise((r) => setTimeout(r, 100));
    }
    expect(code).toBe(503);
    expect(await s.stop()).toBe(130);
    expect(readFileSync(path, 'utf8')).toBe('phone,name\n');
  });

  it('keeps serving into the open file when its folder was moved and a file took the folder\'s name', async () => {
    const dir = tempDir('wa-ops-review-');
    mkdirSync(join(dir, 'd'));
    const s = await serve(dir, 'd/events.jsonl');
    const st = (id: string) => statuses({ id, status: 'sent', timestamp: '1767225600', recipient_id: '491701234567' });
    expect(await post(s.url, st('wamid.M1'))).toBe(200);
    renameSync(join(dir, 'd'), join(dir, 'd2'));
    writeFileSync(join(dir, 'd'), '');
    await until(() => s.stderr().includes('cannot be looked at'));
    expect(await post(s.url, st('wamid.M2'))).toBe(200);
    expect(await s.stop()).toBe(130);
    expect(readFileSync(join(dir, 'd2', 'events.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('webhook serve: a POST right after its events file was rotated or removed (before the once-a-second look)', () => {
  it('is never acknowledged into the rotated or removed file: 503 (Meta retries), or 200 once in the new file', async () => {
    const dir = tempDir('wa-ops-review-');
    const path = join(dir, 'events.jsonl');
    const s = await serve(dir);
    const st = (id: string) => statuses({ id, status: 'sent', timestamp: '1767225600', recipient_id: '491701234567' });
    const ids = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id) : []);
    expect(await post(s.url, st('wamid.W1'))).toBe(200);
    renameSync(path, join(dir, 'events.1.jsonl'));
    const rotated = await post(s.url, st('wamid.W2'));
    expect([503, 200]).toContain(rotated);
    expect(ids(join(dir, 'events.1.jsonl'))).toEqual(['wamid.W1']);
    if (rotated === 200) expect(ids(path)).toEqual(['wamid.W2']);
    const swaps = () => s.stderr().split('events from now on go to a new').length - 1;
    await until(() => swaps() === 1);
    rmSync(path);
    const removed = await post(s.url, st('wamid.W3'));
    expect([503, 200]).toContain(removed);
    if (removed === 200) expect(ids(path)).toContain('wamid.W3');
    // Meta's retry lands in the file at the path.
    await until(() => swaps() === 2);
    let code = 0;
    for (let i = 0; i < 50 && code !== 200; i++) code = await post(s.url, st('wamid.W3'));
    expect(code).toBe(200);
    expect(ids(path)).toContain('wamid.W3');
    expect(await s.stop()).toBe(130);
  });
});

describe('webhook serve: stopping while POSTs are in flight', () => {
  it('answers every body it has taken once it is durable, instead of cutting the connection (Meta would send it again)', async () => {
    const dir = tempDir('wa-ops-review-');
    const server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: join(dir, 'events.jsonl'), suppressionsPath: join(dir, 'suppressions.jsonl') });
    const n = 200;
    const answers = Array.from({ length: n }, (_, i) => post(server.url, statuses({ id: `wamid.F${i}`, status: 'delivered', timestamp: '1767225600', recipient_id: '491701234567' })).catch(() => 0));
    // Every body read and handed to the intake; then the stop (Ctrl-C) comes.
    while (server.stats.received < n) await new Promise((r) => setImmediate(r));
    await server.close();
    const codes = await Promise.all(answers);
    expect(codes.filter((c) => c !== 200)).toEqual([]);
    expect(records(dir)).toHaveLength(n);
  });
});

describe('webhook serve: a hurried stop (second Ctrl-C) while POSTs are in flight', () => {
  it('finishes the batch being written and answers nothing that is not in the events file', async () => {
    const dir = tempDir('wa-ops-review-');
    const server = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: SECRET, eventsPath: join(dir, 'events.jsonl'), suppressionsPath: join(dir, 'suppressions.jsonl') });
    const n = 200;
    const ids = Array.from({ length: n }, (_, i) => `wamid.H${i}`);
    const answers = ids.map((id) => post(server.url, statuses({ id, status: 'delivered', timestamp: '1767225600', recipient_id: '491701234567' })).catch(() => 0));
    while (server.stats.received < n / 2) await new Promise((r) => setImmediate(r));
    await server.finishInFlight();
    const codes = await Promise.all(answers);
    const stored = new Set(records(dir).map((r) => r.id));
    expect(ids.filter((id, i) => codes[i] === 200 && !stored.has(id))).toEqual([]);
    await server.close();
  });
});

describe('webhook analyze: a body saved as indented JSON', () => {
  it('reads a pretty-printed body (or a list of them) as one document; other indented JSON is still refused', async () => {
    const dir = tempDir('wa-ops-review-');
    const sent = statuses({ id: 'wamid.P1', status: 'sent', timestamp: '1767225600', recipient_id: '491701234567', biz_opaque_callback_data: 'wa-ops:spring:+491701234567' });
    const read = statuses({ id: 'wamid.P1', status: 'read', timestamp: '1767225700', recipient_id: '491701234567', biz_opaque_callback_data: 'wa-ops:spring:+491701234567' });
    writeFileSync(join(dir, 'one.json'), JSON.stringify(sent, null, 2));
    writeFileSync(join(dir, 'list.json'), JSON.stringify([sent, read, sent], null, 2));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ campaign: 'x', template: 'y' }, null, 2));
    const one = await runCli(['webhook', 'analyze', 'one.json', '--json'], { cwd: dir, env: env() });
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ events: 1, statuses: 1 });
    const list = await runCli(['webhook', 'analyze', 'list.json', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(list.stdout)).toMatchObject({ events: 2, funnels: [{ campaign: 'spring', sent: 1, delivered: 1, read: 1 }] });
    const other = await runCli(['webhook', 'analyze', 'config.json'], { cwd: dir, env: env() });
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining('config.json:1: not an events file')]);
  });
});
