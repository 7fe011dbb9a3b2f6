/** webhook serve's and analyze's flags: folders, port, forwarding and TLS checked once, before anything listens. */
import { createSecureContext } from 'node:tls';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { loadConfig } from '../io/config.js';
import { readBytes } from '../io/read-text-file.js';
import { suppressionsPath } from '../io/suppressions.js';
import { intFlag, webhookTargetFlag } from './flags.js';
import { missingConfig } from '../core/missing-config.js';

/** A string flag's value, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A repeatable flag's values (one given as a string counts as one). */
export const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined);

/** Folders that must exist (a typo in --campaigns must not silently match nothing). */
export function folders(flag: string, values: string[] | undefined): string[] | undefined {
  return values?.map((d) => {
    const path = resolve(d);
    let ok = false;
    try {
      ok = statSync(path).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`${flag} ${d}: no such folder`, { code: 'bad-flag', hint: 'name a folder that holds campaign files and their ledgers' });
    return path;
  });
}

function portFlag(value: unknown): number {
  const port = intFlag('--port', value, 0);
  if (port > 65535) throw new UsageError(`--port must be between 0 and 65535, got "${value}"`, { code: 'bad-flag', hint: '--port 0 picks a free port' });
  return port;
}

/** A certificate and key Node can serve with; a file that is not PEM, or a key of another certificate, is a usage error (not a crash at listen). */
function tlsMaterial(cert: Buffer, key: Buffer, certPath: string, keyPath: string): { cert: Buffer; key: Buffer } {
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const why = /no start line|PEM|bad base64|DECODER/i.test(message) ? 'not a PEM certificate and private key' : /key values mismatch/i.test(message) ? 'the key does not belong to the certificate' : message;
    throw new UsageError(`--tls-cert ${certPath} / --tls-key ${keyPath}: ${why}`, { code: 'bad-tls', hint: 'pass the PEM certificate (with its chain) and its matching private key' });
  }
  return { cert, key };
}

/** The serve options, parsed once from the flags and settings. */
export function serveOptions(flags: Record<string, unknown>) {
  const { settings } = loadConfig({ configPath: str(flags.config), flags: { appSecret: str(flags.appSecret), verifyToken: str(flags.verifyToken), events: str(flags.events) } });
  if (!settings.appSecret) throw missingConfig('appSecret', 'no app secret: set WA_OPS_APP_SECRET (or --app-secret); without it no callback can be verified');
  const tlsCert = str(flags.tlsCert);
  const tlsKey = str(flags.tlsKey);
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new UsageError('--tls-cert and --tls-key go together', { code: 'bad-flag' });
  // Bounded and checked on the open descriptor: a FIFO or a device given as a certificate must not hang or exhaust serve.
  const read = (flag: string, p: string) => readBytes(p, { what: flag, maxBytes: 1024 * 1024, code: 'file-not-found', hint: 'pass the PEM files of the certificate (with its chain) and its private key' })!;
  const tls = tlsCert && tlsKey ? tlsMaterial(read('--tls-cert', tlsCert), read('--tls-key', tlsKey), tlsCert, tlsKey) : undefined;
  const path = str(flags.path) ?? '/webhook';
  if (!path.startsWith('/')) throw new UsageError(`--path must start with "/", got "${path}"`, { code: 'bad-flag' });
  const forwardAttempts = flags.forwardAttempts === undefined ? undefined : intFlag('--forward-attempts', flags.forwardAttempts, 1);
  if (forwardAttempts !== undefined && flags.forwardTo === undefined) throw new UsageError('--forward-attempts goes with --forward-to <url>', { code: 'bad-flag' });
  return {
    port: flags.port === undefined ? 8080 : portFlag(flags.port),
    host: str(flags.host) ?? '127.0.0.1',
    path,
    appSecret: settings.appSecret,
    verifyToken: settings.verifyToken,
    eventsPath: resolve(settings.events),
    tls,
    // As analyze does: the campaigns are usually where the operator runs the server.
    campaignDirs: folders('--campaigns', list(flags.campaigns)) ?? [resolve('.')],
    suppressionsPath: str(flags.suppressions) ? resolve(str(flags.suppressions)!) : suppressionsPath(),
    forwardTo: webhookTargetFlag('--forward-to', str(flags.forwardTo), 'https://app.example.com/whatsapp/webhook'),
    forwardAttempts,
  };
}
