/** The sandbox HTTP server: a local, stateful imitation of the Cloud API on loopback. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { boundPort } from '../io/bound-port.js';
import { isKnownVersion, servingVersion } from './api-versions.js';
import { debugAccess, debugToken, phoneNumber, phoneNumberList, pickFields } from './account.js';
import { control } from './control.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { graphError, isSandboxError, type SandboxError } from './graph-errors.js';
import { nonexistingField } from './node-fields.js';
import { noToken, unserved, unsupported } from './graph-refusals.js';
import { ok, readBody, send, sleep, type Answer } from './http.js';
import { routePhoneEdge, updatePhoneNumber, updateWaba, wabaObject } from './routes-account.js';
import { MEDIA_PATH, downloadMedia, mediaObject, uploadMedia } from './routes-media.js';
import { sendMessage } from './routes-messages.js';
import { subscriptions } from './routes-subscriptions.js';
import { createTemplate, deleteTemplates, editTemplate, listTemplates, shown } from './routes-templates.js';
import { parseRequestBody, takeBodyToken, withQueryParams } from './request-params.js';
import { templateLibrary } from './template-library.js';
import { SandboxState, type SandboxOptions } from './state.js';
import { isObj } from './validate-content.js';
import { WebhookEmitter } from './webhooks.js';

/** A running sandbox: its URL, state, webhook emitter and how to stop it. */
export interface SandboxServer {
  url: string;
  state: SandboxState;
  webhooks: WebhookEmitter;
  close(): Promise<void>;
}

/** The sandbox's defaults (the same as wa-ops sandbox without flags). */
export const SANDBOX_DEFAULTS: SandboxOptions = {
  token: 'sandbox-token',
  phoneNumberId: '109876543210987',
  extraPhoneNumberIds: [],
  wabaId: '210987654321098',
  appId: '1234567890123456',
  appSecret: 'sandbox-app-secret',
  displayPhoneNumber: '+1 555-010-0000',
  templates: DEFAULT_TEMPLATES,
  mps: 80,
  failRate: 0,
  latency: [0, 0],
  seed: 1,
  scenarios: [],
  undeliverable: [],
  statusDelayMs: 100,
  reviewDelayMs: 2000,
};

const MAX_BODY = 1024 * 1024;
/** A path without a version (whatsapp-api-js blocks users that way) gets the API's default, as on graph.facebook.com. */
const DEFAULT_VERSION = 'v23.0';
const MAX_UPLOAD = 101 * 1024 * 1024;

