/** POST /_sandbox/inbound: a customer writes in. Opens their 24 h window and sends the signed inbound message webhook. */
import { graphError, isSandboxError, missing, type SandboxError } from './graph-errors.js';
import { ok, type Answer } from './http.js';
import { windowClosesAt } from './service-window.js';
import type { SandboxState } from './state.js';
import { isObj, type Obj } from './validate-content.js';
import type { WebhookEmitter } from './webhooks.js';

/** The message object of an inbound webhook for a request body, or an error. */
export function inboundMessage(body: Obj, id: string, businessDigits: string, now: number): Record<string, unknown> | SandboxError {
  const from = String(body.from ?? '').replace(/^\+/, '');
  const base: Record<string, unknown> = { from, id, timestamp: String(Math.floor(now / 1000)) };
  if (typeof body.context === 'string') base.context = { from: businessDigits, id: body.context };
  const type = body.type ?? 'text';
  const title = typeof body.text === 'string' ? body.text : undefined;
  const reply = isObj(body.button) ? body.button : {};
  if (type === 'text') return title ? { ...base, type, text: { body: title } } : missing('text');
  if (type === 'button') {
    // A quick-reply button of a template: payload and the button's text.
    const text = String(reply.text ?? reply.title ?? title ?? '');
    return text ? { ...base, type, button: { payload: String(reply.payload ?? reply.id ?? text), text } } : missing('button.text');
  }
  if (type === 'button_reply' || type === 'list_reply') {
    const t = String(reply.title ?? title ?? '');
    if (!t) return missing('button.title');
    const content: Record<string, unknown> = { id: String(reply.id ?? t), title: t };
    if (type === 'list_reply' && typeof reply.description === 'string') content.description = reply.description;
    return { ...base, type: 'interactive', interactive: { type, [type]: content } };
  }
  if (type === 'reaction') {
    if (typeof body.context !== 'string') return missing('context (the wamid reacted to)');
    return { from, id, timestamp: base.timestamp, type, reaction: { message_id: body.context, emoji: String(body.emoji ?? title ?? '👍') } };
  }
  return graphError(100, `type must be text, button, button_reply, list_reply or reaction, got ${String(type)}`);
}

/** Play a customer's message: record it, open the window, send the webhook (first attempt awaited). */
export async function receiveInbound(body: Obj, state: SandboxState, webhooks: WebhookEmitter): Promise<Answer> {
  const digits = String(body.from ?? '').replace(/^\+/, '');
  if (!/^\d{7,15}$/.test(digits)) return graphError(100, 'from must be the customer\'s number in E.164 digits, e.g. "491701234567".');
  const now = Date.now();
  const id = state.nextWamid();
  const o = state.o;
  const message = inboundMessage(body, id, o.displayPhoneNumber.replace(/\D/g, ''), now);
  if (isSandboxError(message)) return message;
  const e164 = `+${digits}`;
  state.openWindow(e164, now);
  const type = String(message.type);
  state.inbound.push({ id, from: e164, type, text: typeof body.text === 'string' ? body.text : undefined, receivedAt: new Date(now).toISOString() });
  const name = typeof body.name === 'string' ? body.name : 'Sandbox Customer';
  const userId = state.userIdOf(e164);
  const value = { contacts: [{ profile: { name }, wa_id: digits, user_id: userId }], messages: [{ ...message, from_user_id: userId }] };
  const delivered = await webhooks.emit('messages', value, typeof body.phoneNumberId === 'string' ? body.phoneNumberId : undefined);
  return ok({ id, from: digits, type, windowClosesAt: new Date(windowClosesAt(now)!).toISOString(), webhook: webhooks.enabled ? (delivered ? 'delivered' : 'retrying') : 'off' });
}
