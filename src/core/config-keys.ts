/**
 * Every key a config file may hold, with the shape it must have: the one list (add yours here when a
 * command reads a new key, and document it in the README's configuration table).
 */

import { isObject } from './is-object.js';
import { nearestName } from './nearest-name.js';
import { graphUrlProblem } from './url-policy.js';

/** A check returns what is wrong with a value, or undefined when it is fine. */
type Check = (value: unknown) => string | undefined;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}

const text: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : `must be a non-empty string, got ${describe(v)}`);
const secret: Check = (v) => text(v) ?? (typeof v === 'string' && /[\r\n]/.test(v) ? 'must be on one line (it holds a line break)' : undefined);
const id: Check = (v) =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && /^[\w.:-]{1,64}$/.test(v))
    ? undefined
    : `must be a numeric id such as "109876543210987", got ${describe(v)}`;
const httpUrl: Check = (v) => {
  if (typeof v !== 'string') return `must be an http(s) URL, got ${describe(v)}`;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : `must be an http(s) URL, got ${u.protocol}`;
  } catch {
    return `must be an http(s) URL, got ${describe(v)}`;
  }
};
const object: Check = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : `must be an object, got ${describe(v)}`);
/** An object whose own keys are known ones: a typo one level down must not be ignored either. */
const objectWith =
  (known: string[]): Check =>
  (v) => {
    if (!isObject(v)) return object(v);
    const unknown = Object.keys(v).find((k) => !known.includes(k));
    if (unknown === undefined) return undefined;
    const near = closestKey(unknown, known);
    return `has an unknown key "${unknown.slice(0, 60)}"${near ? ` (did you mean "${near}"?)` : ` (known: ${known.join(', ')})`}`;
  };

/** Known config keys. Unknown keys are refused with a "did you mean" (a typo must not silently do nothing). */
export const CONFIG_KEYS: Record<string, Check> = {
  $schema: text,
  token: secret,
  phoneNumberId: id,
  wabaId: id,
  appId: id,
  appSecret: secret,
  verifyToken: secret,
  webhookUrl: httpUrl,
  // Shape here; whether plain http:// is allowed (loopback, --allow-insecure-graph-url) is judged on the resolved setting.
  graphUrl: (v) => (typeof v === 'string' ? (text(v) ?? graphUrlProblem(v, true)) : text(v)),
  apiVersion: (v) => (typeof v === 'string' && /^v\d+\.\d+$/.test(v) ? undefined : `must look like "v23.0", got ${describe(v)}`),
  events: text,
  store: text,
  lint: objectWith(['rules', 'words', 'templates']),
  pricing: objectWith(['rates', 'currency', 'date', 'unlisted']),
};

/** The known key closest to an unknown one, when it is close enough to be a typo. */
export function closestKey(key: string, known: readonly string[] = Object.keys(CONFIG_KEYS)): string | undefined {
  const near = nearestName(key, known);
  return near && near.distance <= Math.max(2, Math.floor(key.length / 3)) ? near.name : undefined;
}

/** The first problem of a config object, as { key, message }, or undefined. */
export function configProblem(data: Record<string, unknown>): { key: string; message: string } | undefined {
  for (const [key, value] of Object.entries(data)) {
    const check = CONFIG_KEYS[key];
    if (!check) {
      const near = closestKey(key);
      return { key, message: `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}` };
    }
    const problem = check(value);
    if (problem) return { key, message: `"${key}" ${problem}` };
  }
  return undefined;
}
