/** Gather the facts doctor judges, with independent API calls in parallel (one request per field group). */
import type { Fact } from '../../core/doctor/types.js';
import type { DebugTokenFacts, PhoneFacts } from '../../core/doctor/account-checks.js';
import type { TemplateFacts } from '../../core/doctor/template-checks.js';
import type { WebhookFacts } from '../../core/doctor/webhook-checks.js';
import { WaOpsError } from '../../core/errors.js';
import type { Settings } from '../config.js';
import { GraphClient } from '../graph/client.js';
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
}

async function fact<T>(fn: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof WaOpsError) return { ok: false, error: err.message, hint: err.hint };
    return { ok: false, error: (err as Error).message };
  }
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
    return { debugToken: debugToken as Fact<DebugTokenFacts>, phone: phone as Fact<PhoneFacts>, apps, templates: templates as Fact<TemplateFacts[]>, webhook };
  } finally {
    await client?.close();
  }
}
