/** wa-ops webhook serve | analyze (CONTRACT §9, §11). */
import { createSecureContext } from 'node:tls';
import { statSync } from 'node:fs';
import { readBytes } from '../io/read-text-file.js';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../core/errors.js';
import { loadConfig } from '../io/config.js';
import { suppressionsPath } from '../io/suppressions.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { term } from '../ui/term.js';
import { intFlag } from './flags.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined);

/** Folders that must exist (a typo in --campaigns must not silently match nothing). */
function folders(flag: string, values: string[] | undefined): string[] | undefined {
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

function forwardUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--forward-to "${value}" is not a URL`, { code: 'bad-flag', hint: 'e.g. --forward-to https://app.example.com/whatsapp/webhook' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--forward-to must be an http or https URL, got ${u.protocol}`, { code: 'bad-flag' });
  if (u.username || u.password) throw new UsageError('--forward-to must not carry credentials in the URL', { code: 'bad-flag' });
  return u.toString();
}

/** A certificate and key Node can serve with; a file that is not PEM, or a key of another certificate, is a usage error (not a crash at listen). */
function tlsMaterial(cert: Buffer, key: Buffer, certPath: string, keyPath: string): { cert: Buffer; key: Buffer } {
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const why = /no start line|PEM|bad base64|DECODER/i.test((err as Error).message) ? 'not a PEM certificate and private key' : /key values mismatch/i.test((err as Error).message) ? 'the key does not belong to the certificate' : (err as Error).message;
    throw new UsageError(`--tls-cert ${certPath} / --tls-key ${keyPath}: ${why}`, { code: 'bad-tls', hint: 'pass the PEM certificate (with its chain) and its matching private key' });
  }
  return { cert, key };
}

/** The serve options, parsed once from the flags and settings. */
function serveOptions(flags: Record<string, unknown>) {
  const { settings } = loadConfig({ configPath: str(flags.config), flags: { appSecret: str(flags.appSecret), verifyToken: str(flags.verifyToken), events: str(flags.events) } });
  if (!settings.appSecret) throw new UsageError('no app secret: set WA_OPS_APP_SECRET (or --app-secret); without it no callback can be verified', { code: 'missing-config' });
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
    forwardTo: forwardUrl(str(flags.forwardTo)),
    forwardAttempts,
  };
}

/** The PostgreSQL store named by --store / WA_OPS_STORE / config, opened and schema-checked; undefined for files. */
async function pgStoreOf(flags: Record<string, unknown>) {
  const { chooseStore } = await import('../io/store/selection.js');
  const choice = chooseStore(loadConfig({ configPath: str(flags.config), flags: { store: str(flags.store) } }));
  if (choice.location.kind !== 'postgres') return undefined;
  const { openPgStore } = await import('../io/store/pg/open.js');
  return openPgStore(choice.location.url, choice.source);
}

/** webhook serve: runs until SIGINT (exit 130) or SIGTERM (exit 143), after everything received is on disk. */
export async function serve(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const o = serveOptions(flags);
  const t = term();
  const tail = !t.json && !t.quiet && (t.stderrTty || t.verbose);
  const [{ startWebhookServer }, ui] = await Promise.all([import('../webhook/server.js'), import('../ui/webhook-tail.js')]);
  const started = Date.now();
  const pg = await pgStoreOf(flags);
  const store = pg && (await import('../io/store/pg/webhook-store.js')).webhookStore(pg);
  const server = await startWebhookServer({
    ...o,
    store,
    onLog: (level, text) => (level === 'alert' ? warn(text) : info(text)),
    onRecord: tail ? (r, dup) => process.stderr.write(ui.tailLine(r, dup) + '\n') : undefined,
    onForward: (r) => {
      if (r.dead) warn(ui.forwardLine(r));
      else if (tail && (!r.ok || t.verbose)) process.stderr.write(ui.forwardLine(r) + '\n');
    },
  });
  // Handlers before the URL is printed: a supervisor that stops us right after start still gets a clean stop.
  const stopped = new Promise<NodeJS.Signals>((r) => {
    process.once('SIGINT', () => r('SIGINT'));
    process.once('SIGTERM', () => r('SIGTERM'));
  });
  if (!o.verifyToken) warn('no verify token (WA_OPS_VERIFY_TOKEN): the GET verification handshake will be refused');
  const eventsAt = store?.location ?? o.eventsPath;
  if (t.json) outJson({ url: server.url, events: eventsAt, deadLetters: server.deadLetterPath ?? null });
  else out(server.url);
  info(`${paint('bold', 'wa-ops webhook serve')} on ${server.url}: events to ${eventsAt}${o.forwardTo ? `, forwarded to ${o.forwardTo}` : ''}; Ctrl-C stops`);
  const signal = await stopped;
  await server.close();
  if (pg) await (await import('../io/store/pg/connect.js')).closePg();
  // Under --json too: stdout held the start document; the counts (forwarded, dead letters) belong to the log.
  if (!t.quiet) process.stderr.write(ui.stopSummary(server.stats, Date.now() - started, server.deadLetterPath) + '\n');
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/** webhook analyze [events.jsonl]: the file argument, else --events / WA_OPS_EVENTS / config `events`. */
export async function analyze(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const loaded = loadConfig({ configPath: str(flags.config), flags: { events: str(flags.events), store: str(flags.store) } });
  if (str(flags.store) && (str(args[0]) || str(flags.events))) throw new UsageError('pass an events file or --store, not both', { code: 'bad-flag', hint: 'with --store the events come from the store' });
  // An explicit file wins; else a PostgreSQL store (flag, WA_OPS_STORE, config); else the events file setting.
  const pg = str(args[0]) || str(flags.events) ? undefined : await pgStoreOf(flags);
  const file = pg ? pg.redacted : (str(args[0]) ?? loaded.settings.events);
  const campaignDirs = folders('--campaigns', list(flags.campaigns)) ?? [resolve('.')];
  let report;
  if (pg) {
    const { analyzeStore } = await import('../io/store/pg/webhook-store.js');
    report = await analyzeStore(pg, { pricing: loaded.file?.data.pricing }).finally(async () => (await import('../io/store/pg/connect.js')).closePg());
  } else {
    const { analyzeEventsFile } = await import('../webhook/analyze-file.js');
    report = await analyzeEventsFile(file, { campaignDirs, pricing: loaded.file?.data.pricing, onWarning: warn });
  }
  const { deliveryHtml, renderDeliveryReport } = await import('../ui/delivery-report.js');
  const html = str(flags.html);
  if (html === '-' && term().json) throw new UsageError('--html - writes the report to standard output, where --json prints the analysis', { code: 'bad-flag', hint: 'drop --json, or write the report to a file' });
  if (html) {
    const { inputIdentity, writeOutputFile } = await import('../io/output-file.js');
    writeOutputFile(html, deliveryHtml(report, `Delivery report: ${file}`), { inputs: [inputIdentity(file)] });
    if (html !== '-') info(`wrote ${html}`);
  }
  if (term().json) outJson(report);
  else if (html === '-') info(renderDeliveryReport(report)); // stdout holds the HTML
  else out(renderDeliveryReport(report));
  return EXIT.ok;
}
