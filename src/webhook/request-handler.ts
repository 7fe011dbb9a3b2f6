/** The receiver's HTTP routing: the verify handshake, body caps, and the signature check before anything is read as an event. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../core/caught.js';
import { verifySignature } from '../core/webhook/signature.js';
import { end, readBody } from './http-parts.js';
import type { Intake } from './event-intake.js';
import type { WebhookLog, WebhookStats } from './server-options.js';

/** What the routing needs to know. */
export interface HandlerOptions {
  path: string;
  verifyToken?: string;
  appSecret: string;
  maxBody: number;
  stats: WebhookStats;
  log: WebhookLog;
  accept: Intake;
}

const withoutSlash = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Compare a secret in constant time (digests of equal length, whatever the lengths given). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (x: string) => createHash('sha256').update(x).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The request listener of the receiver. */
export function makeRequestHandler(h: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const post = signedPost(h);
  return (req, res) => {
    // The hot path (a POST to exactly the path) skips URL parsing.
    if (req.method === 'POST' && req.url === h.path) return post(req, res);
    const url = new URL(req.url ?? '/', 'http://webhook');
    // A callback URL entered with a trailing slash in the App Dashboard reaches the same endpoint.
    if (withoutSlash(url.pathname) !== withoutSlash(h.path)) return end(res, 404, 'not found');
    // HEAD is a GET without its body (Node leaves the body out), as HTTP asks of every resource that answers GET.
    if (req.method === 'GET' || req.method === 'HEAD') {
      const ok = url.searchParams.get('hub.mode') === 'subscribe' && h.verifyToken !== undefined && sameSecret(url.searchParams.get('hub.verify_token') ?? '', h.verifyToken);
      if (!ok) return end(res, 403, 'forbidden');
      h.log('info', 'verify handshake answered');
      return end(res, 200, url.searchParams.get('hub.challenge') ?? '');
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, HEAD, POST');
      return end(res, 405, 'method not allowed');
    }
    post(req, res);
  };
}

/** A POST: capped, then refused (401) unless X-Hub-Signature-256 matches; a burst of bad signatures raises an alert. */
function signedPost(h: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { stats, maxBody } = h;
  const badTimes: number[] = [];
  return (req, res) => {
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
      if (!verifySignature(raw, req.headers['x-hub-signature-256'] as string | undefined, h.appSecret)) {
        stats.badSignature++;
        const now = Date.now();
        badTimes.push(now);
        while (badTimes.length && now - badTimes[0] > 60_000) badTimes.shift();
        const from = req.socket.remoteAddress ?? 'unknown';
        h.log('alert', badTimes.length >= 5 ? `ALERT: ${badTimes.length} POSTs with a bad or missing signature in the last minute (latest from ${from}): forged callbacks, or a wrong app secret` : `refused a POST with a bad or missing X-Hub-Signature-256 from ${from}`);
        return end(res, 401, 'bad signature');
      }
      try {
        h.accept(raw, req, res);
      } catch (err) {
        // One body wa-ops cannot take must not stop the receiver for every other: 500, Meta retries it.
        h.log('alert', `could not take a POST (${errorMessage(err)}): answered 500, Meta will retry it`);
        if (!res.headersSent) end(res, 500, 'could not take this body');
      }
    });
  };
}
