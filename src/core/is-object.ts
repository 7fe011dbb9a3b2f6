/** The one check that a parsed JSON value is an object with keys (not null, not an array). */

/** Is this a plain JSON object? */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
