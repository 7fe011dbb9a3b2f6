/** POST /{pnid}/messages: validate like Meta, apply throughput, pair rate and injected faults, accept, schedule webhooks. */
import type { ServerResponse } from 'node:http';
import { graphError, isSandboxError } from './graph-errors.js';
import { send } from './http.js';
import type { SandboxState } from './state.js';
import { validateMessage } from './validate-message.js';
import type { WebhookEmitter } from './webhooks.js';

/** Handle one send (or read receipt) for a phone number of the account. */
export function sendMessage(body: unknown, res: ServerResponse, state: SandboxState, webhooks: WebhookEmitter, phoneNumberId: string, apiVersion: string): void {
  if (state.scenarios.has('token-missing-scope')) return send(res, graphError(10, 'Application does not have permission for this action'));
  // Forced errors stand in for failed sends; a read receipt passes them by.
  const isReceipt = typeof body === 'object' && body !== null && 'status' in body;
  const forced = isReceipt ? undefined : state.forced[0];
  if (forced) {
    if (--forced.remaining <= 0) state.forced.shift();
    return send(res, { ...graphError(forced.code, forcedDetails(forced.code), forced.httpStatus), headers: usageHeaders(forced.code, state.o.wabaId) });
  }
  const v = validateMessage(body, state);
  if (isSandboxError(v)) return send(res, v);
  if (v.kind === 'status') {
    const received = state.inbound.find((m) => m.id === v.messageId);
    if (received) received.readAt = new Date().toISOString();
    return send(res, { status: 200, body: { success: true } });
  }
  if (!state.takeThroughput()) return send(res, graphError(130429, 'Cloud API message throughput has been reached.'));
  if (!state.takePair(phoneNumberId, v.to)) return send(res, graphError(131056, 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.'));
  let dropAfterAccept = false;
  if (state.o.failRate > 0 && state.rng() < state.o.failRate) {
    const pick = state.rng();
    if (pick < 0.4) return send(res, graphError(131000, 'Something went wrong'));
    if (pick < 0.7) return send(res, graphError(2, 'Service temporarily unavailable', 503));
    if (pick < 0.85) return void res.socket?.destroy();
    dropAfterAccept = true; // accepted, but the answer never arrives: the caller cannot know
  }
  const id = state.nextWamid();
  const accepted = {
    id,
    phoneNumberId,
    to: v.to,
    userId: v.userId ?? (v.to.startsWith('+') ? state.userIdOf(v.to) : undefined),
    type: v.type,
    template: v.template && { name: v.template.name, language: v.template.language, parameters: v.template.parameters },
    text: v.text,
    bizOpaqueCallbackData: v.bizOpaqueCallbackData,
    acceptedAt: new Date().toISOString(),
    apiVersion,
    windowOpen: state.windowOpen(v.to),
    payload: body,
  };
  state.messages.push(accepted);
  webhooks.schedule(accepted);
  if (dropAfterAccept) return void res.socket?.destroy();
  // message_status appears for template sends (pacing); free-form answers carry only the id.
  const message = v.template ? { id, message_status: 'accepted' } : { id };
  // A send to a BSUID answers with the user id and no wa_id, as Meta does.
  const contact = v.input === v.userId ? { input: v.input, user_id: v.userId } : { input: v.input, wa_id: v.to.slice(1) };
  send(res, { status: 200, body: { messaging_product: 'whatsapp', contacts: [contact], messages: [message] } });
}

function forcedDetails(code: number): string {
  return code === 130429 ? 'Cloud API message throughput has been reached.' : code === 131056 ? 'Pair rate limit hit.' : `forced error ${code}`;
}

/** The usage headers Meta sends with its call-budget errors: the WABA's (80007, with the wait in minutes) and the app's (4). */
function usageHeaders(code: number, wabaId: string): Record<string, string> | undefined {
  if (code === 80007) {
    const usage = { [wabaId]: [{ type: 'whatsapp_business_management', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 15 }] };
    return { 'x-business-use-case-usage': JSON.stringify(usage) };
  }
  if (code === 4) return { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 15 }) };
  return undefined;
}
