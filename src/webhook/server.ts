/** The endpoint Meta calls: verify handshake, signed POSTs appended durably before the 200; opt-outs to the suppression list; optional forwarding. */
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { boundPort } from '../io/bound-port.js';
import { statSync, unlinkSync } from 'node:fs';
import { makeIntake } from './event-intake.js';
import { openEventsFile } from './events-file.js';
import { EventsFileHolder } from './events-file-holder.js';
import { Forwarder } from './forwarder.js';
import { listen } from './http-parts.js';
import { OptOutWriter } from './opt-out-writer.js';
import { makeRequestHandler } from './request-handler.js';
import { checkSuppressionsTarget } from './suppressions-check.js';
import { emptyStats, type WebhookServerOptions, type WebhookStats } from './server-options.js';

/** A running receiver. */
export interface WebhookServer {
  url: string;
  stats: WebhookStats;
  deadLetterPath?: string;
  /** Resolves when everything received so far is durable and its opt-outs are written. */
  idle(): Promise<void>;
  close(): Promise<void>;
  /** A second stop signal: undelivered forwards to the dead-letter file at once (sync); how many. */
  abandonForwards(): number;
  /** A second stop signal: every connection cut, bodies not yet written refused; resolves once those written are durable. */
  finishInFlight(): Promise<void>;
}

/** Start the webhook receiver. Throws a UsageError when the file is locked by another server or the port is unusable. */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
  const log = o.onLog ?? (() => {});
  const stats = emptyStats();
  // Opt-outs go to the store's list with a store; the file is checked before anything is opened or acknowledged.
  if (!o.store) checkSuppressionsTarget(o.suppressionsPath);
  const opened = o.store ? undefined : await openEventsFile(o.eventsPath, o.onRecord !== undefined);
  if (opened?.repaired) log('info', `${o.eventsPath}: ${opened.repaired === 'kept' ? 'completed a last line that had no newline' : 'cut an unfinished last line (never acknowledged)'}`);
  const file = opened && new EventsFileHolder(opened, o.eventsPath, o.onRecord !== undefined, log);
  const optOuts = new OptOutWriter(o.suppressionsPath, o.campaignDirs ?? [], stats, log, o.store?.appendSuppressions);
  const deadLetterPath = o.forwardTo ? o.eventsPath.replace(/(\.jsonl)?$/, '.dead-letters.jsonl') : undefined;
  const forwarder = o.forwardTo ? new Forwarder({ url: o.forwardTo, deadLetterPath: deadLetterPath!, attempts: o.forwardAttempts, baseDelayMs: o.forwardBaseDelayMs, onResult: (r) => o.onForward?.(r) }) : undefined;
  const accept = makeIntake({ o, stats, log, file, optOuts, forwarder });
  const handler = makeRequestHandler({ path: o.path, verifyToken: o.verifyToken, appSecret: o.appSecret, maxBody: o.maxBodyBytes ?? 3 * 1024 * 1024, stats, log, accept });

  // A client that trickles its request is cut off after 10 s (checked every second, not every 30).
  const limits = { requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 30_000, connectionsCheckingInterval: 1_000 };
  const server: Server = o.tls ? createHttps({ cert: o.tls.cert, key: o.tls.key, ...limits }, handler) : createHttp(limits, handler);
  try {
    await listen(server, o.port, o.host);
  } catch (err) {
    await file?.close();
    // Never started: an events file this server created and never wrote to goes again.
    if (opened?.created) removeIfEmpty(o.eventsPath);
    throw err;
  }
  const port = boundPort(server);
  const host = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `${o.tls ? 'https' : 'http'}://${host}:${port}${o.path}`;
  file?.watch(url);
  const syncStats = () => {
    stats.fsyncs = file?.fsyncs ?? o.store?.sink.commits ?? 0;
    if (forwarder) Object.assign(stats, { forwarded: forwarder.forwarded, forwardRetries: forwarder.retries, deadLetters: forwarder.deadLetters });
  };
  return {
    url,
    stats,
    deadLetterPath,
    idle: async () => {
      await (file?.current.intake ?? o.store?.sink)?.drain();
      await optOuts.idle();
      syncStats();
    },
    abandonForwards: () => forwarder?.abandon() ?? 0,
    async finishInFlight() {
      server.closeAllConnections();
      await file?.finishInFlight();
    },
    async close() {
      // No new connections; the bodies already taken are made durable and answered 200 (not cut off for Meta to send
      // again); then every connection goes, a body still arriving unanswered (Meta retries it).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await (file?.current.intake ?? o.store?.sink)?.drain();
      await new Promise((r) => setImmediate(r));
      server.closeAllConnections();
      await closed;
      await file?.close();
      await o.store?.sink.drain();
      await optOuts.idle();
      optOuts.reportUnwritten();
      await forwarder?.close();
      syncStats();
    },
  };
}

function removeIfEmpty(path: string): void {
  try {
    if (statSync(path).size === 0) unlinkSync(path);
  } catch {
    // gone already, or not ours to judge: leave it
  }
}
