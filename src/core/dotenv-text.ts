/** The text of a .env file as Windows editors also save it: UTF-8 with a BOM (Notepad), UTF-16 (PowerShell's `>`). */

/**
 * Decode .env bytes: a UTF-8 BOM would glue itself to the first key (`\ufeffWA_OPS_TOKEN`) and UTF-16 read as UTF-8
 * is NULs between the letters; either way the settings would be silently unset.
 */
export function dotenvText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  const text = b.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
