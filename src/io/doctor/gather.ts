/** Gather the facts doctor judges, with independent API calls in parallel (one request per field group). */
import { errorMessage } from '../../core/caught.js';
import type { Fact } from '../../core/doctor/types.js';
import type { DebugTokenFacts, PhoneFacts } from '../../core/doctor/account-checks.js';
import type { TemplateFacts } from '../../core/doctor/template-checks.js';
import type { WebhookFacts } from '../../core/doctor/webhook-checks.js';
import type { Unreachable } from '../../core/doctor/network-checks.js';
import type { AppTokenFact } from '../../core/doctor/app-secret-check.js';
import { skipTokenDependents } from '../../core/doctor/dependent-facts.js';
import { EXIT, WaOpsError } from '../../core/errors.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { proxyFor } from '../../core/net-proxy.js';
import type { Settings } from '../config.js';
import { GraphClient } from '../graph/client.js';
import { proxyEnv } from '../graph/dispatcher.js';
import { probeWebhook } from './webhook-probe.js';

/** The phone number fields doctor asks the API for. */
export const PHONE_FIELDS = [
  'display_phone_number',
  'verified_name',
  'status',
  'code_verification_status',
  'name_status',
  'quality_rating',
  'throughput',
  'whatsapp_business_manager_messaging_limit',
  'messaging_limit_tier',
  'health_status',
];

/** Everything doctor asked the API and the webhook endpoint, each an answer or an error. */
export interface DoctorFacts {
  debugToken: Fact<DebugTokenFacts>;
  appToken: AppTokenFact;
  phone: Fact<PhoneFacts>;
  apps: Fact<{ whatsapp_business_api_data: { id: string; name?: string }; override_callback_uri?: string }[]>;
  templates: Fact<TemplateFacts[]>;
  webhook?: WebhookFacts;
  /** Set when the Graph host could not be reached at all. */
  unreachable?: Unreachable;
}

type Gathered<T> = Fact<T> & { unreachable?: boolean };

async function fact<T>(fn: () => Promise<T>): Promise<Gathered<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    // Surely never sent: the host cannot be reached at all (reported once, as graph.reachable).
    if (err instanceof GraphError && err.notSent && err.httpStatus === 0) return { ok: false, error: err.message, hint: err.hint, unreachable: true };
    if (err instanceof GraphError) return { ok: false, error: err.message, hint: err.hint, code: err.graphCode };
    if (err instanceof WaOpsError) return { ok: false, error: err.message, hint: err.hint };
    return { ok: false, error: errorMessage(err) };
  }
}

/** When the Graph host cannot be reached, one finding names it and the facts that needed it become skips. */
function collapseUnreachable(graphUrl: string, facts: Gathered<unknown>[]): Unreachable | undefined {
  const first = facts.find((f) => !f.ok && f.unreachable);
  if (!first || first.ok) return undefined;
  const url = new URL(graphUrl);
  for (const f of facts) if (!f.ok && f.unreachable) f.skipped = `skipped: ${url.host} cannot be reached`;
  const proxy = proxyFor(url, proxyEnv());
  return { host: url.host, error: first.error, proxy: proxy ? new URL(proxy).host : undefined };
}

