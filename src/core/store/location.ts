/** Where campaigns, events and suppressions live: local files (the default) or a PostgreSQL URL. */
import { UsageError } from '../errors.js';

/** Where campaigns live: local files, or a PostgreSQL URL (with its password hidden for display). */
export type StoreLocation = { kind: 'files' } | { kind: 'postgres'; url: string; redacted: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Read the store setting: `postgres://` or `postgresql://` selects PostgreSQL; nothing (or a path) keeps files. */
export function storeLocation(value: string | undefined): StoreLocation {
  const v = value?.trim();
  if (!v) return { kind: 'files' };
  const scheme = SCHEME.exec(v)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    notMeantForPostgres(v);
    return { kind: 'files' };
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new UsageError(`unsupported store "${scheme}://": wa-ops stores campaigns in local files or PostgreSQL`, {
      code: 'bad-store',
      hint: 'pass --store postgres://user@host:5432/db (or leave it unset for local files)',
    });
  }
  const url = withHost(v);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('the store URL is not a valid URL', {
      code: 'bad-store',
      hint: 'write it as postgres://USER:PASSWORD@HOST:5432/DB?sslmode=require, with @ : / ? # % in the user or password written %40 %3A %2F %3F %23 %25 (or the password in PGPASSWORD)',
    });
  }
  return { kind: 'postgres', url, redacted: redactUrl(parsed) };
}

// libpq's keyword/value form (host=db dbname=x ...) and a postgres URL with its "//" mistyped.
const KEYWORDS = /(^|\s)(host|hostaddr|port|dbname|user|password|sslmode|service)\s*=/i;
const MISTYPED = /^postgres(ql)?:/i;

/**
 * A value that is no URL keeps local files, unless it was plainly meant for PostgreSQL: taken for files, a send
 * would start the stored campaign over and reach everyone a second time. The value is never echoed (a password).
 */
function notMeantForPostgres(v: string): void {
  if (!KEYWORDS.test(v) && !MISTYPED.test(v)) return;
  const what = MISTYPED.test(v) ? 'a postgres URL without "//" after the scheme' : 'a keyword/value connection string (host=... dbname=...)';
  throw new UsageError(`the store setting is ${what}, which wa-ops does not read: it would have used local files instead`, {
    code: 'bad-store',
    hint: 'write it as postgres://USER@HOST:5432/DB?sslmode=require (the password in it written with %XX escapes, or in PGPASSWORD)',
  });
}

/**
 * libpq's empty host after the user (`postgres://user:pw@/db?host=/cloudsql/...`, the unix-socket form of Cloud SQL
 * and others), which WHATWG URL refuses: the same URL with localhost there. node-postgres reads an empty host as
 * localhost too, and a `host=` parameter still wins over it.
 */
function withHost(v: string): string {
  return v.replace(/^(postgres(?:ql)?:\/\/[^/?#@]*@)(?=[/?#]|$)/i, '$1localhost');
}

/** The URL with its password replaced by ***, for messages (the password never appears in output). */
export function redactUrl(url: URL | string): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return 'postgres://(unparsable URL)';
  }
  if (u.password) u.password = '***';
  for (const key of [...u.searchParams.keys()]) if (/pass|secret|key$/i.test(key) && key !== 'sslkey') u.searchParams.set(key, '***');
  return u.toString();
}

/** True when the URL carries a password (then a command printed for the user cannot repeat it). */
export function hasPassword(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || [...u.searchParams.keys()].some((k) => /^password$/i.test(k));
  } catch {
    return false;
  }
}
