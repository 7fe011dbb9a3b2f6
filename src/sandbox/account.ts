/** The sandbox's phone number, debug_token and subscribed-apps answers, shaped by the scenario switches. */
import { applySelection, parseFields } from './field-selection.js';
import type { SandboxError } from './graph-errors.js';
import { filterPhoneNumbers } from './phone-number-filter.js';
import type { SandboxState } from './state.js';

/** The display number of one of the account's numbers: the first as configured, each further one a number higher. */
export function displayNumberOf(state: SandboxState, id: string): string {
  const n = state.o.extraPhoneNumberIds.indexOf(id) + 1;
  return n === 0 ? state.o.displayPhoneNumber : state.o.displayPhoneNumber.replace(/\d+$/, (d) => String(Number(d) + n).padStart(d.length, '0'));
}

/** The phone number object with every field the sandbox knows (the first number unless another id is given). */
export function phoneNumber(state: SandboxState, id = state.o.phoneNumberId): Record<string, unknown> {
  const s = state.scenarios;
  const o = state.o;
  const entities = [
    { entity_type: 'PHONE_NUMBER', id: o.phoneNumberId, can_send_message: 'AVAILABLE' },
    { entity_type: 'WABA', id: o.wabaId, can_send_message: 'AVAILABLE' },
    { entity_type: 'BUSINESS', id: '3100000000000001', can_send_message: 'AVAILABLE' },
    { entity_type: 'APP', id: o.appId, can_send_message: 'AVAILABLE' },
  ] as Record<string, unknown>[];
  let overall = 'AVAILABLE';
  if (s.has('health-limited')) {
    overall = 'LIMITED';
    Object.assign(entities[2], {
      can_send_message: 'LIMITED',
      errors: [{ error_code: 141006, error_description: 'The business has not completed Business Verification and is limited to 250 business-initiated conversations.', possible_solution: 'Complete Business Verification in Meta Business Suite > Security Center.' }],
    });
  }
  if (s.has('health-blocked')) {
    overall = 'BLOCKED';
    Object.assign(entities[1], {
      can_send_message: 'BLOCKED',
      errors: [{ error_code: 141010, error_description: 'There is no valid payment method attached to the WhatsApp Business Account.', possible_solution: 'Add a payment method in WhatsApp Manager > Payment settings.' }],
    });
  }
  return {
    id,
    display_phone_number: displayNumberOf(state, id),
    verified_name: 'wa-ops Sandbox Shop',
    quality_rating: s.has('quality-red') ? 'RED' : s.has('quality-yellow') ? 'YELLOW' : 'GREEN',
    throughput: { level: o.mps >= 1000 ? 'HIGH' : 'STANDARD' },
    whatsapp_business_manager_messaging_limit: s.has('limit-250') ? 'TIER_250' : 'TIER_10K',
    messaging_limit_tier: s.has('limit-250') ? 'TIER_250' : 'TIER_10K',
    health_status: { can_send_message: overall, entities },
    status: s.has('number-flagged') ? 'FLAGGED' : 'CONNECTED',
    code_verification_status: s.has('number-unverified') ? 'NOT_VERIFIED' : 'VERIFIED',
    name_status: s.has('name-declined') ? 'DECLINED' : 'APPROVED',
    platform_type: 'CLOUD_API',
    account_mode: 'LIVE',
    is_official_business_account: false,
  };
}

/** Listed (GET /{waba}/phone_numbers, or the WABA's phone_numbers field) without fields=, a number shows these (OpenAPI). */
const LISTED_PHONE_FIELDS = 'id,display_phone_number,verified_name,status,quality_rating';

/** The WABA's phone numbers as Graph lists them: the asked fields, or the listing's defaults (status among them). */
export function phoneNumberList(state: SandboxState, fields: string | null, filtering: string | null = null, sort: string | null = null): SandboxError | { data: Record<string, unknown>[]; paging: object } {
  const all = [state.o.phoneNumberId, ...state.o.extraPhoneNumberIds].map((n) => phoneNumber(state, n));
  const kept = filterPhoneNumbers(all, filtering, sort);
  if (!Array.isArray(kept)) return kept;
  return { data: kept.map((p) => pickFields(p, fields || LISTED_PHONE_FIELDS)), paging: { cursors: { before: 'QVFI', after: 'QVFI' } } };
}

/** Only the requested fields (plus id), like the Graph API; a nested selection (`health_status{can_send_message}`) narrows its field. */
export function pickFields(source: object, fields: string | null): Record<string, unknown> {
  const obj: Record<string, unknown> = Object.fromEntries(Object.entries(source));
  if (!fields) return { id: obj.id, display_phone_number: obj.display_phone_number, verified_name: obj.verified_name, quality_rating: obj.quality_rating };
  const parsed = parseFields(fields);
  // The routes refuse a syntax error first (nonexistingField); a route that does not check reads no selection at all.
  if (!Array.isArray(parsed)) return { id: obj.id };
  return applySelection({ ...obj, id: obj.id }, parsed) as Record<string, unknown>;
}

/** The debug_token answer for a token (the caller has checked the access token). */
export function debugToken(state: SandboxState, inputToken: string): Record<string, unknown> {
  const s = state.scenarios;
  const o = state.o;
  if (inputToken === state.appToken) {
    return { data: { app_id: o.appId, type: 'APP', application: 'wa-ops sandbox', is_valid: true, scopes: [] } };
  }
  if (inputToken === o.token && s.has('token-expired')) {
    return { data: { app_id: o.appId, type: 'SYSTEM_USER', application: 'wa-ops sandbox', is_valid: false, expires_at: Math.floor(Date.now() / 1000) - 3600, scopes: [], error: { code: 190, message: 'Error validating access token: Session has expired.', subcode: 463 } } };
  }
  if (inputToken !== o.token) {
    // Meta answers 200 with is_valid:false for a token it cannot parse: the access token was fine, the input was not.
    return { data: { is_valid: false, scopes: [], error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } } };
  }
  const scopes = s.has('token-missing-scope') ? ['whatsapp_business_management'] : ['whatsapp_business_management', 'whatsapp_business_messaging'];
  const targets = s.has('token-no-waba-access') ? ['999999999999999'] : [o.wabaId];
  return {
    data: {
      app_id: o.appId,
      type: 'SYSTEM_USER',
      application: 'wa-ops sandbox',
      data_access_expires_at: 0,
      expires_at: s.has('token-expiring') ? Math.floor(Date.now() / 1000) + 3 * 86400 : 0,
      is_valid: true,
      scopes: [...scopes, 'business_management'],
      granular_scopes: scopes.map((scope) => ({ scope, target_ids: targets })),
      user_id: '4100000000000001',
    },
  };
}

/**
 * Which access token a debug_token call carries: the user token, the app token "appId|appSecret",
 * an app token with a wrong secret (Meta: 190 "Invalid OAuth access token signature."), or nothing usable.
 */
export function debugAccess(state: SandboxState, accessToken: string | null): 'ok' | 'bad-signature' | 'invalid' {
  if (accessToken === state.o.token || accessToken === state.appToken) return 'ok';
  if (accessToken && /^\d+\|.+$/.test(accessToken)) return 'bad-signature';
  return 'invalid';
}
