/** Tells once per run that Meta holds a campaign's messages for its template pacing. */
/**
 * Meta's template pacing: an accepted message may be `held_for_quality_assessment` (or `paused`), delivered only once
 * the template's first quality signals arrive, and dropped if it is paused. Said once per run, so nobody reads
 * "sent" as "on its way".
 */
export function pacingNotice(template: string, notice: (text: string) => void): { note(status: string | undefined): void } {
  let told = false;
  return {
    note(status) {
      if (told || status === undefined || status === 'accepted') return;
      told = true;
      notice(`template ${template} is under Meta's pacing: messages are accepted as "${status}" and held until its quality is assessed (a pause fails them, see the status webhooks); check it in WhatsApp Manager before sending more`);
    },
  };
}
