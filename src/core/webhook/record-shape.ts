/** Whether a line of the events file has the fields its kind needs: a hand-edited or foreign line is skipped, not a crash. */

type Check = (v: unknown) => boolean;
const text: Check = (v) => typeof v === 'string';
const optionalText: Check = (v) => v === undefined || typeof v === 'string';
const optionalTime: Check = (v) => v === undefined || typeof v === 'string' || typeof v === 'number';
const optionalList: Check = (v) => v === undefined || Array.isArray(v);
const optionalObject: Check = (v) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));
const unixSeconds: Check = (v) => (typeof v === 'string' || typeof v === 'number') && Number.isFinite(new Date(Number(v) * 1000).getTime());

/** The fields each kind of record is read by (webhook analyze, status, send), present or optional with their type. */
const NEEDED: Record<string, Record<string, Check>> = {
  status: { id: text, status: text, ts: optionalTime, recipient: optionalText, cb: optionalText, category: optionalText, errors: optionalList, pricing: optionalObject },
  message: { id: text, from: text, type: optionalText, text: optionalText, ts: optionalTime, errors: optionalList },
  // A code Meta did not send is stored as null (NaN in JSON).
  error: { code: (v) => v === null || typeof v === 'number', ts: unixSeconds },
  management: { field: text, at: text },
  preference: { value: text, category: optionalText },
  other: { field: text },
};

/** What is missing or malformed in a record of a known kind ("a status record without "id""), else undefined. */
export function recordProblem(r: Record<string, unknown>): string | undefined {
  const needed = NEEDED[String(r.kind)];
  if (!needed) return undefined;
  const bad = Object.keys(needed).find((k) => !needed[k](r[k]));
  if (bad === undefined) return undefined;
  const kind = String(r.kind);
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} record ${r[bad] === undefined ? 'without' : 'with a malformed'} "${bad}"`;
}
