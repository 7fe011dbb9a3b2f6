/** The webhooks Meta would send when the account changes: a scenario switched at run time is announced like the real event. */
import type { SandboxState, Scenario } from './state.js';
import type { WebhookEmitter } from './webhooks.js';

const PAUSE_NOTE = 'Your WhatsApp message template has been paused for 3 hours due to low quality.';

/** Send the account and template webhooks for scenarios turned on or off (first attempts awaited). */
export async function announceScenarioChange(before: ReadonlySet<Scenario>, state: SandboxState, webhooks: WebhookEmitter): Promise<void> {
  const on = (s: Scenario) => !before.has(s) && state.scenarios.has(s);
  const off = (s: Scenario) => before.has(s) && !state.scenarios.has(s);
  const sends: Promise<boolean>[] = [];
  if (on('template-paused') || off('template-paused')) {
    const paused = on('template-paused');
    for (const t of state.templates.values()) {
      if (t.status !== 'APPROVED') continue;
      // A pause ends with an APPROVED event, as Meta sends it.
      const value: Record<string, unknown> = { event: paused ? 'PAUSED' : 'APPROVED', message_template_id: Number(t.id), message_template_name: t.name, message_template_language: t.language, reason: 'NONE', message_template_category: t.category };
      if (paused) value.other_info = { title: 'FIRST_PAUSE', description: PAUSE_NOTE };
      sends.push(webhooks.emit('message_template_status_update', value));
      if (paused) sends.push(webhooks.emit('message_template_quality_update', { previous_quality_score: 'GREEN', new_quality_score: 'RED', message_template_id: Number(t.id), message_template_name: t.name, message_template_language: t.language }));
    }
  }
  const limit = state.scenarios.has('limit-250') ? 'TIER_250' : 'TIER_10K';
  const phone = { display_phone_number: state.o.displayPhoneNumber.replace(/\D/g, '') };
  if (on('quality-red')) sends.push(webhooks.emit('phone_number_quality_update', { ...phone, event: 'FLAGGED', current_limit: limit }));
  if (off('quality-red')) sends.push(webhooks.emit('phone_number_quality_update', { ...phone, event: 'UNFLAGGED', current_limit: limit }));
  if (on('limit-250')) sends.push(webhooks.emit('phone_number_quality_update', { ...phone, event: 'DOWNGRADE', old_limit: 'TIER_10K', current_limit: 'TIER_250' }));
  if (off('limit-250')) sends.push(webhooks.emit('phone_number_quality_update', { ...phone, event: 'UPGRADE', old_limit: 'TIER_250', current_limit: 'TIER_10K' }));
  if (on('name-declined')) sends.push(webhooks.emit('phone_number_name_update', { ...phone, decision: 'DECLINED', requested_verified_name: 'wa-ops Sandbox Shop', rejection_reason: 'NAME_FORMAT_UNACCEPTABLE' }));
  await Promise.all(sends);
}
