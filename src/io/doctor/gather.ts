/** Gather the facts doctor judges, with independent API calls in parallel (one request per field group). */
import type { Fact } from '../../core/doctor/types.js';
import type { DebugTokenFacts, PhoneFacts } from '../../core/doctor/account-checks.js';
import type { TemplateFacts } from '../../core/doctor/template-checks.js';
import type { WebhookFacts } from '../../core/doctor/webhook-checks.js';
import type { Unreachable } from '../../core/doctor/network-checks.js';
import { WaOpsError } from '../../core/errors.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { proxyFor } from '../../core/net-proxy.js';
import type { Settings } from '../config.js';
import { GraphClient, proxyEnv } from '../graph/client.js';
import { probeWebhook } from './webhook-probe.js';

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

export interface DoctorFacts {
  debugToken: Fact<DebugTokenFacts>;
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
    if (err instanceof WaOpsError) return { ok: false, error: err.message, hint: err.hint };
    return { ok: false, error: (err as Error).message };
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
  if (o.offline) return { debugToken: offline, phone: offline, apps: offline, templates: offline };
  const missing = (what: string, hint: string) => ({ ok: false as const, error: `${what} is not configured`, hint });
  const client = s.token ? new GraphClient({ baseUrl: s.graphUrl, apiVersion: s.apiVersion, token: s.token }) : undefined;
  try {
    const noToken = missing('the access token', 'set WA_OPS_TOKEN');
    const appToken = s.appId && s.appSecret ? `${s.appId}|${s.appSecret}` : undefined;
    const [debugToken, phone, apps, templates, webhook] = await Promise.all([
      client ? fact(() => client.debugToken(s.token!, appToken)) : Promise.resolve(noToken),
      !client ? Promise.resolve(noToken) : s.phoneNumberId ? fact(() => client.getPhoneNumber(s.phoneNumberId!, PHONE_FIELDS)) : Promise.resolve(missing('the phone number id', 'set WA_OPS_PHONE_NUMBER_ID')),
      !client ? Promise.resolve(noToken) : s.wabaId ? fact(() => client.subscribedApps(s.wabaId!)) : Promise.resolve(missing('the WABA id', 'set WA_OPS_WABA_ID')),
      !o.wantTemplates ? Promise.resolve({ ok: true as const, value: [] }) : !client ? Promise.resolve(noToken) : s.wabaId ? fact(() => client.listTemplates(s.wabaId!)) : Promise.resolve(missing('the WABA id', 'set WA_OPS_WABA_ID')),
      o.webhookUrl ? probeWebhook({ url: o.webhookUrl, verifyToken: s.verifyToken, appSecret: s.appSecret, phoneNumberId: s.phoneNumberId, wabaId: s.wabaId, today: o.today }) : Promise.resolve(undefined),
    ]);
    const unreachable = collapseUnreachable(s.graphUrl, [debugToken, phone, apps, templates] as Gathered<unknown>[]);
    return { debugToken: debugToken as Fact<DebugTokenFacts>, phone: phone as Fact<PhoneFacts>, apps, templates: templates as Fact<TemplateFacts[]>, webhook, unreachable };
  } finally {
    await client?.close();
  }
}
