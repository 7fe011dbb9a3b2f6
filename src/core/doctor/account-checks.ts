/** Token, phone number and WABA checks, from what debug_token, the phone number fields and subscribed_apps said. */
import { tierSize } from '../campaign/policies.js';
import { fail, pass, skip, unavailableCheck, warn, type CheckResult, type Fact } from './types.js';

/** What debug_token says about the access token. */
export interface DebugTokenFacts {
  is_valid: boolean;
  expires_at: number;
  scopes: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
  type?: string;
  error?: { message: string };
}

/** The phone number's fields doctor reads (status, quality, limits, throughput). */
export interface PhoneFacts {
  display_phone_number?: string;
  verified_name?: string;
  status?: string;
  code_verification_status?: string;
  name_status?: string;
  quality_rating?: string;
  throughput?: { level: string };
  whatsapp_business_manager_messaging_limit?: string;
  messaging_limit_tier?: string;
  health_status?: { can_send_message: string; entities: { entity_type: string; id: string; can_send_message: string; errors?: { error_code: number; error_description: string; possible_solution: string }[] }[] };
}

const SCOPES = ['whatsapp_business_messaging', 'whatsapp_business_management'];
const DAY = 86_400;

/** A fact that did not arrive: its first check says why (failed or skipped), the others are skipped pointing at it. */
function unavailable(ids: [string, string][], f: { error: string; hint?: string; offline?: boolean; skipped?: string }): CheckResult[] {
  const first = unavailableCheck(ids[0][0], ids[0][1], f, 'fix the error above and run doctor again');
  const rest = ids.slice(1).map(([id, title]) => (first.status === 'fail' ? skip(id, title, `skipped: ${first.id} could not be checked`) : unavailableCheck(id, title, f, '')));
  return [first, ...rest];
}

/** token.valid, token.expiry, token.scopes, token.waba-access. */
export function tokenChecks(fact: Fact<DebugTokenFacts>, wabaId: string | undefined, nowSec: number): CheckResult[] {
  const ids: [string, string][] = [['token.valid', 'Token valid'], ['token.expiry', 'Token expiry'], ['token.scopes', 'Token permissions'], ['token.waba-access', 'Token reaches the WABA']];
  if (!fact.ok) return unavailable(ids, fact);
  const t = fact.value;
  if (!t.is_valid) {
    return [
      fail('token.valid', 'Token valid', `the token is not valid: ${t.error?.message ?? 'rejected'}`, 'generate a new system-user token (Business Settings > System users > Generate token) and update WA_OPS_TOKEN'),
      ...ids.slice(1).map(([id, title]) => skip(id, title, 'skipped: the token is not valid')),
    ];
  }
  const out = [pass('token.valid', 'Token valid', `valid ${t.type === 'SYSTEM_USER' ? 'system-user' : (t.type ?? '').toLowerCase()} token`)];
  if (t.expires_at === 0) out.push(pass('token.expiry', 'Token expiry', 'never expires'));
  else {
    const left = t.expires_at - nowSec;
    const when = new Date(t.expires_at * 1000).toISOString();
    if (left <= 0) out.push(fail('token.expiry', 'Token expiry', `expired on ${when}`, 'generate a new token; prefer a system-user token that never expires'));
    else if (left < 7 * DAY) out.push(warn('token.expiry', 'Token expiry', `expires on ${when} (in ${Math.ceil(left / 3600)} h)`, 'replace it before then; a system-user token can be made never to expire'));
    else out.push(pass('token.expiry', 'Token expiry', `expires on ${when}`));
  }
  const missing = SCOPES.filter((s) => !t.scopes.includes(s));
  out.push(
    missing.length === 0
      ? pass('token.scopes', 'Token permissions', SCOPES.join(', '))
      : fail('token.scopes', 'Token permissions', `missing ${missing.join(', ')}`, 'regenerate the token with both whatsapp_business_messaging and whatsapp_business_management'),
  );
  if (!wabaId) out.push(skip('token.waba-access', 'Token reaches the WABA', 'no WABA id configured'));
  else {
    const lacking = SCOPES.filter((s) => {
      const g = t.granular_scopes?.find((x) => x.scope === s);
      return g !== undefined && g.target_ids !== undefined && !g.target_ids.includes(wabaId);
    });
    out.push(
      lacking.length === 0
        ? pass('token.waba-access', 'Token reaches the WABA', `granted for WABA ${wabaId}`)
        : fail('token.waba-access', 'Token reaches the WABA', `${lacking.join(', ')} not granted for WABA ${wabaId}${reachable(t).length ? `; the token reaches WABA ${reachable(t).join(', ')}` : ''}`, 'check WA_OPS_WABA_ID (a WABA the token reaches is listed above); if it is right, assign the WhatsApp account to the system user (Business Settings > System users > Assign assets), then regenerate the token'),
    );
  }
  return out;
}

/** The WABAs a token's WhatsApp scopes are granted for, as debug_token lists them. */
function reachable(t: DebugTokenFacts): string[] {
  return [...new Set((t.granular_scopes ?? []).filter((g) => SCOPES.includes(g.scope)).flatMap((g) => g.target_ids ?? []))];
}

