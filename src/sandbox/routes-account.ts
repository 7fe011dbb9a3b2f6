/** Phone number and account management the clients offer: registration, two-step PIN, settings, business profile, blocked users, QR codes, the WABA itself. */
import { createHash } from 'node:crypto';
import { phoneNumber, phoneNumberList, pickFields } from './account.js';
import { parseFields } from './field-selection.js';
import { shown, TEMPLATE_LIST_FIELDS } from './routes-templates.js';
import { graphError, missing } from './graph-errors.js';
import { nonexistingField } from './node-fields.js';
import { ok, type Answer } from './http.js';
import { routeQrCodes } from './routes-qr.js';
import type { SandboxState } from './state.js';
import { isObj, type Obj } from './validate-content.js';

const PROFILE_LIMITS: Record<string, number> = { about: 139, address: 256, description: 512, email: 128 };
const VERTICALS = new Set(['UNDEFINED', 'OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'NOT_A_BIZ', 'ALCOHOL', 'ONLINE_GAMBLING', 'PHYSICAL_GAMBLING', 'OTC_DRUGS']);
const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';
const sixDigits = (v: unknown) => typeof v === 'string' && /^\d{6}$/.test(v);

/** Answer a request to one of these edges of a phone number (undefined: not one of them). */
export function routePhoneEdge(method: string, pn: string, edge: string, rest: string[], url: URL, body: Obj, state: SandboxState): Answer | undefined {
  const acct = state.account;
  if (edge === 'whatsapp_business_profile') {
    if (method === 'GET') return nonexistingField(url.searchParams.get('fields'), 'WhatsAppBusinessProfile') ?? ok({ data: [{ ...pickFields({ ...acct.profile }, url.searchParams.get('fields') ?? PROFILE_FIELDS), id: undefined, messaging_product: 'whatsapp' }] });
    if (method === 'POST') return updateProfile(body, state);
  }
  if (edge === 'register' && method === 'POST') {
    if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
    if (!sixDigits(body.pin)) return graphError(100, 'Invalid PIN format. PIN must be exactly 6 digits');
    acct.pin = String(body.pin);
    return ok({ success: true });
  }
  if (edge === 'deregister' && method === 'POST') return ok({ success: true });
  if (edge === 'request_code' && method === 'POST') {
    const m = body.code_method ?? url.searchParams.get('code_method');
    if (m !== 'SMS' && m !== 'VOICE') return graphError(100, 'Invalid parameter: code_method must be SMS or VOICE');
    if (typeof (body.language ?? url.searchParams.get('language')) !== 'string') return missing('language');
    return ok({ success: true });
  }
  if (edge === 'verify_code' && method === 'POST') {
    return sixDigits(body.code ?? url.searchParams.get('code')) ? ok({ success: true }) : graphError(100, 'Invalid verification code format');
  }
  if (edge === 'settings') {
    if (method === 'GET') return ok(acct.settings);
    if (method === 'POST') {
      if (Object.keys(body).length === 0) return graphError(100, 'Give at least one setting (calling, payload_encryption, user_identity_change, storage_configuration).');
      // Each part is changed field by field: a POST of {"calling":{"status":"enabled"}} keeps the other calling fields.
      for (const [k, v] of Object.entries(body)) acct.settings[k] = isObj(v) && isObj(acct.settings[k]) ? { ...acct.settings[k], ...v } : v;
      return ok({ success: true });
    }
  }
  if (edge === 'block_users') return blockUsers(method, body, state);
  if (edge === 'message_qrdls') return routeQrCodes(method, pn, rest[0], url, body, state);
  return undefined;
}

/** POST /{phone-number-id}: the two-step PIN, a display name request and the other settings of the number. */
export function updatePhoneNumber(url: URL, body: Obj, state: SandboxState): Answer {
  const name = body.new_display_name ?? url.searchParams.get('new_display_name') ?? undefined;
  const pin = body.pin ?? (isObj(body.whatsapp_business_api_data) ? body.whatsapp_business_api_data.pin : undefined);
  if (Object.keys(body).length === 0 && name === undefined) return graphError(100, 'Nothing to update: give pin, new_display_name or another field of the phone number.');
  if (pin !== undefined && !sixDigits(pin)) return graphError(100, 'Invalid PIN format. PIN must be exactly 6 digits');
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) return graphError(100, 'new_display_name must be a non-empty string');
  if (pin !== undefined) state.account.pin = String(pin);
  return ok({ success: true });
}

/** GET /{waba-id}: the account's fields. */
export function wabaObject(state: SandboxState, fields: string | null): Answer {
  const o = state.o;
  const waba = {
    id: o.wabaId,
    name: state.account.wabaName,
    timezone_id: state.account.timezoneId,
    currency: 'USD',
    message_template_namespace: createHash('sha256').update(o.wabaId).digest('hex').slice(0, 32),
    account_review_status: 'APPROVED',
    business_verification_status: state.scenarios.has('health-limited') ? 'PENDING' : 'VERIFIED',
    country: 'US',
    ownership_type: 'SELF_OWNED',
  };
  if (!fields) return ok({ id: waba.id, name: waba.name, timezone_id: waba.timezone_id, message_template_namespace: waba.message_template_namespace });
  return ok(pickFields({ ...waba, ...edgesAsFields(state, fields) }, fields));
}

/** The edges a WABA serves as fields (fields=phone_numbers{id,status}): each item whole when a selection narrows it, else the listing's defaults. */
function edgesAsFields(state: SandboxState, fields: string): Record<string, unknown> {
  const sel = parseFields(fields);
  const sub = (name: string) => (Array.isArray(sel) ? sel.find((f) => f.name === name) : undefined);
  const out: Record<string, unknown> = {};
  const paging = { cursors: { before: 'QVFI', after: 'QVFI' } };
  // `.limit(n)` keeps the first n items of the edge, as Graph's nested limit does.
  const upTo = <T>(items: T[], limit: number | undefined) => (limit === undefined ? items : items.slice(0, limit));
  const pn = sub('phone_numbers');
  if (pn) {
    const list = pn.sub ? { data: [state.o.phoneNumberId, ...state.o.extraPhoneNumberIds].map((n) => phoneNumber(state, n)), paging } : phoneNumberList(state, null);
    out.phone_numbers = 'data' in list ? { ...list, data: upTo(list.data, pn.limit) } : list;
  }
  const mt = sub('message_templates');
  if (mt) out.message_templates = { data: upTo([...state.templates.values()], mt.limit).map((t) => (mt.sub ? shown(state, t) : pickFields(shown(state, t), TEMPLATE_LIST_FIELDS.join(',')))), paging };
  return out;
}

/** POST /{waba-id}: name or time zone. */
export function updateWaba(body: Obj, state: SandboxState): Answer {
  if (body.name === undefined && body.timezone_id === undefined) return graphError(100, 'Give name and/or timezone_id.');
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === '')) return graphError(100, 'Invalid parameter: name must be a non-empty string');
  if (body.name !== undefined) state.account.wabaName = String(body.name);
  if (body.timezone_id !== undefined) state.account.timezoneId = String(body.timezone_id);
  return ok({ success: true });
}

