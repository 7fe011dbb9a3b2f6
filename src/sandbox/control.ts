/** The sandbox's own endpoints under /_sandbox/: inspect, switch scenarios, force errors, reset, play inbound messages. */
import { graphError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import { receiveInbound } from './inbound.js';
import { announceScenarioChange } from './scenario-events.js';
import { isScenario, type SandboxState } from './state.js';
import type { Obj } from './validate-content.js';
import type { WebhookEmitter } from './webhooks.js';

/** Answer one /_sandbox/ request. */
export async function control(url: URL, method: string, raw: string, state: SandboxState, webhooks: WebhookEmitter): Promise<Answer> {
  let body: Obj = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Obj;
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
    if (typeof body.field !== 'string' || body.field === '' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return graphError(100, 'Give {"field": "<webhook field>", "value": {...}}, e.g. {"field":"user_preferences","value":{"user_preferences":[...]}}.');
    }
    if (!webhooks.enabled) return graphError(100, 'No webhook URL: start the sandbox with --webhook-url.');
    const delivered = await webhooks.emit(body.field, body.value as Record<string, unknown>);
    return ok({ field: body.field, webhook: delivered ? 'delivered' : 'retrying' });
  }
  if (path === 'fail-next' && method === 'POST') {
    state.forced.push({ code: Number(body.code), remaining: Number(body.count ?? 1), httpStatus: body.httpStatus === undefined ? undefined : Number(body.httpStatus) });
    return ok({ forced: state.forced });
  }
  if (path === 'reset' && method === 'POST') {
    state.reset();
    return ok({ ok: true });
  }
  return graphError(100, `unknown sandbox control ${method} /_sandbox/${path}`, 404);
}
