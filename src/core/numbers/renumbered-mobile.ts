/**
 * Mobile numbers written the way their country wrote them before it renumbered, which WhatsApp still
 * uses as the wa_id of older accounts: Mexico's "1" after +52 (and the "044"/"045"/"01" prefixes,
 * all dropped in 2019) and Brazil's mobiles without the leading "9" (added by 2016). libphonenumber
 * calls them invalid; they are the same subscriber as today's number (see same-wa-number.ts).
 */

/** Today's E.164 text for a number in an old spelling of its plan, or undefined when it is not one. */
export function renumberedMobile(callingCode: string, national: string): string | undefined {
  if (callingCode === '52') {
    // +52 1 55 1234 5678 (mobile from abroad), 044/045 55 1234 5678 (mobile at home), 01 55 1234 5678.
    if (national.length === 11 && national[0] === '1') return `+52${national.slice(1)}`;
    if (national.length === 13 && /^04[45]/.test(national)) return `+52${national.slice(3)}`;
    if (national.length === 12 && national.startsWith('01')) return `+52${national.slice(2)}`;
    return undefined;
  }
  // +55 11 8765-4321: an eight-digit subscriber number starting 6-9 was a mobile; landlines start 2-5.
  if (callingCode === '55' && national.length === 10 && /^[1-9][1-9][6-9]/.test(national)) {
    return `+55${national.slice(0, 2)}9${national.slice(2)}`;
  }
  return undefined;
}
