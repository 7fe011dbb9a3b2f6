/** The one module that speaks HTTP (undici): the Graph client, and the probes (media HEAD, webhook) on the same proxy-aware dispatcher. */
import { EnvHttpProxyAgent, FormData, request, type Dispatcher } from 'undici';
import { UsageError } from '../../core/errors.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { makeRedactor } from '../../core/redact.js';
import { noProxyList, proxyFor, type ProxyEnv } from '../../core/net-proxy.js';
import { graphUrlProblem } from '../../core/url-policy.js';
import { guardedLookup, readCapped } from './net-helpers.js';
import { graphBodyError, isObject, networkError, notJsonError } from './response-errors.js';
import type { DebugTokenData, PhoneNumber, SendResponse, SubscribedApp, TemplateRecord } from './types.js';

/** The proxy settings of this process (lower case wins, as in curl and undici). */
export function proxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  return { httpProxy: env.http_proxy ?? env.HTTP_PROXY, httpsProxy: env.https_proxy ?? env.HTTPS_PROXY, noProxy: env.no_proxy ?? env.NO_PROXY };
}

/** A dispatcher that honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY (loopback always direct). */
function proxyAwareDispatcher(opts: Record<string, unknown>): Dispatcher {
  const env = proxyEnv();
  return new EnvHttpProxyAgent({ ...opts, httpProxy: env.httpProxy, httpsProxy: env.httpsProxy, noProxy: noProxyList(env.noProxy) });
}

/** Refuse a Graph base URL that must not receive the token (exit 2, one line naming it). */
export function assertGraphUrl(url: string, allowInsecure = process.env.WA_OPS_ALLOW_INSECURE_GRAPH_URL === '1'): void {
  const problem = graphUrlProblem(url, allowInsecure);
  if (problem) throw new UsageError(`Graph API URL ${redactUrl(url)}: ${problem}`, { code: 'bad-graph-url', hint: 'set WA_OPS_GRAPH_URL, "graphUrl" in the config file or --graph-url to an https:// URL' });
}

function redactUrl(url: string): string {
  return makeRedactor([])(url);
}

export interface GraphClientOptions {
  baseUrl: string;
  /** Further base URLs (a proxy, a second region) to fail over to when the current one cannot be reached. */
  fallbackUrls?: string[];
  /** Told when the client moves to another base URL. */
  onFailover?: (from: string, to: string, reason: string) => void;
  apiVersion: string;
  token: string;
  /** Per-request timeout (headers and body), default 10 s. */
  timeoutMs?: number;
  /** Connect timeout, default 3 s. */
  connectTimeoutMs?: number;
  /** Keep-alive connections per origin. */
  connections?: number;
  /** Allow plain http:// to hosts other than loopback (default: WA_OPS_ALLOW_INSECURE_GRAPH_URL=1). */
  allowInsecure?: boolean;
}

export interface GraphResponse<T> {
  data: T;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

type Query = Record<string, string | number | undefined>;

/** Far above any Graph answer (a page of 100 templates is well under 1 MB); a hostile server cannot fill the memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A Graph API client bound to one base URL, version and token. */
export class GraphClient {
  private readonly agent: Dispatcher;
  private readonly scrub: (text: string) => string;
  private readonly bases: string[];
  private current = 0;

  constructor(private readonly o: GraphClientOptions) {
    const timeout = o.timeoutMs ?? 10_000;
    for (const u of [o.baseUrl, ...(o.fallbackUrls ?? [])]) assertGraphUrl(u, o.allowInsecure);
    this.scrub = makeRedactor([o.token]);
    this.agent = proxyAwareDispatcher({
      connect: { timeout: o.connectTimeoutMs ?? 3_000 },
      headersTimeout: timeout,
      bodyTimeout: timeout,
      keepAliveTimeout: 30_000,
      connections: o.connections ?? 64,
      pipelining: 1,
    });
    this.bases = [o.baseUrl, ...(o.fallbackUrls ?? [])].map((b) => `${b.replace(/\/+$/, '')}/${o.apiVersion}`);
  }

  /** The base URL in use now. */
  get baseUrl(): string {
    return this.bases[this.current];
  }

  /** One request; resolves with parsed JSON or rejects with a GraphError. */
  async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, opts: { query?: Query; body?: unknown; form?: FormData; token?: string } = {}): Promise<GraphResponse<T>> {
    for (let tries = 0; ; tries++) {
      try {
        return await this.requestOnce<T>(method, path, opts);
      } catch (err) {
        // Only a request that surely never left may go to another URL; an ambiguous one is the ledger's business.
        if (!(err instanceof GraphError) || !err.notSent || tries >= this.bases.length - 1) throw err;
        const from = this.bases[this.current];
        this.current = (this.current + 1) % this.bases.length;
        this.o.onFailover?.(from, this.bases[this.current], err.message);
      }
    }
  }

