/** The endpoint Meta calls: verify handshake, signed POSTs appended durably before the 200; opt-outs to the suppression list; optional forwarding. */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { toRecords, type WebhookRecord } from '../core/webhook/records.js';
import { verifySignature } from '../core/webhook/signature.js';
import { openEventsFile } from './events-file.js';
import { Forwarder, type ForwardResult } from './forwarder.js';
import { end, forwardHeaders, listen, readBody, withReceivedAt } from './http-parts.js';
import { OptOutWriter } from './opt-out-writer.js';
import type { EventSink } from '../io/store/pg/event-sink.js';
import type { SuppressionRecord } from '../io/suppressions.js';

/** How to run the receiver. */
export interface WebhookServerOptions {
  port: number;
  host: string;
  path: string;
  appSecret: string;
  verifyToken?: string;
  eventsPath: string;
  tls?: { cert: Buffer; key: Buffer };
  /** Folders with campaign ledgers, read (never written) to find the number of a 131050 that has no callback data. */
  campaignDirs?: string[];
  suppressionsPath: string;
  /** PostgreSQL (--store): records go to this shared sink and opt-outs to appendSuppressions, instead of the files. */
  store?: { sink: EventSink; appendSuppressions: (records: SuppressionRecord[]) => Promise<void>; location: string };
  maxBodyBytes?: number;
  /** Forward each stored POST (exact body, signature) to this URL. */
  forwardTo?: string;
  forwardAttempts?: number;
  forwardBaseDelayMs?: number;
  onLog?: (level: 'info' | 'alert', text: string) => void;
  /** Every stored (or duplicate) record, after it is durable: the live tail. */
  onRecord?: (r: WebhookRecord, duplicate: boolean) => void;
  onForward?: (r: ForwardResult) => void;
}

/** Counters shown in the stop summary. */
export interface WebhookStats {
  received: number;
  recorded: number;
  duplicates: number;
  badSignature: number;
  tooLarge: number;
  badJson: number;
  storageErrors: number;
  suppressed: number;
  lifted: number;
  /** Opt-outs whose number could not be found (reported, not stored). */
  unresolvedOptOuts: number;
  forwarded: number;
  forwardRetries: number;
  deadLetters: number;
  fsyncs: number;
}

/** A running receiver. */
export interface WebhookServer {
  url: string;
  stats: WebhookStats;
  deadLetterPath?: string;
  /** Resolves when everything received so far is durable and its opt-outs are written. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Start the webhook receiver. Throws a UsageError when the file is locked by another server or the port is unusable. */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
  const log = o.onLog ?? (() => {});
  const maxBody = o.maxBodyBytes ?? 3 * 1024 * 1024;
  const stats: WebhookStats = { received: 0, recorded: 0, duplicates: 0, badSignature: 0, tooLarge: 0, badJson: 0, storageErrors: 0, suppressed: 0, lifted: 0, unresolvedOptOuts: 0, forwarded: 0, forwardRetries: 0, deadLetters: 0, fsyncs: 0 };
  const file = o.store ? undefined : await openEventsFile(o.eventsPath);
  if (file?.repaired) log('info', `${o.eventsPath}: ${file.repaired === 'kept' ? 'completed a last line that had no newline' : 'cut an unfinished last line (never acknowledged)'}`);
  const { appender, keys } = file ?? { appender: undefined, keys: undefined };
  const optOuts = new OptOutWriter(o.suppressionsPath, o.campaignDirs ?? [], stats, log, o.store?.appendSuppressions);
  const deadLetterPath = o.forwardTo ? o.eventsPath.replace(/(\.jsonl)?$/, '.dead-letters.jsonl') : undefined;
  const forwarder = o.forwardTo ? new Forwarder({ url: o.forwardTo, deadLetterPath: deadLetterPath!, attempts: o.forwardAttempts, baseDelayMs: o.forwardBaseDelayMs, onResult: (r) => o.onForward?.(r) }) : undefined;
  // Keys of events being written: a concurrent duplicate waits for that write instead of being stored twice.
  const inflight = new Map<string, Promise<void>>();
  const badTimes: number[] = [];

