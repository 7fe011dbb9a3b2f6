/** Read the sending number's limits (throughput, messaging limit) once, before a run. */
import { errorMessage } from '../../core/caught.js';
import { UpstreamError } from '../../core/errors.js';
import { GraphError } from '../../core/graph/graph-error.js';
import type { GraphClient } from '../graph/client.js';

/** The sending number's tier, throughput and display name, or why they could not be read. */
export interface AccountLimits {
  tier?: string;
  throughputLevel?: string;
  /** The number as people see it, and the business name on it. */
  display?: string;
  name?: string;
  error?: string;
}

/** One request for both fields; a failure is reported, not thrown (the run can go on with dailyLimit). */
export async function accountLimits(client: GraphClient, phoneNumberId: string): Promise<AccountLimits> {
  try {
    const p = await client.getPhoneNumber(phoneNumberId, ['throughput', 'whatsapp_business_manager_messaging_limit', 'messaging_limit_tier', 'display_phone_number', 'verified_name']);
    return { tier: p.whatsapp_business_manager_messaging_limit ?? p.messaging_limit_tier, throughputLevel: p.throughput?.level, display: p.display_phone_number, name: p.verified_name };
  } catch (err) {
    refuseUnknownSender(phoneNumberId, err);
    return { error: errorMessage(err) };
  }
}

/** Every further sender exists and this token can use it (one small GET each), before anything is stored or sent. */
export async function checkOtherSenders(client: GraphClient, senders: readonly string[]): Promise<void> {
  for (const id of senders.slice(1)) {
    try {
      await client.getPhoneNumber(id, ['id']);
    } catch (err) {
      refuseUnknownSender(id, err); // other failures (a field, a hiccup) are not this check's to judge: the sends will say
    }
  }
}

/** A sender Graph does not know (100/33) would fail every send to it: stop now (exit 3) rather than fail the list. */
function refuseUnknownSender(id: string, err: unknown): void {
  if (err instanceof GraphError && err.graphCode === 100 && err.subcode === 33) {
    throw new UpstreamError(`sender ${id}: no such phone number id, or this token cannot use it; nothing was sent`, { code: 'unknown-sender', hint: 'check WA_OPS_PHONE_NUMBER_ID or the campaign\'s "senders", and that the token can use them (wa-ops doctor)' });
  }
}