/** Start a sandbox on 127.0.0.1 (port 0 picks a free one). Rejects with the listen error (EADDRINUSE...) as is. */
export async function startSandbox(options: Partial<SandboxOptions> & { port?: number; host?: string } = {}): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const state = new SandboxState({ ...SANDBOX_DEFAULTS, ...defined });
  const webhooks = new WebhookEmitter(state);
  const server = createServer((req, res) => {
    handle(req, res, state, webhooks).catch((err) => send(res, { status: 500, body: graphError(1, String(err)).body }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const reach = reachableHost(host);
  state.baseUrl = `http://${reach.includes(':') ? `[${reach}]` : reach}:${boundPort(server)}`;
  return {
    url: state.baseUrl,
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
  const bytes = await readBody(req, isUpload ? MAX_UPLOAD : MAX_BODY);
  if (bytes === undefined) return send(res, graphError(100, `request body too large`, 413));
  if (url.pathname.startsWith('/_sandbox/')) return send(res, await control(url, method, bytes.toString('utf8'), state, webhooks));
  if (url.pathname === MEDIA_PATH && method === 'GET') return downloadMedia(req, res, url, state);
  const m = /^\/(?:(v\d+\.\d+)\/)?(.+?)\/?$/.exec(url.pathname);
  if (!m) return send(res, graphError(100, 'Unknown path: expected /{version}/...', 400));
  const version = m[1] ?? DEFAULT_VERSION;
  // A version that never existed (v99.0) is not a version to Graph but an unknown path.
  if (!isKnownVersion(version)) return send(res, graphError(2500, undefined, 400, { message: `Unknown path components: /${m[2]}` }));
  res.setHeader('facebook-api-version', servingVersion(version, Date.now()));
  const [lat0, lat1] = state.o.latency;
  if (lat1 > 0) await sleep(lat0 + Math.floor(state.rng() * (lat1 - lat0 + 1)));
  // Graph reads JSON, form-encoded and multipart bodies alike, and a token from the header, the query or the body.
  const parsed = isUpload ? { body: undefined } : parseRequestBody(bytes, String(req.headers['content-type'] ?? ''));
  const bodyToken = 'body' in parsed ? takeBodyToken(parsed.body) : undefined;
  const scheme = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const token = scheme?.[1] ?? url.searchParams.get('access_token') ?? bodyToken ?? null;
  const parts = m[2].split('/');
  if (parts[0] === 'debug_token' && method === 'GET') return send(res, debug(state, token, url));
  if (!token) return send(res, noToken());
  if (token !== state.o.token) return send(res, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
  if (state.scenarios.has('token-expired')) return send(res, graphError(190, 'Error validating access token: Session has expired.', undefined, { subcode: 463 }));
  if (isUpload) {
    if (!state.isPhoneNumber(parts[0])) return send(res, unsupported(method, parts[0]));
    return send(res, uploadMedia(req, bytes, url, parts[0], state));
  }
  if ('error' in parsed) return send(res, parsed.error);
  const body = method === 'POST' ? withQueryParams(parsed.body, url) : parsed.body;
  if (parts[0] === state.o.wabaId && parts[1] === 'subscribed_apps' && parts.length === 2) return send(res, await subscriptions(method, isObj(body) ? body : {}, state));
  if (state.isPhoneNumber(parts[0]) && parts[1] === 'messages' && method === 'POST') return sendMessage(body, res, state, webhooks, parts[0], version);
  if (state.isPhoneNumber(parts[0]) && parts[1] === 'marketing_messages' && method === 'POST') {
    // Marketing Messages Lite: templates only, otherwise the same send.
    if (!isObj(body) || (body.type !== undefined && body.type !== 'template') || body.template === undefined) return send(res, graphError(100, 'The Marketing Messages API sends templates only: give type "template" and a template.'));
    return sendMessage(body, res, state, webhooks, parts[0], version);
  }
  send(res, route(method, parts, url, body, state, webhooks));
}

function route(method: string, parts: string[], url: URL, body: unknown, state: SandboxState, webhooks: WebhookEmitter): Answer {
  const [id, edge, ...rest] = parts;
  const fields = url.searchParams.get('fields');
  const obj = isObj(body) ? body : {};
  if (state.isPhoneNumber(id)) {
    if (edge === undefined && method === 'GET') return nonexistingField(fields, 'WhatsAppBusinessPhoneNumber') ?? ok(pickFields(phoneNumber(state, id), fields));
    if (edge === undefined && method === 'POST') return updatePhoneNumber(url, obj, state);
    const answer = edge === undefined ? undefined : routePhoneEdge(method, id, edge, rest, url, obj, state);
    if (answer) return answer;
  }
  if (id === 'message_template_library' && method === 'GET') return templateLibrary(url);
  if (id === state.o.wabaId) {
    if (edge === undefined && method === 'GET') return nonexistingField(fields, 'WhatsAppBusinessAccount') ?? wabaObject(state, fields);
    if (edge === undefined && method === 'POST') return updateWaba(obj, state);
    if (edge === 'phone_numbers' && method === 'GET') return nonexistingField(fields, 'WhatsAppBusinessPhoneNumber') ?? listedOrError(phoneNumberList(state, fields, url.searchParams.get('filtering'), url.searchParams.get('sort')));
    if (edge === 'message_templates' && method === 'GET') return listTemplates(url, state);
    if (edge === 'message_templates' && method === 'POST') return createTemplate(body, state, webhooks);
    if (edge === 'message_templates' && method === 'DELETE') return deleteTemplates(url, state);
  }
  const media = edge === undefined ? state.media.get(id) : undefined;
  if (media && (method === 'GET' || method === 'DELETE')) return mediaObject(method, media, url, state);
  const template = edge === undefined ? state.templateById(id) : undefined;
  if (template && method === 'GET') return nonexistingField(fields, 'WhatsAppBusinessHSM') ?? ok(pickFields(shown(state, template), fields ?? 'name,components,language,status,category,parameter_format,rejected_reason'));
  if (template && method === 'POST') return editTemplate(template, body, state, webhooks);
  const node = state.isPhoneNumber(id) ? 'WhatsAppBusinessPhoneNumber' : id === state.o.wabaId ? 'WhatsAppBusinessAccount' : undefined;
  return unserved(method, id, edge, rest.length > 0, node);
}

/** A listing, or the error that stopped it, as an answer. */
const listedOrError = (r: SandboxError | object): Answer => (isSandboxError(r) ? r : ok(r));

function debug(state: SandboxState, token: string | null, url: URL): Answer {
  const access = debugAccess(state, token);
  if (access === 'bad-signature') return graphError(190, 'Invalid OAuth access token signature.', 400);
  if (access === 'invalid' && !token) return noToken();
  if (access === 'invalid') return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
  const input = url.searchParams.get('input_token');
  if (!input) return graphError(100, 'The parameter input_token is required');
  return ok(debugToken(state, input));
}

/** The host clients use to reach a listen address: every interface (0.0.0.0, ::) is reached through loopback, which wa-ops accepts over plain http. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '0') return '127.0.0.1';
  if (host === '::' || host === '::0') return '::1';
  return host;
}
