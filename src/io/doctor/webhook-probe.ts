/** Probe a webhook endpoint the way Meta calls it: TLS, the verify handshake, signed and forged POSTs. */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect } from 'node:tls';
import { errnoCode, errorMessage } from '../../core/caught.js';
import { proxyFor } from '../../core/net-proxy.js';
import { proxyEnv } from '../graph/dispatcher.js';
import { probe } from '../graph/probe.js';
import type { Fact } from '../../core/doctor/types.js';
import type { TlsFacts, WebhookFacts } from '../../core/doctor/webhook-checks.js';
import { signBody } from '../../core/webhook/signature.js';

interface Answer {
  status: number;
  body: string;
  ms: number;
}

async function call(url: URL, method: 'GET' | 'POST', body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  // The certificate is judged by webhook.tls; the other checks run whatever it is. Same proxy rules as every request.
  const res = await probe(url, {
    method,
    body,
    headers: { 'user-agent': 'facebookexternalua', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    timeoutMs: 5000,
    insecureTls: true,
    maxBodyBytes: 10_000,
  });
  return { status: res.status, body: res.body, ms: res.ms };
}

async function fact<T>(fn: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const code = errnoCode(err);
    return { ok: false, error: code ? `${code} ${errorMessage(err)}` : errorMessage(err) };
  }
}

/** A CONNECT tunnel through the proxy that HTTPS_PROXY names for this URL, or undefined to connect directly. */
function tunnel(url: URL): Promise<Socket | undefined> {
  const proxy = proxyFor(url, proxyEnv());
  if (!proxy) return Promise.resolve(undefined);
  const p = new URL(proxy);
  const target = `${url.hostname}:${url.port || 443}`;
  return new Promise((resolve, reject) => {
    const auth = p.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}` } : {};
    const req = (p.protocol === 'https:' ? httpsRequest : httpRequest)({ host: p.hostname, port: p.port || (p.protocol === 'https:' ? 443 : 80), method: 'CONNECT', path: target, headers: { host: target, ...auth }, timeout: 5000 });
    req.on('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : (socket.destroy(), reject(new Error(`the proxy answered ${res.statusCode} to CONNECT ${target}`)))));
    req.on('timeout', () => req.destroy(new Error('the proxy did not answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

async function tlsFacts(url: URL): Promise<TlsFacts> {
  const through = await tunnel(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ ...(through ? { socket: through } : { host: url.hostname, port: Number(url.port || 443) }), servername: url.hostname, rejectUnauthorized: false, timeout: 5000 }, () => {
      const cert = socket.getPeerCertificate();
      const error = socket.authorizationError ? String(socket.authorizationError) : undefined;
      socket.end();
      const issuer = cert.issuer?.O ?? cert.issuer?.CN ?? 'unknown issuer';
      resolve({
        authorized: socket.authorized,
        error,
        selfSigned: error === 'DEPTH_ZERO_SELF_SIGNED_CERT' || error === 'SELF_SIGNED_CERT_IN_CHAIN',
        validTo: new Date(cert.valid_to).toISOString(),
        issuer: String(issuer),
      });
    });
    socket.on('timeout', () => socket.destroy(new Error('TLS handshake timed out')));
    socket.on('error', reject);
  });
}

/** A status callback like Meta's, for probing. */
export function probePayload(phoneNumberId: string, wabaId: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100000', phone_number_id: phoneNumberId }, statuses: [{ id: `wamid.wa-ops-doctor-${randomBytes(6).toString('hex')}`, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '15550100001' }] } }] }],
  });
}

/** Gather every webhook fact; checks that need a secret that is not configured are left out. */
export async function probeWebhook(o: { url: string; verifyToken?: string; appSecret?: string; phoneNumberId?: string; wabaId?: string; today: string }): Promise<WebhookFacts> {
  const url = new URL(o.url);
  const facts: WebhookFacts = { url: o.url, today: o.today, missingVerifyToken: !o.verifyToken, missingAppSecret: !o.appSecret };
  const jobs: Promise<void>[] = [];
  if (url.protocol === 'https:') jobs.push(fact(() => tlsFacts(url)).then((f) => void (facts.tls = f)));
  if (o.verifyToken) {
    jobs.push(
      fact(async () => {
        const challenge = randomBytes(8).toString('hex');
        const good = new URL(url);
        good.searchParams.set('hub.mode', 'subscribe');
        good.searchParams.set('hub.verify_token', o.verifyToken!);
        good.searchParams.set('hub.challenge', challenge);
        const bad = new URL(good);
        bad.searchParams.set('hub.verify_token', `wrong-${randomBytes(4).toString('hex')}`);
        const [a, b] = await Promise.all([call(good, 'GET'), call(bad, 'GET')]);
        return { status: a.status, echoed: a.body.trim() === challenge, wrongStatus: b.status, wrongEchoed: b.body.includes(challenge) };
      }).then((f) => void (facts.handshake = f)),
    );
  }
  if (o.appSecret) {
    const pn = o.phoneNumberId ?? '000000000000000';
    const waba = o.wabaId ?? '000000000000000';
    jobs.push(
      fact(async () => {
        const statuses: number[] = [];
        const latenciesMs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const body = probePayload(pn, waba);
          const a = await call(url, 'POST', body, { 'x-hub-signature-256': signBody(body, o.appSecret!) });
          statuses.push(a.status);
          latenciesMs.push(a.ms);
          if (a.status < 200 || a.status >= 300) break;
        }
        return { statuses, latenciesMs };
      }).then((f) => void (facts.signed = f)),
    );
    jobs.push(
      fact(async () => {
        const body = probePayload(pn, waba);
        const wrong = await call(url, 'POST', body, { 'x-hub-signature-256': signBody(body, `not-the-secret-${randomBytes(4).toString('hex')}`) });
        const unsigned = await call(url, 'POST', probePayload(pn, waba));
        return { wrongStatus: wrong.status, unsignedStatus: unsigned.status };
      }).then((f) => void (facts.bad = f)),
    );
  }
  await Promise.all(jobs);
  return facts;
}
