/** doctor's account-event checks: a template paused or an account restricted, as webhook serve heard it. */
import { eventChecks } from '../../core/doctor/event-checks.js';
import type { TemplateWanted } from '../../core/doctor/template-checks.js';
import type { CheckResult } from '../../core/doctor/types.js';
import type { Settings } from '../../io/config.js';
import type { DoctorFacts } from '../../io/doctor/gather.js';

/** The latest management event per subject for the wanted templates (or the account alone), as checks. */
export async function recentEventChecks(s: Settings, facts: DoctorFacts, wanted: TemplateWanted[]): Promise<CheckResult[]> {
  const { latestManagementFor } = await import('../../webhook/management-events.js');
  const phone = facts.phone.ok ? facts.phone.value : undefined;
  const events = await Promise.all(
    (wanted.length ? wanted : [undefined]).map((w) => latestManagementFor(s.events, { template: w && { name: w.name, language: w.language }, phoneNumbers: [phone?.display_phone_number, s.phoneNumberId].filter((x): x is string => Boolean(x)), wabaId: s.wabaId })),
  );
  const seen = new Set<string>();
  return eventChecks(events.flat().filter((e) => !seen.has(`${e.field}|${e.subject}`) && seen.add(`${e.field}|${e.subject}`)));
}
