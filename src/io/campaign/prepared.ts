/** What prepareSend hands the send: the recipients to send to, those skipped and why, and the plan's policy lines. */
import type { PlanPolicies, SendTarget } from '../../core/campaign/plan-policies.js';
import type { Budget } from '../../core/campaign/policies.js';
import type { SendWindow } from '../../core/campaign/window.js';
import type { GraphClient } from '../graph/client.js';
import type { MediaCheck } from './media.js';
import type { RecipientList, SkippedRow } from './recipients.js';
import type { TemplateFacts } from './template-check.js';

/** A recipient of the campaign, ready to send. */
export interface Sendable {
  e164: string;
  /** The recipient's time zone, for the send window. */
  zone?: string;
  /** Values of the campaign's mapped columns: the payload is rendered from them at send time. */
  values: string[];
  callbackData: string;
}

/** A sendable recipient with the list line it came from and its region (for the plan's per-country lines). */
export type Target = Sendable & { line: number; region: string };

/** The policy lines of the plan, always with where the messages go. */
export type PolicyPlan = PlanPolicies & { where: SendTarget };

/** A campaign checked and rendered, ready for the ledger and the first send. */
export interface Prepared {
  client?: GraphClient;
  list: RecipientList;
  template: TemplateFacts;
  targets: Target[];
  skipped: SkippedRow[];
  skippedByReason: Record<string, number>;
  window?: SendWindow;
  budget?: Budget;
  media?: MediaCheck;
  seed: number;
  /** Render a target's request body (media ids still as placeholders). */
  payloadOf(t: Sendable): Record<string, unknown>;
  /** The policy lines of the plan for a set of recipients. */
  policiesFor(targets: { region: string; zone?: string }[]): PolicyPlan;
}
