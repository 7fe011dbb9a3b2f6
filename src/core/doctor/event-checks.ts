/** webhook.events: what the account and template events received by webhook serve say about sending now. */
import type { ManagementEvent } from '../webhook/management.js';
import { fail, pass, warn, type CheckResult } from './types.js';

/** One check from the latest events (newest first) that concern the template and senders; none when no events were received. */
export function eventChecks(latest: ManagementEvent[]): CheckResult[] {
  if (!latest.length) return [];
  const title = 'Account and template events';
  const line = (e: ManagementEvent) => `${e.subject}: ${e.change} (${e.at})`;
  const stops = latest.filter((e) => e.severity === 'stop');
  if (stops.length) return [fail('webhook.events', title, stops.map(line).join('; '), stops[0].action)];
  const warns = latest.filter((e) => e.severity === 'warn');
  if (warns.length) return [warn('webhook.events', title, warns.map(line).join('; '), warns[0].action)];
  return [pass('webhook.events', title, `latest: ${line(latest[0])}`)];
}
