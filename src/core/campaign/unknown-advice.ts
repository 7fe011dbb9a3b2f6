/** What an operator can do about recipients whose send has no answer ("unknown"): wait for their webhooks, or resend. */
import type { ResumeInput } from './resume.js';
import { resumeCommand } from './resume.js';

/**
 * The advice for `unknown` recipients, with the command that resends to them (and, since a send takes every recipient
 * left, to those still pending); undefined when there are none.
 */
export function unknownAdvice(unknown: number, pending: number, retry: ResumeInput): string | undefined {
  if (unknown <= 0) return undefined;
  const who = unknown === 1 ? '1 recipient is' : `${unknown.toLocaleString('en-US')} recipients are`;
  const also = pending > 0 ? ` (and to the ${pending.toLocaleString('en-US')} still pending)` : '';
  return (
    `${who} unknown: the request went out without an answer, so the message may have arrived. ` +
    `A status webhook settles each one (keep \`wa-ops webhook serve\` running; \`wa-ops status\` then counts it as sent). ` +
    `To send to them again anyway${also}, knowing that those who got it get it twice: ${resumeCommand({ ...retry, retryUnknown: true, limit: undefined })}`
  );
}
