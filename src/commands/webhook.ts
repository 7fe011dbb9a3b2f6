/** wa-ops webhook serve | analyze (CONTRACT §9). */
import { redact } from '../core/redact.js';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { DeliveryAnalyzer, type LedgerInfo } from '../core/webhook/analysis.js';
import type { WebhookRecord } from '../core/webhook/records.js';
import { loadConfig } from '../io/config.js';
import { readLedger } from '../io/ledger/ledger.js';
import { findLedgers } from '../io/ledger/tap.js';
import { suppressionsPath } from '../io/suppressions.js';
import { deliveryHtml, renderDeliveryReport } from '../ui/delivery-report.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { term } from '../ui/term.js';
import { intFlag } from './flags.js';

interface ServeFlags {
  port?: string;
  host?: string;
  path?: string;
  appSecret?: string;
  verifyToken?: string;
  events?: string;
  tlsCert?: string;
  tlsKey?: string;
  campaigns?: string[];
  suppressions?: string;
  config?: string;
}

/** webhook serve: runs until SIGINT/SIGTERM. */
export async function serve(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as ServeFlags;
  const { settings } = loadConfig({ configPath: f.config, flags: { appSecret: f.appSecret, verifyToken: f.verifyToken } });
  if (!settings.appSecret) throw new UsageError('no app secret: set WA_OPS_APP_SECRET (or --app-secret); without it no callback can be verified', { code: 'missing-config' });
  if (!settings.verifyToken) warn('no verify token (WA_OPS_VERIFY_TOKEN): the GET verification handshake will be refused');
  if (Boolean(f.tlsCert) !== Boolean(f.tlsKey)) throw new UsageError('--tls-cert and --tls-key go together', { code: 'bad-flag' });
  const read = (p: string) => {
    try {
      return readFileSync(p);
    } catch {
      throw new InputError(`cannot read ${p}`, { code: 'file-not-found' });
    }
  };
  const { startWebhookServer } = await import('../webhook/server.js');
  const events = resolve(f.events ?? 'webhook-events.jsonl');
  const server = await startWebhookServer({
    port: f.port === undefined ? 8080 : intFlag('--port', f.port, 0),
    host: f.host ?? '127.0.0.1',
    path: f.path ?? '/webhook',
    appSecret: settings.appSecret,
    verifyToken: settings.verifyToken,
    eventsPath: events,
    tls: f.tlsCert && f.tlsKey ? { cert: read(f.tlsCert), key: read(f.tlsKey) } : undefined,
    campaignDirs: (f.campaigns ?? ['.']).map((d) => resolve(d)),
    suppressionsPath: f.suppressions ? resolve(f.suppressions) : suppressionsPath(),
    onLog: (level, text) => (level === 'alert' ? warn(text) : info(text)),
  });
  if (term().json) outJson({ url: server.url, events });
  else out(server.url);
  info(`${paint('bold', 'wa-ops webhook serve')} on ${server.url}: events to ${events}; Ctrl-C stops`);
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await server.close();
  info(`stopped: ${JSON.stringify(server.stats)}`);
  return 0;
}

interface AnalyzeFlags {
  html?: string;
  campaigns?: string[];
}

/** webhook analyze <events.jsonl>. */
export async function analyze(args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as AnalyzeFlags;
  const file = String(args[0]);
  if (!existsSync(file)) throw new InputError(`${file}: no such file`, { code: 'file-not-found', hint: 'pass the events file written by wa-ops webhook serve' });
  const ledgers = new Map<string, LedgerInfo>();
  for (const [id, path] of findLedgers((f.campaigns ?? ['.']).map((d) => resolve(d)))) {
    const { events } = readLedger(path);
    const header = events.find((e) => e.t === 'header') as { template?: string } | undefined;
    const accepted = new Set<string>();
    for (const e of events) if (e.t === 'sent' && e.wamid) accepted.add(e.wamid);
    ledgers.set(id, { template: header?.template, accepted });
  }
  const analyzer = new DeliveryAnalyzer(ledgers);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  let broken = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    try {
      analyzer.add(JSON.parse(line) as WebhookRecord);
    } catch {
      broken++;
      if (broken === 1) warn(`${file}:${lineNo}: not JSON, skipped`);
    }
  }
  const report = analyzer.report();
  if (f.html) {
    writeFileSync(f.html, redact(deliveryHtml(report, `Delivery report: ${file}`)), { mode: 0o600 });
    info(`wrote ${f.html}`);
  }
  if (term().json) outJson(report);
  else out(renderDeliveryReport(report));
  return 0;
}
