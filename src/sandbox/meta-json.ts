/** JSON as Meta writes webhook bodies: every character past ASCII escaped as \uXXXX, and "/" as "\/". */

/**
 * Receivers that verify the signature over a re-encoded body (whatsapp-api-js escapes non-ASCII before
 * hashing) only agree with bytes in this form, so the sandbox signs exactly what Meta would send.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[^\0-~]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
