/** A number a person typed on the command line (send --to, suppressions add): classified like a list's cell, with no spreadsheet to blame. */
import { classify, type Classified } from './classify.js';

/**
 * Classify a typed number. A list's "17012345678" in a German row lost its leading 0 in Excel
 * (leading-zero-restored); typed by a person, it is as likely +1 701 ...: ambiguous, both candidates
 * in `detail`, so nothing is sent to or suppressed for a number the person did not mean.
 */
export function classifyTyped(text: string, country: string | undefined): Classified {
  const c = classify(text, country);
  if (c.detail !== 'leading-zero-restored') return c;
  const international = classify(`+${text.replace(/\D/g, '')}`, undefined);
  return { e164: '', valid: false, reason: 'ambiguous-country-code', region: '', type: '', detail: `${international.e164} or ${c.e164}` };
}
