/**
 * Does a WhatsApp id (a status webhook's `recipient_id`) name the number a message was sent to?
 * Compared as digits; Meta's wa_id for some countries is not the E.164 a business dials: Brazil's
 * older accounts lack the mobile "9" after the area code, Mexico's carry the old "1" after 52 and
 * Argentina's the "9" after 54. Those spellings count as the same number, nothing else does.
 */

const digitsOf = (v: string): string => v.replace(/\D/g, '');

/** The other spelling Meta may use for this number, if its country has one. */
function variants(d: string): string[] {
  const out = [d];
  // Brazil: +55 AA 9XXXX-XXXX (13 digits) <-> 55 AA XXXX-XXXX (12 digits).
  if (d.startsWith('55') && d.length === 13 && d[4] === '9') out.push(d.slice(0, 4) + d.slice(5));
  if (d.startsWith('55') && d.length === 12) out.push(`${d.slice(0, 4)}9${d.slice(4)}`);
  // Mexico: 52 1 + 10 digits <-> 52 + 10 digits; Argentina: 54 9 + 10 digits <-> 54 + 10 digits.
  for (const [cc, extra] of [['52', '1'], ['54', '9']] as const) {
    if (d.startsWith(cc) && d.length === 13 && d[2] === extra) out.push(cc + d.slice(3));
    if (d.startsWith(cc) && d.length === 12) out.push(cc + extra + d.slice(2));
  }
  return out;
}

/** True when both name the same WhatsApp number ("+491701234567" and "491701234567" do). */
export function sameWhatsAppNumber(a: string, b: string): boolean {
  const x = digitsOf(a);
  const y = digitsOf(b);
  if (x === '' || y === '') return false;
  return variants(x).includes(y);
}

/** One spelling for every spelling of the same WhatsApp account ("+5511987654321" and "+551187654321" give the same). */
export function whatsAppKey(e164: string): string {
  const d = digitsOf(e164);
  return d === '' ? e164 : `+${variants(d).sort()[0]}`;
}