/** phone.* checks. */
export function phoneChecks(fact: Fact<PhoneFacts>): CheckResult[] {
  const ids: [string, string][] = [
    ['phone.status', 'Phone number status'],
    ['phone.verification', 'Phone number verification'],
    ['phone.name-status', 'Display name'],
    ['phone.quality', 'Quality rating'],
    ['phone.throughput', 'Throughput'],
    ['phone.messaging-limit', 'Messaging limit'],
    ['phone.health', 'Health status'],
  ];
  if (!fact.ok) return unavailable(ids, fact);
  const p = fact.value;
  const out: CheckResult[] = [];
  const who = [p.display_phone_number, p.verified_name].filter(Boolean).join(', ');
  const st = p.status ?? 'UNKNOWN';
  if (st === 'CONNECTED') out.push(pass('phone.status', 'Phone number status', `CONNECTED (${who})`));
  else if (st === 'PENDING' || st === 'UNKNOWN') out.push(warn('phone.status', 'Phone number status', st, 'finish registering the number: POST /{phone-number-id}/register'));
  else out.push(fail('phone.status', 'Phone number status', st, 'see WhatsApp Manager > Phone numbers for the reason (flagged or restricted numbers cannot send)'));
  const cv = p.code_verification_status ?? 'UNKNOWN';
  out.push(cv === 'VERIFIED' ? pass('phone.verification', 'Phone number verification', cv) : warn('phone.verification', 'Phone number verification', cv, 'verify the number: POST /{phone-number-id}/request_code, then /verify_code'));
  const ns = p.name_status ?? 'UNKNOWN';
  if (ns === 'APPROVED' || ns === 'AVAILABLE_WITHOUT_REVIEW') out.push(pass('phone.name-status', 'Display name', `${ns}${p.verified_name ? ` (${p.verified_name})` : ''}`));
  else if (ns === 'DECLINED' || ns === 'NON_EXISTS') out.push(fail('phone.name-status', 'Display name', ns, 'change the display name to match your business (WhatsApp Manager > Phone numbers > Profile), following the display name guidelines'));
  else out.push(warn('phone.name-status', 'Display name', ns, 'wait for the display name review, or check it in WhatsApp Manager'));
  const q = p.quality_rating ?? 'UNKNOWN';
  if (q === 'GREEN') out.push(pass('phone.quality', 'Quality rating', 'GREEN'));
  else if (q === 'YELLOW') out.push(warn('phone.quality', 'Quality rating', 'YELLOW: users have been blocking or reporting messages', 'slow down, send to engaged users only, review templates (WhatsApp Manager > Insights)'));
  else if (q === 'RED') out.push(fail('phone.quality', 'Quality rating', 'RED: the messaging limit may drop and templates get paused', 'stop marketing sends until it recovers; review which templates are blocked (WhatsApp Manager > Insights)'));
  else out.push(pass('phone.quality', 'Quality rating', `${q} (no rating yet)`));
  const level = p.throughput?.level;
  if (level === 'HIGH') out.push(pass('phone.throughput', 'Throughput', 'HIGH: up to 1,000 messages/s'));
  else if (level === 'STANDARD') out.push(pass('phone.throughput', 'Throughput', 'STANDARD: up to 80 messages/s'));
  else out.push(warn('phone.throughput', 'Throughput', level ?? 'unknown', 'check the number\'s throughput in WhatsApp Manager'));
  const limit = p.whatsapp_business_manager_messaging_limit ?? p.messaging_limit_tier;
  out.push(limit ? pass('phone.messaging-limit', 'Messaging limit', `${limit}: ${describeLimit(limit)}`) : warn('phone.messaging-limit', 'Messaging limit', 'unknown', 'check WhatsApp Manager > Overview'));
  out.push(healthCheck(p.health_status));
  return out;
}

function describeLimit(tier: string): string {
  const n = tierSize(tier);
  return n === undefined ? 'see WhatsApp Manager' : n === Infinity ? 'no limit on unique users per 24 h' : `${n.toLocaleString('en-US')} unique users per rolling 24 h (business-initiated)`;
}

function healthCheck(h: PhoneFacts['health_status']): CheckResult {
  if (!h) return warn('phone.health', 'Health status', 'not reported', 'GET /{phone-number-id}?fields=health_status');
  const problems = h.entities.filter((e) => e.can_send_message !== 'AVAILABLE');
  const detail = problems.map((e) => `${e.entity_type} ${e.id} ${e.can_send_message}${e.errors?.length ? `: ${e.errors.map((x) => `${x.error_code} ${x.error_description}`).join('; ')}` : ''}`).join(' | ');
  const hint = problems.flatMap((e) => e.errors?.map((x) => x.possible_solution) ?? []).join(' ') || 'see WhatsApp Manager > Overview';
  if (h.can_send_message === 'AVAILABLE') return pass('phone.health', 'Health status', 'AVAILABLE: every entity can send');
  if (h.can_send_message === 'LIMITED') return warn('phone.health', 'Health status', `LIMITED: ${detail}`, hint);
  return fail('phone.health', 'Health status', `BLOCKED: ${detail}`, hint);
}

/** waba.subscribed-apps. */
export function subscribedAppsCheck(fact: Fact<{ whatsapp_business_api_data: { id: string; name?: string }; override_callback_uri?: string }[]>, webhookUrl?: string): CheckResult {
  const id = 'waba.subscribed-apps';
  const title = 'App subscribed to the WABA';
  if (!fact.ok) return unavailable([[id, title]], fact)[0];
  const apps = fact.value;
  if (apps.length === 0) return fail(id, title, 'no app is subscribed: no webhooks will ever arrive', 'POST /{waba-id}/subscribed_apps with your app\'s token (or subscribe in the App Dashboard > WhatsApp > Configuration)');
  const names = apps.map((a) => `${a.whatsapp_business_api_data.name ?? 'app'} (${a.whatsapp_business_api_data.id})`).join(', ');
  const override = apps.find((a) => a.override_callback_uri && webhookUrl && a.override_callback_uri !== webhookUrl);
  if (override) return warn(id, title, `${names}; callbacks overridden to ${override.override_callback_uri}, not ${webhookUrl}`, 'update override_callback_uri (POST /{waba-id}/subscribed_apps) or the webhook URL you expect');
  return pass(id, title, names);
}
