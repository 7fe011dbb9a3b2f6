/** The sandbox HTTP server: a local, stateful imitation of the Cloud API on loopback. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lintTemplate } from '../core/lint/engine.js';
import type { Template } from '../core/lint/types.js';
import { debugToken, phoneNumber, pickFields, subscribedApps } from './account.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { graphError, type SandboxError } from './graph-errors.js';
import { SandboxState, SCENARIOS, type SandboxOptions, type Scenario } from './state.js';
import { validateMessage } from './validate-message.js';
import { WebhookEmitter } from './webhooks.js';

export interface SandboxServer {
  url: string;
  state: SandboxState;
  webhooks: WebhookEmitter;
  close(): Promise<void>;
}

export const SANDBOX_DEFAULTS: SandboxOptions = {
  token: 'sandbox-token',
  phoneNumberId: '109876543210987',
  extraPhoneNumberIds: [],
  wabaId: '210987654321098',
  appId: '1234567890123456',
  displayPhoneNumber: '+1 555-010-0000',
  templates: DEFAULT_TEMPLATES,
  mps: 80,
  failRate: 0,
  latency: [0, 0],
  seed: 1,
  scenarios: [],
  undeliverable: [],
  statusDelayMs: 100,
};

const MAX_BODY = 1024 * 1024;
const REJECTION: Record<string, string> = {
  'promotional-in-utility': 'TAG_CONTENT_MISMATCH',
  'discount-percentage': 'PROMOTIONAL',
  'url-shortener': 'SCAM',
  'sensitive-data': 'SCAM',
};

/** Start a sandbox on 127.0.0.1 (port 0 picks a free one). */
export async function startSandbox(options: Partial<SandboxOptions> & { port?: number; host?: string } = {}): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const state = new SandboxState({ ...SANDBOX_DEFAULTS, ...rest });
  const webhooks = new WebhookEmitter(state);
  const server = createServer((req, res) => {
    handle(req, res, state, webhooks).catch((err) => send(res, { status: 500, body: graphError(1, String(err)).body }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${host}:${addr.port}`,
    state,
    webhooks,
    async close() {
      webhooks.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: SandboxState, webhooks: WebhookEmitter): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = req.method ?? 'GET';
  const isUpload = method === 'POST' && /\/media\/?$/.test(url.pathname);
  const bytes = await readBody(req, isUpload ? 100 * 1024 * 1024 : MAX_BODY);
  if (bytes === undefined) return send(res, graphError(100, `request body too large`, 413));
  const raw = bytes.toString(isUpload ? 'latin1' : 'utf8');
  if (url.pathname.startsWith('/_sandbox/')) return control(url, method, raw, res, state, webhooks);
  const m = /^\/v\d+\.\d+\/(.+?)\/?$/.exec(url.pathname);
  if (!m) return send(res, graphError(100, 'Unknown path: expected /{version}/...', 400));
  const [lat0, lat1] = state.o.latency;
  if (lat1 > 0) await sleep(lat0 + Math.floor(state.rng() * (lat1 - lat0 + 1)));
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('access_token');
  if (token !== state.o.token) return send(res, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
  if (state.scenarios.has('token-expired')) return send(res, graphError(190, 'Error validating access token: Session has expired.'));
  const parts = m[1].split('/');
  let body: unknown;
  if (isUpload) return state.isPhoneNumber(parts[0]) ? uploadMedia(req, raw, res, state) : send(res, graphError(100, `Unsupported post request. Object with ID '${parts[0]}' does not exist`));
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, graphError(100, 'The request body is not valid JSON.'));
    }
  }
  const o = state.o;
  if (parts[0] === 'debug_token' && method === 'GET') return send(res, { status: 200, body: debugToken(state, url.searchParams.get('input_token') ?? '') });
  if (state.isPhoneNumber(parts[0])) {
    if (parts.length === 1 && method === 'GET') return send(res, { status: 200, body: pickFields({ ...phoneNumber(state), id: parts[0] }, url.searchParams.get('fields')) });
    if (parts[1] === 'messages' && method === 'POST') return sendMessage(body, res, state, webhooks, parts[0]);
  }
  if (parts[0] === o.wabaId) {
    if (parts[1] === 'phone_numbers' && method === 'GET') return send(res, { status: 200, body: { data: [pickFields(phoneNumber(state), url.searchParams.get('fields'))], paging: { cursors: { before: 'QVFI', after: 'QVFI' } } } });
    if (parts[1] === 'subscribed_apps') return send(res, { status: 200, body: method === 'POST' ? { success: true } : subscribedApps(state) });
    if (parts[1] === 'message_templates' && method === 'GET') return listTemplates(url, res, state);
    if (parts[1] === 'message_templates' && method === 'POST') return createTemplate(body, res, state);
  }
  return send(res, graphError(100, `Unsupported ${method.toLowerCase()} request. Object with ID '${parts[0]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`));
}

function sendMessage(body: unknown, res: ServerResponse, state: SandboxState, webhooks: WebhookEmitter, phoneNumberId: string): void {
  if (state.scenarios.has('token-missing-scope')) return send(res, graphError(10, 'Application does not have permission for this action'));
  const forced = state.forced[0];
  if (forced) {
    if (--forced.remaining <= 0) state.forced.shift();
    return send(res, graphError(forced.code, forcedDetails(forced.code), forced.httpStatus));
  }
  const v = validateMessage(body, state);
  if ('status' in v) return send(res, v);
  if (!state.takeThroughput()) return send(res, graphError(130429, 'Cloud API message throughput has been reached.'));
  if (!state.takePair(v.to)) return send(res, graphError(131056, 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.'));
  let dropAfterAccept = false;
  if (state.o.failRate > 0 && state.rng() < state.o.failRate) {
    const pick = state.rng();
    if (pick < 0.4) return send(res, graphError(131000, 'Something went wrong'));
    if (pick < 0.7) return send(res, graphError(2, 'Service temporarily unavailable', 503));
    if (pick < 0.85) return void res.socket?.destroy();
    dropAfterAccept = true; // accepted, but the answer never arrives: the caller cannot know
  }
  const id = state.nextWamid();
  const accepted = {
    id,
    phoneNumberId,
    to: v.to,
    type: v.type,
    template: v.template && { name: v.template.name, language: v.template.language, parameters: v.template.parameters },
    text: v.text,
    bizOpaqueCallbackData: v.bizOpaqueCallbackData,
    acceptedAt: new Date().toISOString(),
    payload: body,
  };
  state.messages.push(accepted);
  webhooks.schedule(accepted);
  if (dropAfterAccept) return void res.socket?.destroy();
  const input = (body as { to: string }).to;
  send(res, { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input, wa_id: v.to.slice(1) }], messages: [{ id, message_status: 'accepted' }] } });
}

function forcedDetails(code: number): string {
  return code === 130429 ? 'Cloud API message throughput has been reached.' : code === 131056 ? 'Pair rate limit hit.' : `forced error ${code}`;
}

function listTemplates(url: URL, res: ServerResponse, state: SandboxState): void {
  const name = url.searchParams.get('name');
  const language = url.searchParams.get('language');
  const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 25) || 25));
  const after = Number(url.searchParams.get('after') ? Buffer.from(url.searchParams.get('after')!, 'base64url').toString() : 0) || 0;
  const paused = state.scenarios.has('template-paused');
  const all = [...state.templates.values()]
    .filter((t) => (!name || t.name === name) && (!language || t.language === language))
    .map((t) => ({ ...t, status: paused && t.status === 'APPROVED' ? 'PAUSED' : t.status }));
  const page = all.slice(after, after + limit);
  const next = after + limit < all.length ? Buffer.from(String(after + limit)).toString('base64url') : undefined;
  const cursors = { before: Buffer.from(String(after)).toString('base64url'), after: next ?? Buffer.from(String(all.length)).toString('base64url') };
  send(res, { status: 200, body: { data: page, paging: next ? { cursors, next: `${url.origin}${url.pathname}?after=${next}&limit=${limit}` } : { cursors } } });
}

