/** The policy lines of a send plan, shared by what works them out (io) and what prints them (ui). */
import type { Budget, WindowPlan } from './policies.js';
import type { CostEstimate } from './pricing.js';

/** Where the messages go: sender number, business name, WABA, Graph host. */
export interface SendTarget {
  senders: string[];
  display?: string;
  businessName?: string;
  wabaId?: string;
  graphUrl: string;
  /** The host is not Meta's Graph API (a sandbox, a proxy, or a mistake). */
  notMeta: boolean;
}

/** The policy lines of a plan: window, budget, cost, hosts, notices and media. */
export interface PlanPolicies {
  window?: WindowPlan;
  budget?: Budget;
  cost: CostEstimate;
  graphUrls: string[];
  notices: string[];
  media?: { kind: string; source: string; mime?: string; size?: number; local: boolean };
  /** Where the messages go (absent in a plan rebuilt without the account). */
  where?: SendTarget;
}
