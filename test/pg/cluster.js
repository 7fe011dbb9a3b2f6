// A throwaway PostgreSQL cluster for tests and the store bench: the machine's own binaries, a temp
// folder, a free loopback port, password auth; run as an unprivileged user when we are root
// (initdb and postgres refuse to run as root). Plain JS so that bench/ can use it without a build.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** How to make the PostgreSQL tests run; printed when they are skipped. */
export const ENABLE_HINT =
  'install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) ' +
  'or set WA_OPS_TEST_PG_BIN to the folder holding initdb and pg_ctl';

const hasBins = (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));

/** The folder holding initdb and pg_ctl: WA_OPS_TEST_PG_BIN, Debian's versioned folders (newest first), then PATH. */
export function findPgBin(env = process.env) {
  if (env.WA_OPS_TEST_PG_BIN) return hasBins(env.WA_OPS_TEST_PG_BIN) ? env.WA_OPS_TEST_PG_BIN : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasBins(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir && hasBins(dir)) return dir;
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function userExists(name) {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

/** When root: the unprivileged account that owns the cluster (postgres if present, else a system user we create). */
function clusterUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'wa-ops-pg']) if (userExists(name)) return name;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'wa-ops-pg'], { stdio: 'ignore' });
  return 'wa-ops-pg';
}

function runAs(user, cwd, file, args) {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
  const res = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.status !== 0) {
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
    throw new Error(`${file} ${args[0] ?? ''} failed (${res.status ?? res.signal}): ${out || res.error?.message}`);
  }
  return res.stdout;
}

/** runAs without blocking the event loop (a test's in-process servers keep answering meanwhile). */
function runAsAsync(user, cwd, file, args) {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { cwd, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args[0] ?? ''} failed: ${`${stdout ?? ''}${stderr ?? ''}`.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Start a cluster; resolves to {url, port, dir, password, stop}. `durable: false` (tests) turns fsync
 * off; the bench keeps PostgreSQL's defaults so that commit figures mean something. `tls: {cert, key}`
 * (PEM files) also serves TLS on the same port, for sslmode tests.
 */
export async function startCluster({ bin = findPgBin(), durable = false, tls = undefined } = {}) {
  if (!bin) throw new Error(`no PostgreSQL binaries found: ${ENABLE_HINT}`);
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-pg-'));
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  const owned = [dir, pwfile];
  if (tls) {
    copyFileSync(tls.cert, join(dir, 'server.crt'));
    copyFileSync(tls.key, join(dir, 'server.key'));
    chmodSync(join(dir, 'server.key'), 0o600);
    owned.push(join(dir, 'server.crt'), join(dir, 'server.key'));
  }
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    for (const path of owned) chownSync(path, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  try {
    runAs(user, dir, join(bin, 'initdb'), ['-D', data, '-U', 'wa_ops', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    rmSync(pwfile, { force: true });
    const settings = ['-c listen_addresses=127.0.0.1', `-k ${dir}`, '-c max_connections=200', '-c shared_buffers=32MB'];
    if (tls) settings.push('-c ssl=on', `-c ssl_cert_file=${join(dir, 'server.crt')}`, `-c ssl_key_file=${join(dir, 'server.key')}`);
    if (!durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        runAs(user, dir, join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `${settings.join(' ')} -p ${port}`]);
        break;
      } catch (err) {
        if (attempt >= 3) throw err; // the free port was taken meanwhile: try another
      }
    }
    let halted = false;
    const stop = () => {
      try {
        if (!halted) runAs(user, dir, join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    // An outage: the server stops as an operator's restart would (fast: sessions are terminated), then comes back on the same port.
    const halt = async () => {
      await runAsAsync(user, dir, join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      halted = true;
    };
    const resume = async () => {
      await runAsAsync(user, dir, join(bin, 'pg_ctl'), ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `${settings.join(' ')} -p ${port}`]);
      halted = false;
    };
    return { url: `postgres://wa_ops:${password}@127.0.0.1:${port}/postgres`, port, dir, password, stop, halt, resume };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
