/** Business-scoped user ids (BSUIDs): Meta's stable id of a user within one business portfolio, "US.13491208655302741918". */
import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A BSUID or a parent BSUID ("US.ENT.…") as Meta writes them: the user's country, a dot, up to 128 letters and digits. */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** The sandbox's BSUID of a number: the same for the same account and number, different across accounts. Pure. */
export function userIdFor(wabaId: string, e164: string): string {
  const country = parsePhoneNumberFromString(e164)?.country ?? 'US';
  const digits = BigInt(`0x${createHash('sha256').update(`${wabaId}:${e164}`).digest('hex').slice(0, 16)}`).toString().padStart(20, '1').slice(0, 20);
  return `${country}.${digits}`;
}