  const accept = (raw: Buffer, req: IncomingMessage, res: ServerResponse) => {
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      stats.badJson++;
      return end(res, 400, 'body is not JSON');
    }
    const receivedAt = String(Math.floor(Date.now() / 1000));
    if (o.store) return acceptToStore(o.store, toRecords(payload, Number(receivedAt)), receivedAt, raw, req, res);
    const fresh: WebhookRecord[] = [];
    const dups: WebhookRecord[] = [];
    const waits: Promise<void>[] = [];
    const here = new Set<string>();
    for (const r of toRecords(payload, Number(receivedAt))) {
      const pending = inflight.get(r.key);
      if (keys!.has(r.key) || here.has(r.key)) dups.push(r);
      else if (pending) {
        dups.push(r);
        waits.push(pending);
      } else fresh.push(r);
      here.add(r.key);
    }
    const write = fresh.length ? appender!.append(fresh.map((r) => withReceivedAt(r, receivedAt)).join('\n')) : Promise.resolve();
    for (const r of fresh) inflight.set(r.key, write);
    (waits.length ? Promise.all([write, ...waits]) : write).then(
      () => {
        // Remembered only now that they are on disk: a failed write leaves Meta's retry free to store them.
        for (const r of fresh) {
          keys!.add(r.key);
          inflight.delete(r.key);
        }
        stats.fsyncs = appender!.fsyncs;
        stored(fresh, dups, raw, req, res);
      },
      (err) => {
        for (const r of fresh) if (inflight.get(r.key) === write) inflight.delete(r.key);
        stats.storageErrors++;
        log('alert', `could not write ${o.eventsPath}: ${(err as Error).message}; answered 500 so Meta retries`);
        end(res, 500, 'storage error');
      },
    );
  };

  /** After the records are durable: the 200, then opt-outs, the live tail and forwarding. */
  const stored = (fresh: WebhookRecord[], dups: WebhookRecord[], raw: Buffer, req: IncomingMessage, res: ServerResponse) => {
    stats.recorded += fresh.length;
    stats.duplicates += dups.length;
    end(res, 200, 'ok');
    optOuts.handle(fresh);
    for (const r of fresh) o.onRecord?.(r, false);
    for (const r of dups) o.onRecord?.(r, true);
    if (forwarder && (fresh.length > 0 || dups.length === 0)) forwarder.enqueue(raw, forwardHeaders(req));
  };

  // PostgreSQL: the unique key decides across every receiver; a duplicate is answered once the original is committed.
  const acceptToStore = (store: NonNullable<WebhookServerOptions['store']>, records: WebhookRecord[], receivedAt: string, raw: Buffer, req: IncomingMessage, res: ServerResponse) => {
    store.sink.store(records, { receivedAt }).then(
      (keysStored) => {
        stats.fsyncs = store.sink.commits;
        stored(records.filter((r) => keysStored.has(r.key)), records.filter((r) => !keysStored.has(r.key)), raw, req, res);
      },
      (err) => {
        stats.storageErrors++;
        log('alert', `could not store events in ${store.location}: ${(err as Error).message}; answered 500 so Meta retries`);
        end(res, 500, 'storage error');
      },
    );
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // The hot path (a POST to exactly the path) skips URL parsing.
    if (req.method === 'POST' && req.url === o.path) return post(req, res);
    const url = new URL(req.url ?? '/', 'http://webhook');
    if (url.pathname !== o.path) return end(res, 404, 'not found');
    if (req.method === 'GET') {
      const ok = url.searchParams.get('hub.mode') === 'subscribe' && o.verifyToken !== undefined && url.searchParams.get('hub.verify_token') === o.verifyToken;
      if (!ok) return end(res, 403, 'forbidden');
      log('info', 'verify handshake answered');
      return end(res, 200, url.searchParams.get('hub.challenge') ?? '');
    }
    if (req.method !== 'POST') return end(res, 405, 'method not allowed');
    post(req, res);
  };

  const post = (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBody) {
      stats.tooLarge++;
      res.setHeader('connection', 'close');
      return end(res, 413, 'payload too large');
    }
    readBody(req, maxBody, (raw) => {
      stats.received++;
      if (!raw) {
        stats.tooLarge++;
        return end(res, 413, 'payload too large');
      }
      if (!verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, o.appSecret)) {
        stats.badSignature++;
        const now = Date.now();
        badTimes.push(now);
        while (badTimes.length && now - badTimes[0] > 60_000) badTimes.shift();
        const from = req.socket.remoteAddress ?? 'unknown';
        log('alert', badTimes.length >= 5 ? `ALERT: ${badTimes.length} POSTs with a bad or missing signature in the last minute (latest from ${from}): forged callbacks, or a wrong app secret` : `refused a POST with a bad or missing X-Hub-Signature-256 from ${from}`);
        return end(res, 401, 'bad signature');
      }
      accept(raw, req, res);
    });
  };

  // A client that trickles its request is cut off after 10 s (checked every second, not every 30).
  const limits = { requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 30_000, connectionsCheckingInterval: 1_000 };
  const server: Server = o.tls ? createHttps({ cert: o.tls.cert, key: o.tls.key, ...limits }, handler) : createHttp(limits, handler);
  try {
    await listen(server, o.port, o.host);
  } catch (err) {
    await file?.close();
    throw err;
  }
  const addr = server.address() as AddressInfo;
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `${o.tls ? 'https' : 'http'}://${host}:${addr.port}${o.path}`;
  file?.lock.describe({ url });
  const syncStats = () => {
    stats.fsyncs = appender?.fsyncs ?? o.store?.sink.commits ?? 0;
    if (forwarder) Object.assign(stats, { forwarded: forwarder.forwarded, forwardRetries: forwarder.retries, deadLetters: forwarder.deadLetters });
  };
  return {
    url,
    stats,
    deadLetterPath,
    idle: async () => {
      await (appender ?? o.store?.sink)?.drain();
      await optOuts.idle();
      syncStats();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await file?.close();
      await o.store?.sink.drain();
      await optOuts.idle();
      await forwarder?.close();
      syncStats();
    },
  };
}
