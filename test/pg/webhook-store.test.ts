// Two webhook receivers sharing one PostgreSQL store: every record stored once whatever receiver got it,
// 200 only after the commit, opt-outs in the store's suppression list, and analyze --store printing the
// same report as analyze of an events file that received the same POSTs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/core/webhook/signature.js';
import { readSuppressions } from '../../src/io/suppressions.js';
import { closePg, connectPg } from '../../src/io/store/pg/connect.js';
import { readPgSuppressions } from '../../src/io/store/pg/suppression-store.js';
import { fixtures, root, runCli, tempDir } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';

const SECRET = 'pg-webhook-secret';
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WA_OPS_')) out[k] = v;
  return { ...out, NO_COLOR: '1', CI: '1', WA_OPS_APP_SECRET: SECRET, ...extra };
};

interface Serve {
  url: string;
  child: ChildProcess;
  stop: () => Promise<number | null>;
}

function serve(args: string[], cwd: string): Promise<Serve> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), 'webhook', 'serve', '--port', '0', ...args], { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve({ url: String(d).trim(), child, stop: () => (child.kill('SIGTERM'), closed) }));
    void closed.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function post(url: string, body: Buffer<ArrayBuffer>): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) } });
  await res.arrayBuffer();
  return res.status;
}

let url: string;
const bodies = readdirSync(join(fixtures, 'webhooks'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(join(fixtures, 'webhooks', f)) as Buffer<ArrayBuffer>);

describe.skipIf(!pgUrl)('webhook serve and analyze with --store', () => {
  let a: Serve, b: Serve, file: Serve;
  const dir = tempDir('wa-ops-store-wh-');
  beforeAll(async () => {
    url = await freshDatabase();
    expect((await runCli(['store', 'migrate', '--store', url], { env: env() })).code).toBe(0);
    [a, b, file] = await Promise.all([serve(['--store', url], tempDir()), serve(['--store', url], tempDir()), serve(['--events', join(dir, 'events.jsonl')], dir)]);
  });
  afterAll(async () => {
    await Promise.all([a, b, file].filter(Boolean).map((s) => s.stop()));
    await closePg();
  });

  it('stores each record once across two receivers, and analyze --store matches analyze of a file', async () => {
    for (const body of bodies) {
      // Meta retrying on another instance behind the load balancer: both get it, at once and again.
      const codes = await Promise.all([post(a.url, body), post(b.url, body), post(b.url, body)]);
      expect(codes).toEqual([200, 200, 200]);
      expect(await post(file.url, body)).toBe(200);
    }
    const stored = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM wa_ops.webhook_events');
    const fileLines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(stored[0].n).toBe(fileLines.length);
    expect(stored[0].n).toBeGreaterThan(bodies.length);

    const fromStore = await runCli(['webhook', 'analyze', '--store', url, '--json'], { env: env(), cwd: tempDir() });
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const fromFile = await runCli(['webhook', 'analyze', join(dir, 'events.jsonl'), '--json'], { env: env(), cwd: tempDir() });
    // An error without a time of its own is dated when it was received: the file's receiver may have got it a second later.
    const [s, f] = [JSON.parse(fromStore.stdout), JSON.parse(fromFile.stdout)];
    const seconds = (doc: { errorDetails?: { at?: string }[] }) => (doc.errorDetails ?? []).map((e) => Date.parse(e.at ?? '') / 1000);
    seconds(s).forEach((t, i) => expect(Math.abs(t - seconds(f)[i])).toBeLessThanOrEqual(5));
    expect({ ...s, errorDetails: s.errorDetails?.map(({ at: _at, ...rest }: { at?: string }) => rest) }).toEqual({ ...f, errorDetails: f.errorDetails?.map(({ at: _at, ...rest }: { at?: string }) => rest) });

    // Opt-outs went to the store's list, as the file receiver's went to its file.
    const conn = await connectPg(url);
    const inStore = (await readPgSuppressions(conn)).entries().map((r) => `${r.op}:${r.e164}:${r.scope}:${r.reason}`).sort();
    const inFile = () => readSuppressions(join(dir, 'wa-ops.suppressions.jsonl')).entries().map((r) => `${r.op}:${r.e164}:${r.scope}:${r.reason}`).sort();
    expect(inStore.length).toBeGreaterThan(0);
    // The file receiver writes its opt-outs after answering: give a loaded machine time.
    for (const end = Date.now() + 15_000; inFile().length < inStore.length && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    expect(inStore).toEqual(inFile());
  });

  it('analyze refuses a file and --store together', async () => {
    const r = await runCli(['webhook', 'analyze', join(dir, 'events.jsonl'), '--store', url], { env: env() });
    expect(r.code).toBe(2);
  });
});
