/** One status of a message as Meta's statuses webhook carries it: ids, callback data, PMP pricing, the conversation up to v23. */
import { conversationFor, pricingFor, type PricedMessage } from './pricing.js';
import { SERVICE_WINDOW_MS } from './service-window.js';
import type { AcceptedMessage } from './state.js';

/** The status object for `status` of an accepted message (`category`: its template's category, if a template). Pure but for the clock. */
export function statusObject(m: AcceptedMessage, status: string, recipient: string, category: string | undefined, errors?: unknown[]): Record<string, unknown> {
  // recipient_id (the number) only when the account knows it; the BSUID always, as Meta sends it since 2026.
  const o: Record<string, unknown> = { id: m.id, status, timestamp: String(Math.floor(Date.now() / 1000)) };
  if (m.to.startsWith('+')) o.recipient_id = recipient;
  if (m.userId) o.recipient_user_id = m.userId;
  if (m.bizOpaqueCallbackData !== undefined) o.biz_opaque_callback_data = m.bizOpaqueCallbackData;
  if (status === 'sent' || status === 'delivered') {
    const priced: PricedMessage = { templateCategory: m.template ? (category ?? 'UTILITY') : undefined, windowOpen: m.windowOpen, apiVersion: m.apiVersion };
    const sentAt = Math.floor(Date.parse(m.acceptedAt) / 1000);
    const conversation = conversationFor(priced, conversationId(m, priced), status === 'sent' ? sentAt + SERVICE_WINDOW_MS / 1000 : undefined);
    if (conversation) o.conversation = conversation;
    o.pricing = pricingFor(priced);
  }
  if (errors) o.errors = errors;
  return o;
}

/** One conversation id per recipient and category, as Meta keeps one per 24 h conversation. */
function conversationId(m: AcceptedMessage, p: PricedMessage): string {
  return Buffer.from(`${m.to}:${pricingFor(p).category}:${m.phoneNumberId}`).toString('hex').slice(0, 32);
}
