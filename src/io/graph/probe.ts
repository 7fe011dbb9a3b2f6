/** Requests to URLs that are not the Graph API (a media URL, a webhook), on the same proxy-aware dispatcher. */
import { errnoCode } from '../../core/caught.js';
import { isObject } from '../../core/is-object.js';
import { proxyFor } from '../../core/net-proxy.js';
import { proxyAwareDispatcher, proxyEnv, request } from './dispatcher.js';
import { stripTerminalControls } from '../../core/terminal-text.js';
import { guardedLookup, readCapped } from './net-helpers.js';

/** How to probe a URL. */
export interface ProbeOptions {
  method: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** Accept any certificate (doctor judges the certificate in a check of its own). */
  insecureTls?: boolean;
  /** Refuse to connect when an address the host resolves to is refused (checked at connect time: no DNS rebinding). */
  guardAddress?: (ip: string) => string | undefined;
  /** Keep at most this much of the body (default 64 KiB). */
  maxBodyBytes?: number;
}

/** What a probed URL answered, and how long it took. */
export interface ProbeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** One request to a URL that is not the Graph API (a media URL, a webhook), on the same proxy-aware dispatcher. */
export async function probe(url: URL, o: ProbeOptions): Promise<ProbeAnswer> {
  const timeout = o.timeoutMs ?? 5_000;
  const proxied = proxyFor(url, proxyEnv()) !== undefined;
  const tls = o.insecureTls ? { rejectUnauthorized: false } : {};
  const dispatcher = proxyAwareDispatcher({
    connect: { timeout, ...tls, ...(o.guardAddress && !proxied ? { lookup: guardedLookup(o.guardAddress) } : {}) },
    requestTls: tls,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const started = performance.now();
  try {
    const res = await request(url, { method: o.method, headers: o.headers, body: o.body, dispatcher });
    const body = o.method === 'HEAD' ? (await res.body.dump(), '') : stripTerminalControls(await readCapped(res.body, o.maxBodyBytes ?? 64 * 1024));
    return { status: res.statusCode, headers: res.headers as ProbeAnswer['headers'], body, ms: performance.now() - started };
  } catch (err) {
    // undici wraps the socket's error (ECONNREFUSED, ENOTFOUND) in `cause`: that one names what went wrong.
    const cause = isObject(err) && errnoCode(err.cause) ? err.cause : err;
    const message = isObject(cause) && typeof cause.message === 'string' ? cause.message : '';
    throw Object.assign(new Error(message || String(err)), { code: errnoCode(cause) });
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}
