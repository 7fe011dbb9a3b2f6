/** The sandbox's own endpoints under /_sandbox/: inspect, switch scenarios, force errors, reset, play inbound messages. */
import { graphError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import { receiveInbound } from './inbound.js';
import { announceScenarioChange } from './scenario-events.js';
import { isScenario, type SandboxState } from './state.js';
import { isObj, type Obj } from './validate-content.js';
import type { WebhookEmitter } from './webhooks.js';

/** Answer one /_sandbox/ request. */
export async function control(url: URL, method: string, raw: string, state: SandboxState, webhooks: WebhookEmitter): Promise<Answer> {
  let body: Obj = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (isObj(parsed)) body = parsed;
    else return graphError(100, 'The request body must be a JSON object.');
  } catch {
    return graphError(100, 'The request body is not valid JSON.');
  }
  const path = url.pathname.replace(/^\/_sandbox\//, '');
  if (path === 'messages' && method === 'GET') return ok({ data: state.messages });
  if (path === 'inbound' && method === 'GET') return ok({ data: state.inbound });
  if (path === 'inbound' && method === 'POST') return receiveInbound(body, state, webhooks);
  if (path === 'webhooks' && method === 'GET') return ok(webhooks.stats);
  if (path === 'scenario' && method === 'POST') {
    const names = (list: unknown) => (Array.isArray(list) ? list.map(String) : []);
    // {"add": "quality-red"} (not a list) or no key at all would answer 200 and change nothing.
    const keys = ['set', 'add', 'remove'].filter((k) => body[k] !== undefined);
    if (keys.length === 0 || keys.some((k) => !Array.isArray(body[k]))) return graphError(100, 'Give {"add": [...]}, {"remove": [...]} or {"set": [...]}, each a list of scenario names.');
    for (const n of [...names(body.set), ...names(body.add)]) if (!isScenario(n)) return graphError(100, `unknown scenario ${n}`);
    const before = new Set(state.scenarios);
    if (Array.isArray(body.set)) state.scenarios.clear();
    for (const n of [...names(body.set), ...names(body.add)]) if (isScenario(n)) state.scenarios.add(n);
    for (const n of names(body.remove)) if (isScenario(n)) state.scenarios.delete(n);
    await announceScenarioChange(before, state, webhooks);
    return ok({ scenarios: [...state.scenarios] });
  }
  if (path === 'user-preferences' && method === 'POST') {
    // A customer stops or resumes marketing messages in WhatsApp: Meta's user_preferences webhook.
    const digits = String(body.from ?? '').replace(/^\+/, '');
    if (!/^\d{7,15}$/.test(digits) || (body.value !== 'stop' && body.value !== 'resume')) return graphError(100, 'Give {"from": "<E.164 digits>", "value": "stop" | "resume"}.');
    const userId = state.userIdOf(`+${digits}`);
    if (body.value === 'stop') state.marketingStopped.add(`+${digits}`);
    else state.marketingStopped.delete(`+${digits}`);
    const detail = body.value === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages';
    const pref = { wa_id: digits, user_id: userId, detail, category: 'marketing_messages', value: body.value, timestamp: Math.floor(Date.now() / 1000) };
    const delivered = await webhooks.emit('user_preferences', { contacts: [{ profile: { name: 'Sandbox Customer' }, wa_id: digits, user_id: userId }], user_preferences: [pref] });
    return ok({ from: digits, value: body.value, webhook: webhooks.enabled ? (delivered ? 'delivered' : 'retrying') : 'off' });
  }
  if (path === 'webhook' && method === 'POST') {
    // Any change of the account's webhook, signed like the rest: {"field": "account_update", "value": {...}}.
    if (typeof body.field !== 'string' || body.field === '' || !isObj(body.value)) {
      return graphError(100, 'Give {"field": "<webhook field>", "value": {...}}, e.g. {"field":"user_preferences","value":{"user_preferences":[...]}}.');
    }
    if (!webhooks.enabled) return graphError(100, 'No webhook URL: start the sandbox with --webhook-url.');
    const delivered = await webhooks.emit(body.field, body.value);
    return ok({ field: body.field, webhook: delivered ? 'delivered' : 'retrying' });
  }
  if (path === 'fail-next' && method === 'POST') {
    const forced = forcedFailure(body);
    if (typeof forced === 'string') return graphError(100, forced);
    state.forced.push(forced);
    return ok({ forced: state.forced });
  }
  if (path === 'reset' && method === 'POST') {
    state.reset();
    return ok({ ok: true });
  }
  return graphError(100, `unknown sandbox control ${method} /_sandbox/${path}`, 404);
}

/** The most sends one fail-next call may fail: enough for any test, small enough to notice a typo (1e9). */
export const MAX_FORCED_COUNT = 10_000;

const intIn = (v: unknown, lo: number, hi: number): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : undefined);

/** {"code", "count"?, "httpStatus"?} checked: a Graph error code (a positive integer), a count of sends and an HTTP error status; else why not. */
export function forcedFailure(body: Obj): { code: number; remaining: number; httpStatus?: number } | string {
  const usage = `Give {"code": <Graph error code, e.g. 130429>, "count": <1..${MAX_FORCED_COUNT}, default 1>, "httpStatus": <400..599, optional>}`;
  const code = intIn(body.code, 1, 9_999_999);
  if (code === undefined) return `code must be a positive integer (a Graph error code such as 130429), got ${JSON.stringify(body.code) ?? 'nothing'}. ${usage}.`;
  const remaining = body.count === undefined ? 1 : intIn(body.count, 1, MAX_FORCED_COUNT);
  if (remaining === undefined) return `count must be an integer from 1 to ${MAX_FORCED_COUNT}, got ${JSON.stringify(body.count)}. ${usage}.`;
  const httpStatus = body.httpStatus === undefined ? undefined : intIn(body.httpStatus, 400, 599);
  if (body.httpStatus !== undefined && httpStatus === undefined) return `httpStatus must be an HTTP error status from 400 to 599, got ${JSON.stringify(body.httpStatus)}. ${usage}.`;
  const unknown = Object.keys(body).filter((k) => !['code', 'count', 'httpStatus'].includes(k));
  if (unknown.length) return `unknown key ${unknown.map((k) => `"${k}"`).join(', ')}. ${usage}.`;
  return { code, remaining, ...(httpStatus === undefined ? {} : { httpStatus }) };
}