  private async requestOnce<T>(method: 'GET' | 'POST' | 'DELETE', path: string, opts: { query?: Query; body?: unknown; form?: FormData; token?: string }): Promise<GraphResponse<T>> {
    const url = new URL(`${this.bases[this.current]}/${path.replace(/^\/+/, '')}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? this.o.token}`, accept: 'application/json' };
    let body: string | FormData | undefined;
    if (opts.form !== undefined) body = opts.form;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    let res: Awaited<ReturnType<typeof request>>;
    let text: string;
    try {
      res = await request(url, { method, headers, body, dispatcher: this.agent });
      text = await readCapped(res.body, MAX_BODY_BYTES);
    } catch (err) {
      throw networkError(err, method, path, url.host);
    }
    const h = res.headers as GraphResponse<T>['headers'];
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw notJsonError(text, res.statusCode, url.origin, h, this.scrub);
    }
    if (res.statusCode >= 400 || (isObject(parsed) && isObject(parsed.error))) throw graphBodyError(parsed, res.statusCode, h, this.scrub);
    return { data: parsed as T, status: res.statusCode, headers: h };
  }

  /** POST /{pnid}/messages. */
  async sendMessage(phoneNumberId: string, payload: unknown): Promise<SendResponse> {
    return (await this.request<SendResponse>('POST', `${phoneNumberId}/messages`, { body: payload })).data;
  }

  /** POST /{pnid}/media (multipart): upload a file once, to send it by id. */
  async uploadMedia(phoneNumberId: string, bytes: Uint8Array, mime: string, filename: string): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', mime);
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
    return (await this.request<{ id: string }>('POST', `${phoneNumberId}/media`, { form })).data.id;
  }

  /** GET /{pnid}?fields=... */
  async getPhoneNumber(phoneNumberId: string, fields: readonly string[]): Promise<PhoneNumber> {
    return (await this.request<PhoneNumber>('GET', phoneNumberId, { query: { fields: fields.join(',') } })).data;
  }

  /** GET /{waba}/phone_numbers */
  async listPhoneNumbers(wabaId: string, fields?: readonly string[]): Promise<PhoneNumber[]> {
    return this.all<PhoneNumber>(`${wabaId}/phone_numbers`, fields ? { fields: fields.join(',') } : {});
  }

  /** GET /{waba}/subscribed_apps */
  async subscribedApps(wabaId: string): Promise<SubscribedApp[]> {
    return (await this.request<{ data: SubscribedApp[] }>('GET', `${wabaId}/subscribed_apps`)).data.data ?? [];
  }

  /** GET /{waba}/message_templates, every page. */
  async listTemplates(wabaId: string, filter: { name?: string; language?: string; status?: string; category?: string } = {}): Promise<TemplateRecord[]> {
    return this.all<TemplateRecord>(`${wabaId}/message_templates`, { name: filter.name, language: filter.language, status: filter.status, category: filter.category, limit: 100 });
  }

  /** POST /{waba}/message_templates */
  async createTemplate(wabaId: string, template: unknown): Promise<{ id: string; status: string; category: string }> {
    return (await this.request<{ id: string; status: string; category: string }>('POST', `${wabaId}/message_templates`, { body: template })).data;
  }

  /** POST /{template-id}: edit an existing template (components, category); Meta reviews it again. */
  async updateTemplate(templateId: string, changes: unknown): Promise<{ success: boolean }> {
    return (await this.request<{ success: boolean }>('POST', templateId, { body: changes })).data;
  }

  /** GET /debug_token?input_token=... (the token inspects itself unless another access token is given). */
  async debugToken(inputToken: string, accessToken?: string): Promise<DebugTokenData> {
    return (await this.request<{ data: DebugTokenData }>('GET', 'debug_token', { query: { input_token: inputToken }, token: accessToken })).data.data;
  }

  /** The health_status field of a phone number. */
  async healthStatus(phoneNumberId: string): Promise<PhoneNumber['health_status']> {
    return (await this.getPhoneNumber(phoneNumberId, ['health_status'])).health_status;
  }

  /** Close the keep-alive connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Drop every connection now, requests in flight included (an interrupted run must not wait for them). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }

  private async all<T>(path: string, query: Query): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const res = await this.request<{ data: T[]; paging?: { cursors?: { after?: string }; next?: string } }>('GET', path, { query: { ...query, after } });
      out.push(...(res.data.data ?? []));
      after = res.data.paging?.cursors?.after;
      if (!res.data.paging?.next || !after) break;
    }
    return out;
  }
}

/**
 * POSTs to one endpoint that is not the Graph API (the sandbox's webhooks), over keep-alive connections
 * on the same proxy-aware dispatcher as every other request: HTTPS_PROXY/HTTP_PROXY/NO_PROXY, loopback direct.
 */
export class Poster {
  private readonly agent: Dispatcher;

  constructor(timeoutMs = 5_000) {
    this.agent = proxyAwareDispatcher({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 30_000 });
  }

  /** One POST; resolves with the status code (the answer's body is read and dropped), rejects on a network error. */
  async post(url: string, headers: Record<string, string>, body: string): Promise<number> {
    const res = await request(url, { method: 'POST', headers, body, dispatcher: this.agent });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return res.statusCode;
  }

  /** Drop the connections (a stopped sandbox must not keep the process alive). */
  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}

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
    const body = o.method === 'HEAD' ? (await res.body.dump(), '') : await readCapped(res.body, o.maxBodyBytes ?? 64 * 1024);
    return { status: res.statusCode, headers: res.headers as ProbeAnswer['headers'], body, ms: performance.now() - started };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const cause = e.cause?.code ? e.cause : e;
    throw Object.assign(new Error(cause.message || String(err)), { code: cause.code });
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}
