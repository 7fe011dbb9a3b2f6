/** Turn node-postgres failures into the messages and exit codes of the error taxonomy (never with the password). */
import { InputError, WaOpsError } from '../../../core/errors.js';
import { isObject } from '../../../core/is-object.js';

interface PgLikeError {
  code?: string;
  message?: string;
  severity?: string;
  syscall?: string;
  address?: string;
}

/** The facts a node-postgres (or socket) error carries, read with checks; undefined for a thrown non-object. */
function pgFacts(err: unknown): PgLikeError | undefined {
  if (!isObject(err)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { code: str(err.code), message: str(err.message), severity: str(err.severity), syscall: str(err.syscall), address: str(err.address) };
}

const STORE_HINT = 'check --store (or WA_OPS_STORE / "store" in the config file)';

/** Where a URL points, for messages: user@host:port/db, no password. */
function target(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'the store';
  }
}

/** True for a failure of the connection itself (refused, dropped, timed out), as opposed to a refused statement. */
export function isConnectionFailure(err: unknown): boolean {
  const e = pgFacts(err);
  if (e?.code === 'store-unreachable') return true;
  // A Unix socket that is not there (yet): the server is restarting, or not running.
  if (e?.code === 'ENOENT' && e.syscall === 'connect') return true;
  return (
    // store-busy / 53300: the server's connection limit, reached for now (another worker ends, a slot frees up).
    e?.code === 'store-busy' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '53300', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(e?.code ?? '') ||
    /Connection terminated|timeout expired|connection timeout|Client has encountered a connection error/i.test(e?.message ?? '')
  );
}

/**
 * True when the statement surely was not applied: the server answered it with an error (a statement the server
 * refuses, or a session it ends, is rolled back), or no connection was made. A connection that dropped while a
 * statement was on its way (reset, timed out, ended without an answer) leaves its commit in doubt: false.
 */
export function surelyNotApplied(err: unknown): boolean {
  const cause = isObject(err) && err instanceof WaOpsError ? err.cause : err;
  const e = pgFacts(cause);
  if (!e) return false;
  if (e.severity) return true;
  if (e.code === 'ENOENT' && e.syscall === 'connect') return true;
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code ?? '');
}

/** A deadlock or serialization failure: the server rolled the transaction back, so it can be retried whole. */
export function isRolledBack(err: unknown): boolean {
  const code = pgFacts(err)?.code;
  return code === '40P01' || code === '40001';
}

/** A store error the user can act on, or undefined when the failure is not one we recognise (a bug: rethrow it). */
export function storeFailure(err: unknown, url: string): WaOpsError | undefined {
  if (err instanceof WaOpsError) return err;
  const e = pgFacts(err);
  const where = target(url);
  const user = (() => {
    try {
      return decodeURIComponent(new URL(url).username) || '(default user)';
    } catch {
      return '(default user)';
    }
  })();
  const fail = (message: string, code: string, hint: string) => new InputError(message, { code, hint, cause: err });
  switch (e?.code) {
    case 'ECONNREFUSED':
      return fail(`cannot connect to the store at ${where}: connection refused`, 'store-unreachable', `is PostgreSQL running and listening there? ${STORE_HINT}`);
    case 'ENOENT':
      if (e.syscall !== 'connect') break;
      return fail(`cannot connect to the store at ${where}: no PostgreSQL socket at ${e.address ?? 'the host= folder'}`, 'store-unreachable', `is PostgreSQL running, with its socket in that folder (host= in the URL)? ${STORE_HINT}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`cannot connect to the store at ${where}: host not found`, 'store-unreachable', STORE_HINT);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`cannot connect to the store at ${where}: ${e.code === 'ETIMEDOUT' ? 'timed out' : 'no route to host'}`, 'store-unreachable', `check the host, port and firewall; ${STORE_HINT}`);
    case '28P01':
      return fail(`the store at ${where} refused the password of user ${user}`, 'store-auth', `check the user and password in the store URL (or PGPASSWORD); ${STORE_HINT}`);
    case '28000':
      return fail(`the store at ${where} refused user ${user}: ${e.message}`, 'store-auth', 'the server\'s pg_hba.conf does not let this user in from here, or the user does not exist');
    case '3D000':
      return fail(`the store at ${where}: ${e.message}`, 'store-no-database', 'create it first (createdb <name>, or CREATE DATABASE <name>), or fix the database name in the URL');
    case '53300':
      return fail(`the store at ${where} refused the connection: ${e.message ?? 'too many connections'}`, 'store-busy', "the server's connection limit is reached (max_connections, or the user's CONNECTION LIMIT); each wa-ops process uses up to 8 connections: raise the limit, or run fewer workers at once");
    case '55000':
      return fail(`the store at ${where} refused the connection: ${e.message}`, 'store-no-database', 'point the URL at a database that accepts connections (template0 does not)');
    case '42501':
      return fail(`the store at ${where}: permission denied (${e.message})`, 'store-permission', 'the user needs CREATE on the database to migrate, and USAGE, SELECT, INSERT, UPDATE on schema wa_ops to run');
    default:
      break;
  }
  const msg = e?.message ?? '';
  if (/does not support SSL/i.test(msg)) return fail(`the store at ${where} does not offer TLS, but the URL asks for it (sslmode)`, 'store-tls', 'enable ssl on the server, or drop sslmode from the URL on a trusted network');
  if (/certificate|self[- ]signed|SSL|TLS|altnames/i.test(msg) && !/password/i.test(msg)) return fail(`TLS with the store at ${where} failed: ${msg}`, 'store-tls', tlsHint(url));
  if (/no pg_hba\.conf entry/i.test(msg)) return fail(`the store at ${where} refused the connection: ${msg}`, 'store-auth', 'the server\'s pg_hba.conf does not allow this host, user or database (or requires TLS: add sslmode=require)');
  if (isConnectionFailure(err)) return fail(`lost the connection to the store at ${where}: ${msg || e?.code}`, 'store-unreachable', `is PostgreSQL running? ${STORE_HINT}`);
  if (/SASL|SCRAM|password/i.test(msg)) return fail(`the store at ${where} refused the credentials of user ${user}`, 'store-auth', `check the password in the store URL (or PGPASSWORD); ${STORE_HINT}`);
  // Any other FATAL: the server itself ended the session (it refused it), which is about the server, not a bug here.
  if (e?.severity === 'FATAL') return fail(`the store at ${where} refused the connection: ${msg || e.code}`, 'store-refused', STORE_HINT);
  return undefined;
}

/** What to do about a failed TLS handshake: a certificate to trust when verifying, else a server that is not one. */
function tlsHint(url: string): string {
  let mode = '';
  try {
    mode = new URL(url).searchParams.get('sslmode') ?? '';
  } catch {
    // the URL was checked before any connection
  }
  if (mode === 'verify-ca' || mode === 'verify-full') return "pass the server's CA with sslrootcert=<file>, or use sslmode=require to encrypt without verifying";
  return `the server did not complete a TLS handshake: is it PostgreSQL with ssl = on at that host and port? ${STORE_HINT}`;
}
