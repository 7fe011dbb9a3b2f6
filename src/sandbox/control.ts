/** The sandbox's own endpoints under /_sandbox/: inspect, switch scenarios, force errors, reset, play inbound messages. */
import { graphError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import { receiveInbound } from './inbound.js';
import { SCENARIOS, type SandboxState, type Scenario } from './state.js';
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
    for (const n of [...names(body.set), ...names(body.add)]) if (!(n in SCENARIOS)) return graphError(100, `unknown scenario ${n}`);
    if (Array.isArray(body.set)) state.scenarios.clear();
    for (const n of [...names(body.set), ...names(body.add)]) state.scenarios.add(n as Scenario);
    for (const n of names(body.remove)) state.scenarios.delete(n as Scenario);
    return ok({ scenarios: [...state.scenarios] });
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
