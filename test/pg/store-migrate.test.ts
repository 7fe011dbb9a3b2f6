// store migrate against a real PostgreSQL: idempotent, safe concurrently; connection failures are exit 2 without the password.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers.js';
import { freshDatabase, pgUrl, query } from './db.js';
import { closePg } from '../../src/io/store/pg/connect.js';
import { openPgStore } from '../../src/io/store/pg/open.js';
import { SCHEMA_VERSION } from '../../src/io/store/pg/schema.js';

const env = { WA_OPS_STORE: '' };

describe.skipIf(!pgUrl)('wa-ops store migrate', () => {
  it('creates the schema once; a second run has nothing to do', async () => {
    const url = await freshDatabase();
    const first = await runCli(['store', 'migrate', '--store', url, '--json'], { env });
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({ from: 0, version: SCHEMA_VERSION });
    expect(doc.applied.length).toBe(SCHEMA_VERSION);
    const second = await runCli(['store', 'migrate', '--store', url], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already at version/);
    const rows = await query(url, 'SELECT version FROM wa_ops.schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('four machines migrating at once apply each migration exactly once', async () => {
    const url = await freshDatabase();
    const runs = await Promise.all([1, 2, 3, 4].map(() => runCli(['store', 'migrate', '--store', url, '--json'], { env })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const applied = runs.flatMap((r) => JSON.parse(r.stdout).applied.map((m: { version: number }) => m.version));
    expect(applied.sort()).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('other commands refuse a store without the schema (or with an older one) and print the migrate command', async () => {
    const url = await freshDatabase();
    const noPassword = url.replace(/:[^:@/]*@/, '@');
    await expect(openPgStore(url, 'flag')).rejects.toMatchObject({ exitCode: 2, hint: expect.stringContaining("store migrate --store '<the same URL as here>'") });
    await expect(openPgStore(url, 'env')).rejects.toMatchObject({ message: expect.stringContaining('has no wa-ops schema yet'), hint: expect.stringMatching(/^run wa-ops store migrate \(/) });
    // Without a password in the URL the printed command is the one to copy.
    await expect(openPgStore(noPassword, 'flag')).rejects.toMatchObject({ exitCode: 2 });
    expect((await runCli(['store', 'migrate', '--store', url], { env })).code).toBe(0);
    await query(url, `DELETE FROM wa_ops.schema_migrations WHERE version = ${SCHEMA_VERSION}`);
    await expect(openPgStore(url, 'flag')).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(SCHEMA_VERSION > 1 ? /older than this wa-ops needs/ : /no wa-ops schema/) });
    const again = await runCli(['store', 'migrate', '--store', url, '--json'], { env });
    expect(JSON.parse(again.stdout).applied.map((m: { version: number }) => m.version)).toEqual([SCHEMA_VERSION]);
    await expect(openPgStore(url, 'flag')).resolves.toBeDefined();
    await closePg();
  });

  it('a wrong password is exit 2, and the password never appears in the output', async () => {
    const url = new URL(pgUrl);
    url.password = 'not-the-password-0451';
    const r = await runCli(['store', 'migrate', '--store', url.toString()], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused the password of user wa_ops/);
    const j = await runCli(['store', 'migrate', '--store', url.toString(), '--json'], { env });
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).error.code).toBe('store-auth');
    for (const text of [r.stdout, r.stderr, j.stdout, j.stderr]) {
      expect(text).not.toContain('not-the-password-0451');
      expect(text).not.toContain(new URL(pgUrl).password);
    }
  });

  it('an unreachable server is exit 2 with what to check', async () => {
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await runCli(['store', 'migrate', '--store', `postgres://wa_ops:secret-pw-77@127.0.0.1:${port}/db`], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot connect to the store at wa_ops@127.0.0.1:\d+\/db: connection refused/);
    expect(r.stderr).not.toContain('secret-pw-77');
  });

  it('TLS as sslmode asks: require encrypts, verify-full checks the server against sslrootcert', async () => {
    const url = await freshDatabase();
    const require_ = await runCli(['store', 'migrate', '--store', `${url}?sslmode=require`], { env });
    expect(require_.code, require_.stderr).toBe(0);
    const unverified = await runCli(['store', 'migrate', '--store', `${url}?sslmode=verify-full`], { env });
    expect(unverified.code).toBe(2);
    expect(unverified.stderr).toMatch(/TLS with the store .* failed/);
    const ca = join(fixtures, 'tls', 'self-signed.crt');
    const verified = await runCli(['store', 'migrate', '--store', `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`], { env });
    expect(verified.code, verified.stderr).toBe(0);
    const ssl = await query<{ ssl: boolean }>(`${url}`, 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(ssl[0].ssl).toBe(false); // and plain connections still work where the server allows them
  });

  it('sslmode=prefer encrypts when the server offers TLS (and allow stays plain when plain is allowed)', async () => {
    const { closePg, connectPg } = await import('../../src/io/store/pg/connect.js');
    const url = await freshDatabase();
    try {
      const sslOf = async (mode: string) => (await (await connectPg(`${url}?sslmode=${mode}`)).query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl;
      expect(await sslOf('prefer')).toBe(true);
      expect(await sslOf('allow')).toBe(false);
    } finally {
      await closePg();
    }
  });

  it('a server that refuses the connection (connection limit, template0) or a user without CREATE is exit 2, never 70', async () => {
    const url = await freshDatabase();
    const suffix = Math.random().toString(36).slice(2, 8);
    const [busy, app] = [`busy_${suffix}`, `app_${suffix}`];
    await query(pgUrl, `CREATE ROLE ${busy} LOGIN PASSWORD 'busy-pw-3141' CONNECTION LIMIT 0`);
    await query(pgUrl, `CREATE ROLE ${app} LOGIN PASSWORD 'app-pw-2718'`);
    const as = (user: string, password: string, db = url) => {
      const u = new URL(db);
      [u.username, u.password] = [user, password];
      return u.toString();
    };
    const full = await runCli(['store', 'migrate', '--store', as(busy, 'busy-pw-3141'), '--json'], { env });
    expect(full.code, full.stdout).toBe(2);
    expect(JSON.parse(full.stdout).error).toMatchObject({ code: 'store-busy', message: expect.stringMatching(/refused the connection: too many connections/) });
    const template = new URL(pgUrl);
    template.pathname = '/template0';
    const t0 = await runCli(['campaigns', '--store', template.toString()], { env });
    expect(t0.code, t0.stderr).toBe(2);
    expect(t0.stderr).toMatch(/refused the connection: database "template0" is not currently accepting connections/);
    // No CREATE on the database: migrate says what the user lacks.
    const noCreate = await runCli(['store', 'migrate', '--store', as(app, 'app-pw-2718')], { env });
    expect(noCreate.code, noCreate.stderr).toBe(2);
    expect(noCreate.stderr).toMatch(/permission denied/);
    expect(noCreate.stderr).toMatch(/needs CREATE on the database/);
    for (const r of [full, t0, noCreate]) {
      expect(r.stderr + r.stdout).not.toMatch(/internal error|busy-pw-3141|app-pw-2718/);
      expect(r.stderr + r.stdout).not.toContain(new URL(pgUrl).password);
    }
  });

  it('needs a PostgreSQL URL', async () => {
    const r = await runCli(['store', 'migrate'], { env, cwd: fixtures });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a PostgreSQL store/);
  });
});
