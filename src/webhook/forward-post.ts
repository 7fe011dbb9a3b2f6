/** One forwarding POST of a body with its headers: through the proxy-aware client behind HTTPS_PROXY/HTTP_PROXY, else straight. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { errnoCode, errorMessage } from '../core/caught.js';

/** What the endpoint answered (status), or why it could not be reached (error: a code such as ECONNREFUSED). */
export interface PostAnswer {
  status?: number;
  error?: string;
}

/** POST body to target; never rejects. */
export type PostOnce = (target: URL, body: Buffer, headers: Record<string, string>) => Promise<PostAnswer>;

/** A poster with this timeout; whether a target goes through a proxy is decided once per target. */
export function postOnce(timeoutMs: number): PostOnce {
  const proxied = new Map<string, boolean>();
  return async (target, body, headers) => {
    if (!proxied.has(target.href)) {
      const env = process.env;
      const { proxyFor } = await import('../core/net-proxy.js');
      proxied.set(target.href, proxyFor(target, { httpProxy: env.http_proxy ?? env.HTTP_PROXY, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY, noProxy: env.no_proxy ?? env.NO_PROXY }) !== undefined);
    }
    return proxied.get(target.href) ? viaProxy(target, body, headers, timeoutMs) : direct(target, body, headers, timeoutMs);
  };
}

/** Behind a corporate proxy the shared proxy-aware client carries it. */
async function viaProxy(target: URL, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  const { probe } = await import('../io/graph/probe.js');
  try {
    // Meta's bodies are ASCII (non-ASCII is escaped), so the text round trip keeps the signed bytes.
    const res = await probe(target, { method: 'POST', headers, body: body.toString('utf8'), timeoutMs });
    return { status: res.status };
  } catch (err) {
    return { error: errnoCode(err) ?? errorMessage(err) };
  }
}

function direct(target: URL, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(target, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ error: errnoCode(e) ?? e.message }));
    req.end(body);
  });
}
