/** Whether a line of the events file has the fields its kind needs: a hand-edited or foreign line is skipped, not a crash. */

type Check = (v: unknown) => boolean;
const text: Check = (v) => typeof v === 'string';
const unixSeconds: Check = (v) => (typeof v === 'string' || typeof v === 'number') && Number.isFinite(new Date(Number(v) * 1000).getTime());

/** The fields each kind of record is read by (webhook analyze, status, send); other fields are optional. */
const NEEDED: Record<string, Record<string, Check>> = {
  status: { id: text, status: text },
  message: { id: text, from: text },
  error: { code: (v) => typeof v === 'number', ts: unixSeconds },
  management: { field: text, at: text },
  preference: { value: text },
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
