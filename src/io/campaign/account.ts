/** Read the sending number's limits (throughput, messaging limit) once, before a run. */
import { errorMessage } from '../../core/caught.js';
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
    return { error: errorMessage(err) };
  }
}
