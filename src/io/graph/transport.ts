/** The Graph transport: one base URL (with failovers), version and token; JSON in and out, errors mapped to GraphError. */
import { GraphError } from '../../core/graph/graph-error.js';
import { makeRedactor } from '../../core/redact.js';
import { proxyFor } from '../../core/net-proxy.js';
import { proxyAwareDispatcher, proxyEnv, request, type Dispatcher, type FormData } from './dispatcher.js';
import { assertGraphUrl } from './graph-url.js';
import { stripTerminalControls } from '../../core/terminal-text.js';
import { readCapped } from './net-helpers.js';
import { isObject } from '../../core/is-object.js';
import { graphBodyError, networkError, notAListError, notJsonError, redirectError } from './response-errors.js';

/** How to reach the Graph API. */
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

/** A parsed Graph answer with its status and headers. */
export interface GraphResponse<T> {
  data: T;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** Query parameters; undefined ones are left out. */
export type Query = Record<string, string | number | undefined>;

/** The options of one request. */
export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  token?: string;
}

/** Far above any Graph answer (a page of 100 templates is well under 1 MB); a hostile server cannot fill the memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Requests to the Graph API over keep-alive connections, failing over only when a request surely never left. */
export class GraphTransport {
  private readonly agent: Dispatcher;
  private readonly scrub: (text: string) => string;
  private readonly bases: string[];
  private current = 0;

  constructor(protected readonly o: GraphClientOptions) {
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
  async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<GraphResponse<T>> {
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

  private async requestOnce<T>(method: 'GET' | 'POST' | 'DELETE', path: string, opts: RequestOptions): Promise<GraphResponse<T>> {
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
      throw networkError(err, method, path, url.host, proxyHost(url));
    }
    const h = res.headers as GraphResponse<T>['headers'];
    if (res.statusCode < 200 || (res.statusCode >= 300 && res.statusCode < 400)) throw redirectError(res.statusCode, url.origin, h, this.scrub);
    let parsed: unknown;
    try {
      // Server text reaches terminals (doctor, templates list, errors): escapes and controls go at the boundary.
      parsed = text === '' ? {} : JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? stripTerminalControls(value) : value));
    } catch {
      throw notJsonError(stripTerminalControls(text), res.statusCode, url.origin, h, this.scrub, method);
    }
    if (res.statusCode >= 400 || (isObject(parsed) && isObject(parsed.error))) throw graphBodyError(parsed, res.statusCode, h, this.scrub, method);
    return { data: parsed as T, status: res.statusCode, headers: h };
  }

  /** Every page of a list edge (cursor paging, at most 1000 pages). */
  protected async all<T>(path: string, query: Query): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const res = await this.request<{ data: T[]; paging?: { cursors?: { after?: string }; next?: string } }>('GET', path, { query: { ...query, after } });
      // Every Graph list edge answers {"data": [...]}: JSON without it is another server, not an empty list.
      if (!Array.isArray(res.data.data)) throw notAListError(path, res.status);
      out.push(...res.data.data);
      after = res.data.paging?.cursors?.after;
      if (!res.data.paging?.next || !after) break;
    }
    return out;
  }

  /** Close the keep-alive connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Drop every connection now, requests in flight included (an interrupted run must not wait for them). */
  async destroy(): Promise<void> {
    await this.agent.destroy();
  }
}

/** The host of the proxy a request to `url` goes through (never its credentials), or undefined for a direct one. */
function proxyHost(url: URL): string | undefined {
  const proxy = proxyFor(url, proxyEnv());
  if (!proxy) return undefined;
  try {
    return new URL(proxy).host;
  } catch {
    return 'from HTTPS_PROXY/HTTP_PROXY';
  }
}
