/** The endpoint Meta calls: verify handshake, signed POSTs appended durably before the 200, then ledger updates. */
import { createReadStream, openSync, closeSync, existsSync } from 'node:fs';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { parseCallbackData } from '../core/campaign/render.js';
import { BoundedSet, toRecords, type WebhookRecord } from '../core/webhook/records.js';
import { verifySignature } from '../core/webhook/signature.js';
import { isStopMessage } from '../core/webhook/stop-words.js';
import { DurableAppender } from '../io/ledger/appender.js';
import { LedgerTap } from '../io/ledger/tap.js';
import { appendSuppressions, suppressionRecord, type SuppressionRecord } from '../io/suppressions.js';

export interface WebhookServerOptions {
  port: number;
  host: string;
  path: string;
  appSecret: string;
  verifyToken?: string;
  eventsPath: string;
  tls?: { cert: Buffer; key: Buffer };
  /** Folders searched for campaign ledgers. */
  campaignDirs: string[];
  suppressionsPath: string;
  maxBodyBytes?: number;
  onLog?: (level: 'info' | 'alert', text: string) => void;
}

export interface WebhookStats {
  received: number;
  recorded: number;
  duplicates: number;
  badSignature: number;
  tooLarge: number;
  badJson: number;
  ledgerUpdates: number;
  suppressed: number;
}

export interface WebhookServer {
  url: string;
  stats: WebhookStats;
  /** Resolves when everything received so far is processed (ledgers, suppressions). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Read the dedupe keys of an existing events file. */
async function existingKeys(path: string, keys: BoundedSet): Promise<void> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    try {
      keys.add((JSON.parse(line) as { key: string }).key);
    } catch {
      // a torn last line
    }
  }
}

/** Start the webhook receiver. */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
  const log = o.onLog ?? (() => {});
  const maxBody = o.maxBodyBytes ?? 3 * 1024 * 1024;
  const stats: WebhookStats = { received: 0, recorded: 0, duplicates: 0, badSignature: 0, tooLarge: 0, badJson: 0, ledgerUpdates: 0, suppressed: 0 };
  const keys = new BoundedSet();
  await existingKeys(o.eventsPath, keys);
  const fd = openSync(o.eventsPath, 'a', 0o600);
  const events = new DurableAppender(fd);
  const tap = new LedgerTap(o.campaignDirs);
  const badTimes: number[] = [];
  let work: Promise<void> = Promise.resolve();

  const processRecords = async (records: WebhookRecord[]) => {
    const suppress: SuppressionRecord[] = [];
    for (const r of records) {
      if (r.kind === 'status') {
        const cb = parseCallbackData(r.cb);
        if (cb) {
          const code = r.errors?.[0]?.code;
          const ok = await tap.append(cb.campaignId, { t: 'status', r: cb.e164, wamid: r.id, status: r.status, code, ts: r.ts, at: new Date().toISOString() });
          if (ok) stats.ledgerUpdates++;
        }
        if (r.status === 'failed' && r.errors?.some((e) => e.code === 131050)) suppress.push(suppressionRecord({ e164: `+${r.recipient.replace(/^\+/, '')}`, reason: '131050', scope: 'marketing', source: 'webhook', note: r.id }));
      } else if (r.kind === 'message' && isStopMessage(r.text)) {
        suppress.push(suppressionRecord({ e164: `+${r.from.replace(/^\+/, '')}`, reason: 'stop-word', scope: 'all', source: 'webhook', note: r.id }));
      }
    }
    if (suppress.length) {
      appendSuppressions(o.suppressionsPath, suppress);
      stats.suppressed += suppress.length;
      for (const s of suppress) log('info', `suppressed ${s.e164} (${s.reason})`);
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://webhook');
    if (url.pathname !== o.path) return end(res, 404, 'not found');
    if (req.method === 'GET') {
      const ok = url.searchParams.get('hub.mode') === 'subscribe' && o.verifyToken !== undefined && url.searchParams.get('hub.verify_token') === o.verifyToken;
      if (!ok) return end(res, 403, 'forbidden');
      log('info', 'verify handshake answered');
      return end(res, 200, url.searchParams.get('hub.challenge') ?? '');
    }
    if (req.method !== 'POST') return end(res, 405, 'method not allowed');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      stats.tooLarge++;
      res.setHeader('connection', 'close');
      return end(res, 413, 'payload too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', () => {
      stats.received++;
      if (size > maxBody) {
        stats.tooLarge++;
        return end(res, 413, 'payload too large');
      }
      const raw = Buffer.concat(chunks);
      if (!verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, o.appSecret)) {
        stats.badSignature++;
        const now = Date.now();
        badTimes.push(now);
        while (badTimes.length && now - badTimes[0] > 60_000) badTimes.shift();
        const from = req.socket.remoteAddress ?? 'unknown';
        log('alert', badTimes.length >= 5 ? `ALERT: ${badTimes.length} POSTs with a bad or missing signature in the last minute (latest from ${from}): forged callbacks, or a wrong app secret` : `refused a POST with a bad or missing X-Hub-Signature-256 from ${from}`);
        return end(res, 401, 'bad signature');
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        stats.badJson++;
        return end(res, 400, 'body is not JSON');
      }
      const receivedAt = Math.floor(Date.now() / 1000);
      const fresh = toRecords(payload, receivedAt).filter((r) => {
        const isNew = keys.add(r.key);
        if (!isNew) stats.duplicates++;
        return isNew;
      });
      // Durably appended first, answered 200 after: a crash never loses an acknowledged event.
      Promise.all(fresh.map((r) => events.append(JSON.stringify({ ...r, receivedAt: String(receivedAt) }))))
        .then(() => {
          stats.recorded += fresh.length;
          end(res, 200, 'ok');
          work = work.then(() => processRecords(fresh)).catch((err) => log('alert', `could not update ledgers: ${(err as Error).message}`));
        })
        .catch((err) => {
          log('alert', `could not write ${o.eventsPath}: ${(err as Error).message}`);
          end(res, 500, 'storage error');
        });
    });
  };

  // A client that trickles its request is cut off after 10 s (checked every second, not every 30).
  const limits = { requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 30_000, connectionsCheckingInterval: 1_000 };
  const server: Server = o.tls ? createHttps({ cert: o.tls.cert, key: o.tls.key, ...limits }, handler) : createHttp(limits, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, resolve);
  });
  const addr = server.address() as AddressInfo;
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  return {
    url: `${o.tls ? 'https' : 'http'}://${host}:${addr.port}${o.path}`,
    stats,
    idle: async () => {
      await events.drain();
      await work;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await events.drain();
      await work;
      await tap.close();
      closeSync(fd);
    },
  };
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