function updateProfile(body: Obj, state: SandboxState): Answer {
  if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
  for (const [k, max] of Object.entries(PROFILE_LIMITS)) {
    const v = body[k];
    if (v !== undefined && (typeof v !== 'string' || [...v].length > max)) return graphError(100, `Param ${k} must be text of at most ${max} characters.`);
  }
  if (typeof body.email === 'string' && body.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)) return graphError(100, 'Invalid parameter: email must be a valid email address');
  if (body.vertical !== undefined && !VERTICALS.has(String(body.vertical))) return graphError(100, `Param vertical must be one of ${[...VERTICALS].join(', ')}.`);
  if (body.websites !== undefined && (!Array.isArray(body.websites) || body.websites.length > 2 || !body.websites.every((w) => typeof w === 'string' && /^https?:\/\/\S+$/.test(w)))) {
    return graphError(100, 'Param websites must be at most 2 http(s) URLs.');
  }
  const p = state.account.profile;
  for (const k of ['about', 'address', 'description', 'email', 'vertical', 'websites'] as const) if (body[k] !== undefined) p[k] = body[k];
  if (typeof body.profile_picture_handle === 'string') p.profile_picture_url = `${state.baseUrl}/whatsapp_business/profile.jpg`;
  return ok({ success: true });
}

function blockUsers(method: string, body: Obj, state: SandboxState): Answer {
  const blocked = state.account.blocked;
  if (method === 'GET') return ok({ data: [...blocked].map((wa) => ({ messaging_product: 'whatsapp', wa_id: wa })), paging: { cursors: { before: '', after: '' } } });
  if (method !== 'POST' && method !== 'DELETE') return graphError(100, `Unsupported ${method.toLowerCase()} request on block_users.`);
  if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
  if (!Array.isArray(body.block_users) || body.block_users.length === 0) return missing('block_users');
  const done: { input: string; wa_id: string }[] = [];
  const failed: { input: string; errors: { code: number; message: string; error_data: { details: string } }[] }[] = [];
  for (const u of body.block_users) {
    const input = isObj(u) ? String(u.user ?? u.user_id ?? '') : '';
    const digits = input.replace(/[\s()+-]/g, '');
    if (!/^\d{7,15}$/.test(digits)) {
      failed.push({ input, errors: [{ code: 139100, message: 'Failed to block/unblock users', error_data: { details: `${input || 'an empty user'} is not a WhatsApp phone number` } }] });
      continue;
    }
    if (method === 'POST') blocked.add(digits);
    else blocked.delete(digits);
    done.push({ input, wa_id: digits });
  }
  const key = method === 'POST' ? 'added_users' : 'removed_users';
  return ok({ messaging_product: 'whatsapp', block_users: { [key]: done, ...(failed.length ? { failed_users: failed } : {}) } });
}