function createTemplate(body: unknown, res: ServerResponse, state: SandboxState): void {
  const t = body as Template & { status?: string };
  if (!t || typeof t !== 'object' || !Array.isArray(t.components) || typeof t.name !== 'string' || typeof t.language !== 'string') {
    return send(res, graphError(100, 'name, language, category and components are required.'));
  }
  if (!/^[a-z0-9_]{1,512}$/.test(t.name)) return send(res, graphError(100, 'Template name may only contain lowercase letters, numbers and underscores.'));
  const result = lintTemplate(t, { file: '<api>', kind: 'json' });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const reason = errors.length === 0 ? undefined : (errors.map((f) => REJECTION[f.rule]).find(Boolean) ?? 'INVALID_FORMAT');
  const stored = state.addTemplate({
    name: t.name,
    language: t.language,
    category: String(t.category ?? 'UTILITY').toUpperCase(),
    parameter_format: t.parameter_format,
    components: t.components,
    status: reason ? 'REJECTED' : 'APPROVED',
    rejected_reason: reason,
  });
  send(res, { status: 200, body: { id: stored.id, status: stored.status, category: stored.category } });
}

function control(url: URL, method: string, raw: string, res: ServerResponse, state: SandboxState, webhooks: WebhookEmitter): void {
  const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const path = url.pathname.replace(/^\/_sandbox\//, '');
  if (path === 'messages' && method === 'GET') return send(res, { status: 200, body: { data: state.messages } });
  if (path === 'webhooks' && method === 'GET') return send(res, { status: 200, body: webhooks.stats });
  if (path === 'scenario' && method === 'POST') {
    const names = (list: unknown) => (Array.isArray(list) ? list.map(String) : []);
    for (const n of [...names(body.set), ...names(body.add)]) if (!(n in SCENARIOS)) return send(res, graphError(100, `unknown scenario ${n}`));
    if (Array.isArray(body.set)) state.scenarios.clear();
    for (const n of [...names(body.set), ...names(body.add)]) state.scenarios.add(n as Scenario);
    for (const n of names(body.remove)) state.scenarios.delete(n as Scenario);
    return send(res, { status: 200, body: { scenarios: [...state.scenarios] } });
  }
  if (path === 'fail-next' && method === 'POST') {
    state.forced.push({ code: Number(body.code), remaining: Number(body.count ?? 1), httpStatus: body.httpStatus === undefined ? undefined : Number(body.httpStatus) });
    return send(res, { status: 200, body: { forced: state.forced } });
  }
  if (path === 'reset' && method === 'POST') {
    state.reset();
    return send(res, { status: 200, body: { ok: true } });
  }
  send(res, graphError(100, `unknown sandbox control ${method} /_sandbox/${path}`, 404));
}

function send(res: ServerResponse, r: SandboxError | { status: number; body: unknown }): void {
  const text = JSON.stringify(r.body);
  res.writeHead(r.status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), 'x-fb-trace-id': 'sandbox', ...('headers' in r ? r.headers : {}) });
  res.end(text);
}

function uploadMedia(req: IncomingMessage, raw: string, res: ServerResponse, state: SandboxState): void {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return send(res, graphError(100, 'media uploads are multipart/form-data'));
  if (!/name="messaging_product"\r\n\r\nwhatsapp/.test(raw)) return send(res, graphError(100, 'The parameter messaging_product is required.'));
  if (!/name="file"; filename=/.test(raw)) return send(res, graphError(100, 'The parameter file is required.'));
  const id = String(1500000000000000 + state.mediaIds.size);
  state.mediaIds.add(id);
  send(res, { status: 200, body: { id } });
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c); // past the limit: keep reading, keep nothing, answer 413
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
