/** The one module that speaks HTTP to the Graph API (undici): keep-alive, timeouts, typed errors, typed methods. */
import { Agent, FormData, request, errors as undiciErrors } from 'undici';
import { GraphError } from '../../core/graph/graph-error.js';
import { waitFromHeaders } from '../../core/graph/actions.js';
import type { DebugTokenData, PhoneNumber, SendResponse, SubscribedApp, TemplateRecord } from './types.js';

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
}

export interface GraphResponse<T> {
  data: T;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

type Query = Record<string, string | number | undefined>;

const NOT_SENT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A Graph API client bound to one base URL, version and token. */
export class GraphClient {
  private readonly agent: Agent;
  private readonly bases: string[];
  private current = 0;

  constructor(private readonly o: GraphClientOptions) {
    const timeout = o.timeoutMs ?? 10_000;
    this.agent = new Agent({
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
      text = await res.body.text();
    } catch (err) {
      throw networkError(err, method, path);
    }
    const h = res.headers as GraphResponse<T>['headers'];
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new GraphError({
        title: `the server at ${url.origin} answered ${res.statusCode} with ${contentType(h)} instead of Graph JSON`,
        details: text.slice(0, 120).replace(/\s+/g, ' '),
        httpStatus: res.statusCode,
        notSent: res.statusCode >= 500 ? false : undefined,
        action: res.statusCode < 300 ? 'ambiguous' : undefined,
      });
    }
    if (res.statusCode >= 400 || (isObject(parsed) && isObject(parsed.error))) {
      const e = (isObject(parsed) && isObject(parsed.error) ? parsed.error : {}) as Record<string, unknown>;
      const data = isObject(e.error_data) ? e.error_data : {};
      throw new GraphError({
        code: typeof e.code === 'number' ? e.code : undefined,
        subcode: typeof e.error_subcode === 'number' ? e.error_subcode : undefined,
        title: String(e.error_user_title ?? e.message ?? `HTTP ${res.statusCode}`),
        details: typeof data.details === 'string' ? data.details : typeof e.error_user_msg === 'string' ? e.error_user_msg : undefined,
        httpStatus: res.statusCode,
        fbtraceId: typeof e.fbtrace_id === 'string' ? e.fbtrace_id : (h['x-fb-trace-id'] as string | undefined),
        retryAfterMs: waitFromHeaders(h['retry-after'] as string | undefined, h['x-business-use-case-usage'] as string | undefined),
      });
    }
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

function networkError(err: unknown, method: string, path: string): GraphError {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const where = `${method} /${path.split('?')[0]}`;
  if (NOT_SENT.has(code)) {
    return new GraphError({ title: `${where}: cannot connect (${code})`, httpStatus: 0, action: 'transient', notSent: true });
  }
  const timedOut = err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || /TIMEOUT/.test(code);
  const what = timedOut ? 'timed out waiting for the answer' : `connection lost (${code || e.message})`;
  // After a POST was written, a timeout or a reset leaves its outcome unknown: it may have been sent.
  return new GraphError({ title: `${where}: ${what}`, httpStatus: 0, action: method === 'POST' ? 'ambiguous' : 'transient' });
}

function contentType(h: GraphResponse<unknown>['headers']): string {
  return String(h['content-type'] ?? 'no content type').split(';')[0];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
