/** The pricing (and, before v24, conversation) objects of status webhooks under per-message pricing (PMP, since 2025-07-01). */

/** What the pricing of a message is decided from: its category and the service window. */
export interface PricedMessage {
  /** The template's category (MARKETING, UTILITY, AUTHENTICATION), or undefined for a free-form message. */
  templateCategory?: string;
  /** Was the user's 24 h customer service window open when the message was sent? */
  windowOpen: boolean;
  /** The Graph API version of the send request, e.g. "v23.0". */
  apiVersion: string;
}

/** The pricing object the sandbox puts on statuses (PMP). */
export interface Pricing {
  billable: boolean;
  pricing_model: 'PMP';
  type: 'regular' | 'free_customer_service';
  category: string;
}

/**
 * Meta's PMP rules: free-form replies are free service messages; utility templates are free inside an
 * open service window; marketing and authentication templates are always charged.
 */
export function pricingFor(m: PricedMessage): Pricing {
  if (m.templateCategory === undefined) return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
  const category = m.templateCategory.toLowerCase();
  if (category === 'utility' && m.windowOpen) return { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category };
  return { billable: true, pricing_model: 'PMP', type: 'regular', category };
}

/** The major version number of "v23.0" (23), or undefined. */
export function majorVersion(apiVersion: string): number | undefined {
  const m = /^v(\d+)(?:\.\d+)?$/.exec(apiVersion);
  return m ? Number(m[1]) : undefined;
}

/** The conversation object: still sent up to v23, left out from v24.0 on (free entry points aside, which the sandbox has none of). */
export function conversationFor(m: PricedMessage, conversationId: string, expiresAt: number | undefined): Record<string, unknown> | undefined {
  const major = majorVersion(m.apiVersion);
  if (major !== undefined && major >= 24) return undefined;
  const origin = { type: pricingFor(m).category };
  return expiresAt === undefined ? { id: conversationId, origin } : { id: conversationId, expiration_timestamp: String(expiresAt), origin };
}