/** Ask the API (and the webhook endpoint) everything at once. */
export async function gatherFacts(s: Settings, o: { offline: boolean; wantTemplates: boolean; webhookUrl?: string; today: string }): Promise<DoctorFacts> {
  const offline = { ok: false as const, error: 'offline', offline: true };
  if (o.offline) return { debugToken: offline, appToken: { state: 'unknown', why: '--offline' }, phone: offline, apps: offline, templates: offline };
  // A setting that is missing fails its config.* check once; the checks that need it are skipped, pointing there.
  const missing = (variable: string, check: string) => ({ ok: false as const, error: `${variable} is not set`, skipped: `skipped: ${variable} is not set (see ${check})` });
  const client = s.token ? new GraphClient({ baseUrl: s.graphUrl, apiVersion: s.apiVersion, token: s.token }) : undefined;
  try {
    const noToken = missing('WA_OPS_TOKEN', 'config.token');
    // Without an access token the app token is not checked either.
    const noTokenApp: AppTokenFact = { state: 'unknown', why: 'WA_OPS_TOKEN is not set (see config.token)' };
    const appToken = s.appId && s.appSecret ? `${s.appId}|${s.appSecret}` : undefined;
    const [debugToken, phone, apps, templates, webhook] = await Promise.all([
      client ? inspectToken(client, s.token!, s, appToken) : Promise.resolve({ token: noToken, app: noTokenApp }),
      !client ? Promise.resolve(noToken) : s.phoneNumberId ? fact(() => client.getPhoneNumber(s.phoneNumberId!, PHONE_FIELDS)) : Promise.resolve(missing('WA_OPS_PHONE_NUMBER_ID', 'config.phone-number-id')),
      !client ? Promise.resolve(noToken) : s.wabaId ? fact(() => client.subscribedApps(s.wabaId!)) : Promise.resolve(missing('WA_OPS_WABA_ID', 'config.waba-id')),
      !o.wantTemplates ? Promise.resolve({ ok: true as const, value: [] }) : !client ? Promise.resolve(noToken) : s.wabaId ? fact(() => client.listTemplates(s.wabaId!)) : Promise.resolve(missing('WA_OPS_WABA_ID', 'config.waba-id')),
      o.webhookUrl ? probeWebhook({ url: o.webhookUrl, verifyToken: s.verifyToken, appSecret: s.appSecret, phoneNumberId: s.phoneNumberId, wabaId: s.wabaId, today: o.today }) : Promise.resolve(undefined),
    ]);
    const unreachable = collapseUnreachable(s.graphUrl, [debugToken.token, phone, apps, templates]);
    const app: AppTokenFact = unreachable && debugToken.app.state === 'unknown' ? { state: 'unknown', why: `${unreachable.host} cannot be reached` } : debugToken.app;
    return { ...skipTokenDependents({ debugToken: debugToken.token, phone, apps, templates }, s.wabaId), appToken: app, webhook, unreachable };
  } finally {
    await client?.close();
  }
}

/**
 * debug_token with the app token (app id|app secret) when both are set, as Meta recommends. When the API refuses
 * that request itself (a wrong app secret or app id), ask again with the access token inspecting itself: then a
 * wrong secret is reported as such, not as a bad access token.
 */
async function inspectToken(client: GraphClient, token: string, s: Settings, appToken: string | undefined): Promise<{ token: Gathered<DebugTokenFacts>; app: AppTokenFact }> {
  if (!appToken) {
    const missing = [!s.appId && 'WA_OPS_APP_ID', !s.appSecret && 'WA_OPS_APP_SECRET'].filter(Boolean).join(' and ');
    return { token: await fact(() => client.debugToken(token)), app: { state: 'not-configured', missing } };
  }
  try {
    return { token: { ok: true, value: await client.debugToken(token, appToken) }, app: { state: 'accepted' } };
  } catch (err) {
    // No answer at all (network): nothing to tell apart.
    if (!(err instanceof GraphError) || err.graphCode === undefined) return { token: await fact<DebugTokenFacts>(() => Promise.reject(err)), app: { state: 'unknown', why: errorMessage(err) } };
    // A rate limit says nothing about the app token or the access token: asking again only spends more of the budget.
    if (err.exitCode === EXIT.paused) return { token: await fact<DebugTokenFacts>(() => Promise.reject(err)), app: { state: 'unknown', why: 'rate limited, see token.valid' } };
    const self = await fact(() => client.debugToken(token));
    if (self.ok && self.value.is_valid) return { token: self, app: { state: 'refused', error: err.message } };
    return { token: self, app: { state: 'unknown', why: 'the access token is refused too (see token.valid)' } };
  }
}
